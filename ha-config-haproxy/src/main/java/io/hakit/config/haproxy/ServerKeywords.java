package io.hakit.config.haproxy;

import io.hakit.core.Origin;
import io.hakit.core.model.IdleConnectionPool;
import io.hakit.core.model.ModelException;
import io.hakit.core.model.Server;
import io.hakit.core.model.ServerCheck;
import io.hakit.core.model.Setting;
import io.hakit.core.net.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code server <name> <addr> [options]} and {@code default-server [options]} (HAPROXY-CFG-DIALECT.md
 * 8). A server applies the {@code default-server} words read so far, then its own, so later words
 * win as in HAProxy. Check, weight, backup, limits, PROXY protocol, slowstart, cookie and the idle
 * connection pool are typed;
 * the other 2.6 options are kept as written, with HAKit's warning.
 */
final class ServerKeywords {
  /** The options the model types; the rest of {@link ServerOptions#ARITY} are kept. */
  private static final Set<String> TYPED = Set.of("check", "no-check", "backup", "no-backup", "disabled", "enabled",
      "send-proxy", "no-send-proxy", "inter", "fastinter", "downinter", "rise", "fall", "weight", "maxconn",
      "maxqueue", "port", "addr", "slowstart", "cookie", "pool-max-conn", "pool-low-conn", "pool-purge-delay");
  /** Kept options whose value 2.6 checks against a closed list. */
  private static final java.util.Map<String, Set<String>> CHOICES = java.util.Map.of(
      "observe", Set.of("none", "layer4", "layer7"),
      "on-error", Set.of("fastinter", "fail-check", "sudden-death", "mark-down"),
      "on-marked-down", Set.of("shutdown-sessions"),
      "on-marked-up", Set.of("shutdown-backup-sessions"),
      "proto", Set.of("h1", "h2", "fcgi", "none"),
      "verify", Set.of("none", "required"),
      "resolve-prefer", Set.of("ipv4", "ipv6"));
  private static final Set<String> NOT_ON_DEFAULT_SERVER =
      Set.of("id", "no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13");

  private ServerKeywords() {}

  static List<ProxyKeyword> keywords() {
    int where = Cap.B | Cap.FAIL_IF_NOT_CAP;
    return List.of(
        ProxyKeyword.of("server", where, ServerKeywords::server),
        ProxyKeyword.of("default-server", Cap.DB | Cap.FAIL_IF_NOT_CAP, ServerKeywords::defaultServer));
  }

  /** The state of one server while its option words are applied. */
  private static final class State {
    boolean check;
    Duration inter = ServerCheck.DEFAULT_INTER;
    @Nullable Duration fastinter;
    @Nullable Duration downinter;
    int rise = ServerCheck.DEFAULT_RISE;
    int fall = ServerCheck.DEFAULT_FALL;
    int port;
    @Nullable String addr;
    int weight = Server.DEFAULT_WEIGHT;
    boolean backup;
    boolean disabled;
    int maxconn;
    int maxqueue;
    boolean sendProxy;
    @Nullable Duration slowstart;
    @Nullable String cookie;
    IdleConnectionPool idlePool = IdleConnectionPool.DEFAULT;
    final List<Setting> options = new ArrayList<>();
    boolean ssl;
    boolean verifyNone;
    boolean caFile;
  }

  private static void defaultServer(ProxyContext ctx, Statement st) {
    List<String> words = st.from(1);
    String label = "'default-server'";
    if (apply(new State(), words, ctx, label, true, true)) {
      ctx.draft.defaultServerWords.addAll(words);
    }
  }

