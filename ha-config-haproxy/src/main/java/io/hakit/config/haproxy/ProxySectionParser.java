package io.hakit.config.haproxy;

import java.nio.file.Path;

/**
 * Dispatches one line of a proxy section to its keyword's handler, after HAProxy's placement
 * rules: unknown keywords get a "did you mean", keywords without a {@code defaults} column are
 * fatal there, rules are fatal in anonymous defaults, and a keyword for the other side of the
 * proxy is ignored with a warning (or fatal for the few "not allowed" ones).
 */
final class ProxySectionParser {
  private ProxySectionParser() {}

  static void parse(ProxyDraft draft, Statement st, String modifier, Diagnostics diag, Path baseDir,
      GlobalDraft global) {
    String kw = st.keyword();
    ProxyKeyword k = ProxyKeywords.get(kw);
    if (k == null) {
      diag.error(st.origin(), "unknown keyword '" + kw + "' in '" + draft.type.keyword() + "' section"
          + Suggestions.hint(kw, ProxyKeywords.names()));
      return;
    }
    int caps = k.caps();
    if (draft.isDefaults()) {
      if ((caps & Cap.D) == 0) {
        diag.error(st.origin(), "'" + kw + "' not allowed in 'defaults' section.");
        return;
      }
      if (draft.isAnonymousDefaults() && (caps & Cap.NAMED_DEFAULTS_ONLY) != 0) {
        diag.error(st.origin(), "'" + kw + "' not allowed in anonymous 'defaults' section.");
        return;
      }
    } else {
      boolean usable = ((caps & Cap.F) != 0 && draft.type.frontend()) || ((caps & Cap.B) != 0 && draft.type.backend());
      if (!usable) {
        String missing = (caps & Cap.F) != 0 ? "frontend" : "backend";
        String label = draft.type.label() + " '" + draft.name + "'";
        if ((caps & Cap.FAIL_IF_NOT_CAP) != 0) {
          diag.error(st.origin(), "'" + kw + "' not allowed because " + label + " has no " + missing + " capability.");
        } else {
          String hint = kw.equals("maxconn") ? " Maybe you want 'fullconn' instead ?"
              : kw.equals("fullconn") ? " Maybe you want 'maxconn' instead ?" : "";
          diag.warning(st.origin(), "'" + kw + "' ignored because " + label + " has no " + missing + " capability."
              + hint);
        }
        return;
      }
    }
    k.handler().parse(new ProxyContext(draft, diag, st.origin(), modifier, baseDir, caps, global), st);
  }
}
