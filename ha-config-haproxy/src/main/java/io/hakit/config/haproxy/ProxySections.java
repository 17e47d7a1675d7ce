package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Section headers of proxies (HAPROXY-CFG-DIALECT.md 5, 6.1, 6.2, 6.4): names, {@code from}
 * defaults, the last-defaults rule, duplicate names, and the legacy address on a frontend or
 * listen header (an error in strict mode, a bind with a warning otherwise; see {@link
 * Deviations#LEGACY_HEADER_ADDRESS}). Keeps the drafts in file order.
 */
final class ProxySections {
  private final Diagnostics diag;
  private final boolean strict;
  /** Frontends, backends and listens in file order. */
  final List<ProxyDraft> proxies = new ArrayList<>();
  private final Map<String, List<ProxyDraft>> namedDefaults = new HashMap<>();
  /** Proxies by name, for the duplicate check (a name may hold a frontend and a backend). */
  private final Map<String, List<ProxyDraft>> byName = new HashMap<>();
  private @Nullable ProxyDraft lastDefaults;

  ProxySections(Diagnostics diag, boolean strict) {
    this.diag = diag;
    this.strict = strict;
  }

  /** Opens the section of a header line; null when HAProxy would not create it. */
  @Nullable ProxyDraft open(Statement st) {
    SectionType type = switch (st.keyword()) {
      case "defaults" -> SectionType.DEFAULTS;
      case "frontend" -> SectionType.FRONTEND;
      case "backend" -> SectionType.BACKEND;
      default -> SectionType.LISTEN;
    };
    Origin at = st.origin();
    int i = 1;
    String name = "";
    if (type == SectionType.DEFAULTS) {
      boolean fromClause = st.word(1).equals("from") && !st.word(2).isEmpty();
      if (!st.word(1).isEmpty() && !fromClause) {
        name = st.word(1);
        i = 2;
      }
    } else {
      name = st.word(1);
      if (name.isEmpty()) {
        diag.fatal(at, "'" + type.keyword() + "' expects an <id> argument");
        return null;
      }
      i = 2;
    }
    if (!name.isEmpty()) {
      String bad = Names.invalidChar(name);
      if (bad != null) {
        diag.error(at, "character '" + bad + "' is not permitted in '" + type.keyword() + "' name '" + name + "'.");
        return null;
      }
    }
    String legacyAddress = null;
    String fromName = null;
    if (st.word(i).equals("from")) {
      fromName = st.word(i + 1);
      if (fromName.isEmpty()) {
        diag.error(at, "'from' expects a defaults section name.");
        return null;
      }
    } else if (!st.word(i).isEmpty() && (type == SectionType.FRONTEND || type == SectionType.LISTEN)) {
      if (strict) {
        diag.error(at, "please use the 'bind' keyword for listening addresses.");
        return null;
      }
      legacyAddress = st.word(i);
    }
    // A defaults section without 'from' starts from HAProxy's built-in settings; a proxy from the
    // last defaults read so far.
    ProxyDraft base = type == SectionType.DEFAULTS ? null : lastDefaults;
    if (fromName != null) {
      List<ProxyDraft> found = namedDefaults.get(fromName);
      if (found == null) {
        diag.error(at, "defaults section '" + fromName + "' not found for " + type.keyword() + " '" + name + "'.");
        return null;
      }
      if (found.size() > 1) {
        diag.error(at, "ambiguous defaults section name '" + fromName + "' referenced by " + type.keyword() + " '"
            + name + "' exists at least at " + found.get(0).origin + " and " + found.get(1).origin + ".");
        return null;
      }
      base = found.get(0);
      if (base.hasRules && (type == SectionType.DEFAULTS || type == SectionType.LISTEN)) {
        diag.error(at, type.keyword() + " '" + name + "' cannot inherit from defaults section '" + fromName
            + "' because it defines TCP/HTTP rules or ACLs.");
        return null;
      }
    }
    if (base != null && base.hasRules && type != SectionType.DEFAULTS) {
      base.usedByFrontend |= type.frontend();
      base.usedByBackend |= type.backend();
      if (base.usedByFrontend && base.usedByBackend) {
        diag.error(at, "frontends and backends cannot inherit from the same defaults section if it defines TCP/HTTP"
            + " rules (defaults section at " + base.origin + ").");
        return null;
      }
    }
    ProxyDraft draft = new ProxyDraft(type, name, at);
    if (base != null) {
      draft.inheritFrom(base);
    }
    if (type == SectionType.DEFAULTS) {
      lastDefaults = draft;
      if (!name.isEmpty()) {
        namedDefaults.computeIfAbsent(name, k -> new ArrayList<>()).add(draft);
      }
      return draft;
    }
    if (!unique(draft)) {
      return null;
    }
    proxies.add(draft);
    if (legacyAddress != null) {
      diag.warning(at, "'" + type.keyword() + " " + name + " " + String.join(" ", st.from(i)) + "': the address on"
          + " the section line is HAProxy 1.5 syntax (haproxy 2.6 refuses it); HAKit reads it as 'bind "
          + String.join(" ", st.from(i)) + "'. Modern spelling: '" + type.keyword() + " " + name
          + "' followed by the line 'bind " + String.join(" ", st.from(i)) + "'.");
      var binds = BindKeyword.read(legacyAddress, st.from(i + 1), at, type.label() + " '" + name + "'", diag);
      if (binds != null) {
        draft.binds.addAll(binds);
      }
    }
    return draft;
  }

  private boolean unique(ProxyDraft draft) {
    List<ProxyDraft> same = byName.computeIfAbsent(draft.name, k -> new ArrayList<>(1));
    for (ProxyDraft p : same) {
      boolean overlap = (p.type.frontend() && draft.type.frontend()) || (p.type.backend() && draft.type.backend());
      if (overlap) {
        diag.error(draft.origin, draft.type.label() + " '" + draft.name + "' has the same name as " + p.type.label()
            + " '" + p.name + "' declared at " + p.origin + ".");
        return false;
      }
    }
    same.add(draft);
    return true;
  }
}