  private static void server(ProxyContext ctx, Statement st) {
    String name = st.word(1);
    if (name.isEmpty() || st.word(2).isEmpty()) {
      ctx.error("'server' expects <name> and <addr>[:<port>] as arguments.");
      return;
    }
    String label = "'server " + ctx.draft.name + "/" + name + "'";
    String bad = Names.invalidChar(name);
    if (bad != null) {
      ctx.error(label + " : character '" + bad + "' is not permitted in server name '" + name + "'.");
      return;
    }
    if (st.word(2).startsWith("abns@")) {
      ctx.draft.backendExtras.add(new Setting("server", st.from(1), ctx.origin));
      ctx.ignoredByHakit(label + " on an abstract namespace socket");
      return;
    }
    Endpoint address;
    try {
      String text = st.word(2);
      // Port 0 means "the port the client connected to", as no port does.
      address = Endpoint.parse(text.endsWith(":0") ? text.substring(0, text.length() - 2) : text);
      Addresses.requireValidLiteral(address);
    } catch (IllegalArgumentException e) {
      ctx.error(label + " : invalid address: " + e.getMessage());
      return;
    }
    if (address.isWildcard() && address.family() != Endpoint.Family.UNIX) {
      // 2.6 takes it (the server then has no usable address); the model cannot hold it.
      ctx.draft.backendExtras.add(new Setting("server", st.from(1), ctx.origin));
      ctx.ignoredByHakit(label + " without an address");
      return;
    }
    if (address.isRange()) {
      ctx.error(label + " : port ranges and offsets are not allowed in '" + st.word(2) + "'");
      return;
    }
    State s = new State();
    if (!apply(s, ctx.draft.defaultServerWords, ctx, label, false, false) || !apply(s, st.from(3), ctx, label, false,
        true)) {
      return;
    }
    if (s.ssl && !s.verifyNone && !s.caFile && !ctx.global.serverVerifyNone) {
      ctx.error(label + " : verify is enabled by default but no CA file specified. If you're running on a LAN where"
          + " you're certain to trust the server's certificate, please set an explicit 'verify none' statement on"
          + " the 'server' line, or use 'ssl-server-verify none' in the global section to disable server-side"
          + " verifications by default.");
      return;
    }
    Origin previous = ctx.draft.serverNames.get(name);
    if (previous != null) {
      ctx.error(ctx.draft.type.label() + " '" + ctx.draft.name + "', another server named '" + name
          + "' was already defined at line " + previous.line() + ", please use distinct names.");
      return;
    }
    try {
      ServerCheck check = new ServerCheck(s.check, s.inter, s.fastinter, s.downinter, s.rise, s.fall, s.port, s.addr);
      Server.Builder b = Server.builder(name, address).weight(s.weight).backup(s.backup).disabled(s.disabled)
          .check(check).maxconn(s.maxconn).maxqueue(s.maxqueue).sendProxy(s.sendProxy).slowstart(s.slowstart)
          .cookie(s.cookie).idlePool(s.idlePool).origin(ctx.origin);
      s.options.forEach(b::option);
      ctx.draft.servers.add(b.build());
      ctx.draft.serverNames.put(name, ctx.origin);
    } catch (ModelException | IllegalArgumentException e) {
      ctx.error(label + " : " + (e instanceof ModelException m ? m.problems().get(0).message() : e.getMessage()));
    }
  }

  /** Applies option words; reports and returns false on the first bad one. */
  private static boolean apply(State s, List<String> words, ProxyContext ctx, String label, boolean defaultServer,
      boolean warn) {
    for (int i = 0; i < words.size(); i++) {
      String kw = words.get(i);
      Integer arity = ServerOptions.ARITY.get(kw);
      if (arity == null) {
        ctx.error(label + " : unknown keyword '" + kw + "'" + Suggestions.hint(kw, ServerOptions.ARITY.keySet()) + ".");
        return false;
      }
      if (defaultServer && NOT_ON_DEFAULT_SERVER.contains(kw)) {
        // An alert in HAProxy 2.6 that does not fail the check: the option is just dropped.
        ctx.warning(label + " : '" + kw + "' option is not accepted in default-server sections");
        i += ServerOptions.ARITY.get(kw);
        continue;
      }
      String value = null;
      if (arity == 1) {
        if (i + 1 >= words.size()) {
          ctx.error(label + " : '" + kw + "' expects an argument.");
          return false;
        }
        value = words.get(++i);
      }
      try {
        Set<String> choices = CHOICES.get(kw);
        if (choices != null && !choices.contains(value)) {
          throw new LineError("'" + kw + "' expects one of " + String.join(", ", choices.stream().sorted()
              .map(c -> "'" + c + "'").toList()) + " but got '" + value + "'.");
        }
        if (TYPED.contains(kw)) {
          typed(s, kw, value);
        } else {
          s.options.add(new Setting(kw, value == null ? List.of() : List.of(value), ctx.origin));
          s.ssl = kw.equals("ssl") || (s.ssl && !kw.equals("no-ssl"));
          s.verifyNone |= kw.equals("verify") && "none".equals(value);
          s.caFile |= kw.equals("ca-file");
          if (warn) {
            ctx.ignoredByHakit("server option '" + kw + "'");
          }
        }
      } catch (LineError e) {
        ctx.error(label + " : " + e.getMessage());
        return false;
      }
    }
    return true;
  }

