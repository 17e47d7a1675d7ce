package io.hakit.config.haproxy;

import io.hakit.core.model.TimeoutKind;
import java.util.List;
import java.util.Set;

/**
 * {@code timeout <kind> <time>}: HAProxy's eleven kinds, milliseconds by default. A kind the
 * proxy has no capability for is ignored with HAProxy's warning; {@code 0} unsets the timeout.
 */
final class TimeoutKeyword {
  private static final Set<TimeoutKind> FRONTEND = Set.of(TimeoutKind.CLIENT, TimeoutKind.CLIENT_FIN,
      TimeoutKind.HTTP_REQUEST, TimeoutKind.HTTP_KEEP_ALIVE, TimeoutKind.TARPIT);
  private static final Set<TimeoutKind> BACKEND = Set.of(TimeoutKind.CONNECT, TimeoutKind.SERVER,
      TimeoutKind.SERVER_FIN, TimeoutKind.QUEUE, TimeoutKind.CHECK, TimeoutKind.TUNNEL, TimeoutKind.HTTP_REQUEST,
      TimeoutKind.HTTP_KEEP_ALIVE, TimeoutKind.TARPIT);

  private TimeoutKeyword() {}

  static List<ProxyKeyword> keywords() {
    return List.of(ProxyKeyword.of("timeout", Cap.DFB, TimeoutKeyword::parse));
  }

  static boolean forFrontend(TimeoutKind kind) {
    return FRONTEND.contains(kind);
  }

  static boolean forBackend(TimeoutKind kind) {
    return BACKEND.contains(kind);
  }

  private static void parse(ProxyContext ctx, Statement st) {
    TimeoutKind kind = TimeoutKind.ofKeyword(st.word(1));
    if (kind == null) {
      ctx.error("'timeout' supports 'client', 'server', 'connect', 'check', 'queue', 'http-keep-alive',"
          + " 'http-request', 'tunnel', 'tarpit', 'client-fin' and 'server-fin' (got '" + st.word(1) + "')");
      return;
    }
    String what = "timeout " + kind.keyword();
    if (st.word(2).isEmpty()) {
      ctx.error("'" + what + "' expects an integer value (in milliseconds)");
      return;
    }
    Values.Time time;
    try {
      time = Values.time(st.word(2), what, false);
    } catch (LineError e) {
      ctx.error(e.getMessage());
      return;
    }
    if (st.size() > 3) {
      ctx.error("'" + what + "' cannot handle unexpected argument '" + st.word(3) + "'.");
      return;
    }
    if (time.warning() != null) {
      ctx.warning(time.warning());
    }
    ProxyDraft d = ctx.draft;
    boolean usable = d.isDefaults() || (d.type.frontend() && FRONTEND.contains(kind))
        || (d.type.backend() && BACKEND.contains(kind));
    if (!usable) {
      ctx.warning("'" + what + "' will be ignored because " + ctx.proxyLabel() + " has no "
          + (FRONTEND.contains(kind) ? "frontend" : "backend") + " capability");
      return;
    }
    if (time.value().isZero()) {
      d.timeouts.remove(kind);
    } else {
      d.timeouts.put(kind, time.value());
    }
  }
}
