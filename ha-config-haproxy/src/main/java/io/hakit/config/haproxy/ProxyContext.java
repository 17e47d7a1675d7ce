package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.Setting;
import java.nio.file.Path;

/**
 * What a proxy keyword handler sees besides its line: the draft of the current section, the
 * {@code no}/{@code default} prefix of the line, and where to report. Handlers report; they never
 * format locations (the diagnostic does).
 */
final class ProxyContext {
  final ProxyDraft draft;
  final Diagnostics diag;
  final Origin origin;
  /** {@code "no"}, {@code "default"} or empty. */
  final String modifier;
  /** The directory relative paths (ACL pattern files, certificates) are resolved against. */
  final Path baseDir;
  /** The keyword's capability mask, for {@link #keep}. */
  final int keywordCaps;
  /** The global section read so far (some proxy checks depend on it, as in HAProxy). */
  final GlobalDraft global;

  ProxyContext(ProxyDraft draft, Diagnostics diag, Origin origin, String modifier, Path baseDir, int keywordCaps,
      GlobalDraft global) {
    this.global = global;
    this.draft = draft;
    this.diag = diag;
    this.origin = origin;
    this.modifier = modifier;
    this.baseDir = baseDir;
    this.keywordCaps = keywordCaps;
  }

  void error(String message) {
    diag.error(origin, message);
  }

  void warning(String message) {
    diag.warning(origin, message);
  }

  /** {@code frontend 'fe'}, {@code backend 'be'}, {@code proxy 'li'}, {@code defaults 'd'}. */
  String proxyLabel() {
    return draft.type.label() + " '" + draft.name + "'";
  }

  /**
   * Keeps a line HAProxy accepts but HAKit does not run in the model's extras, with HAKit's
   * warning: never silently dropped.
   */
  void keep(Statement st) {
    addExtras(st);
    ignoredByHakit("'" + st.keyword() + (st.size() > 1 ? " " + st.word(1) : "") + "'");
  }

  /** Puts a line in the model's extras for the part of HAKit that reads it there. */
  void addExtras(Statement st) {
    Setting s = new Setting(st.keyword(), st.from(1), origin);
    boolean fe = (keywordCaps & Cap.F) != 0;
    boolean be = (keywordCaps & Cap.B) != 0;
    if (fe && (draft.type.frontend() || draft.isDefaults())) {
      draft.frontendExtras.add(s);
    }
    if (be && (draft.type.backend() || draft.isDefaults())) {
      draft.backendExtras.add(s);
    }
  }

  void ignoredByHakit(String what) {
    warning(what + " is supported by HAProxy, ignored by HAKit.");
  }
}
