package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.Bind;
import io.hakit.core.model.ModelException;
import io.hakit.core.model.Setting;
import io.hakit.core.net.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code bind <addr>[,<addr>...] [options]} (HAPROXY-CFG-DIALECT.md 7): each address becomes one
 * {@link Bind}; {@code name}, {@code maxconn} and {@code backlog} are typed, other options are
 * kept as written. A port is mandatory; SSL needs a certificate.
 */
final class BindKeyword {
  private BindKeyword() {}

  static List<ProxyKeyword> keywords() {
    return List.of(ProxyKeyword.of("bind", Cap.F, BindKeyword::parse));
  }

  static void parse(ProxyContext ctx, Statement st) {
    if (st.word(1).isEmpty()) {
      ctx.error("'bind' expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments.");
      return;
    }
    if (st.word(1).startsWith("abns@")) {
      ctx.draft.frontendExtras.add(new io.hakit.core.model.Setting("bind", st.from(1), ctx.origin));
      ctx.ignoredByHakit("'bind " + st.word(1) + "' (abstract namespace socket)");
      return;
    }
    List<Bind> binds = read(st.word(1), st.from(2), ctx.origin, ctx.proxyLabel(), ctx.diag);
    if (binds != null) {
      ctx.draft.binds.addAll(binds);
    }
  }

  /** The binds of one line, or null after reporting. */
  static @Nullable List<Bind> read(String addresses, List<String> opts, Origin origin, String section,
      Diagnostics diag) {
    String prefix = "'bind " + addresses + "' in " + section + ": ";
    String name = null;
    int maxconn = 0;
    int backlog = 0;
    boolean ssl = false;
    boolean crt = false;
    List<Setting> options = new ArrayList<>();
    for (int i = 0; i < opts.size(); i++) {
      String kw = opts.get(i);
      Integer arity = BindOptions.ARITY.get(kw);
      if (arity == null) {
        diag.error(origin, prefix + "unknown keyword '" + kw + "'" + Suggestions.hint(kw, BindOptions.ARITY.keySet())
            + ".");
        return null;
      }
      if (arity == 1 && i + 1 >= opts.size()) {
        diag.error(origin, prefix + "'" + kw + "' : missing value.");
        return null;
      }
      String value = arity == 1 ? opts.get(i + 1) : null;
      switch (kw) {
        case "name" -> name = value;
        case "maxconn" -> maxconn = Math.max(0, Values.atoi(value));
        case "backlog" -> backlog = Math.max(0, Values.atoi(value));
        default -> {
          options.add(new Setting(kw, value == null ? List.of() : List.of(value), origin));
          ssl |= kw.equals("ssl");
          crt |= kw.equals("crt") || kw.equals("crt-list");
          if ((kw.equals("crt") || kw.equals("crt-list")) && !java.nio.file.Files.exists(java.nio.file.Path.of(value))) {
            diag.error(origin, prefix + "unable to stat SSL certificate from file '" + value
                + "' : No such file or directory.");
            return null;
          }
        }
      }
      i += arity;
    }
    if (ssl && !crt) {
      diag.error(origin, "Proxy " + section + ": no SSL certificate specified for bind '" + addresses + "' at ["
          + origin + "] (use 'crt').");
      return null;
    }
    List<Bind> binds = new ArrayList<>();
    for (String addr : addresses.split(",")) {
      if (addr.isEmpty()) {
        continue;
      }
      Endpoint ep;
      try {
        ep = Endpoint.parse(addr);
        Addresses.requireValidLiteral(ep);
      } catch (IllegalArgumentException e) {
        diag.error(origin, "'bind' : " + e.getMessage());
        return null;
      }
      if (ep.portKind() != Endpoint.PortKind.FIXED && ep.family() != Endpoint.Family.UNIX) {
        diag.error(origin, "'bind' : missing port specification in '" + addr + "'");
        return null;
      }
      try {
        binds.add(new Bind(ep, name, maxconn, backlog, options, origin));
      } catch (ModelException e) {
        diag.error(origin, e.problems().get(0).message());
        return null;
      }
    }
    return binds;
  }
}