  private static void typed(State s, String kw, @Nullable String v) throws LineError {
    switch (kw) {
      case "check" -> s.check = true;
      case "no-check" -> s.check = false;
      case "backup" -> s.backup = true;
      case "no-backup" -> s.backup = false;
      case "disabled" -> s.disabled = true;
      case "enabled" -> s.disabled = false;
      case "send-proxy" -> s.sendProxy = true;
      case "no-send-proxy" -> s.sendProxy = false;
      case "inter" -> s.inter = positiveTime(v, kw);
      case "fastinter" -> s.fastinter = positiveTime(v, kw);
      case "downinter" -> s.downinter = positiveTime(v, kw);
      case "slowstart" -> {
        Duration d = Values.time(text(v), kw, false).value();
        s.slowstart = d.isZero() ? null : d;
      }
      case "rise", "fall" -> {
        Integer n = Values.strictInt(text(v));
        if (n == null || n < 1) {
          throw new LineError("'" + kw + "' has to be >= 1.");
        }
        if (kw.equals("rise")) {
          s.rise = n;
        } else {
          s.fall = n;
        }
      }
      case "weight" -> {
        int w = Values.atoi(text(v));
        if (w < 0 || w > Server.MAX_WEIGHT) {
          throw new LineError("weight of server is not within 0 and 256 (" + w + ")..");
        }
        s.weight = w;
      }
      case "maxconn" -> s.maxconn = Math.max(0, Values.atoi(text(v)));
      case "maxqueue" -> s.maxqueue = Math.max(0, Values.atoi(text(v)));
      case "port" -> {
        int p = Values.atoi(text(v));
        if (p < 1 || p > 65535) {
          // HAProxy 2.6 takes it (truncated); HAKit keeps it aside and checks the server's own port.
          s.options.add(new Setting("port", List.of(text(v)), Origin.UNKNOWN));
        } else {
          s.port = p;
        }
      }
      case "addr" -> s.addr = text(v);
      case "cookie" -> s.cookie = text(v);
      case "pool-max-conn" -> {
        int max = Values.atoi(text(v));
        if (max < IdleConnectionPool.UNLIMITED) {
          throw new LineError("'pool-max-conn' must be >= -1.");
        }
        s.idlePool = s.idlePool.withMaxConn(max);
      }
      // 2.6 takes any text (atoi) and stores it unsigned; a negative value is kept as 0 here.
      case "pool-low-conn" -> s.idlePool = s.idlePool.withLowConn(Math.max(0, Values.atoi(text(v))));
      case "pool-purge-delay" -> s.idlePool = s.idlePool.withPurgeDelay(purgeDelay(text(v)));
      default -> throw new LineError("unknown keyword '" + kw + "'.");
    }
  }

  /**
   * pool-purge-delay: a time in milliseconds by default. 2.6 reports its own texts here, not the
   * ones of the timeouts, and takes trailing junk after a unit with a warning only (kept as is).
   */
  private static Duration purgeDelay(String v) throws LineError {
    int i = 0;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    String rest = v.substring(i);
    boolean unit = rest.isEmpty() || rest.startsWith("us") || "msmhd".indexOf(rest.charAt(0)) >= 0;
    if (i == 0 || !unit) {
      char bad = i == 0 ? (v.isEmpty() ? ' ' : v.charAt(0)) : rest.charAt(0);
      throw new LineError("unexpected character '" + bad + "' in argument to <pool-purge-delay>.");
    }
    return Values.time(v, "pool-purge-delay", false).value();
  }

  private static String text(@Nullable String v) {
    return v == null ? "" : v;
  }

  private static Duration positiveTime(@Nullable String v, String kw) throws LineError {
    Duration d = Values.time(text(v), kw, false).value();
    if (d.isZero()) {
      throw new LineError("invalid value 0 for argument '" + kw + "'.");
    }
    return d;
  }
}
