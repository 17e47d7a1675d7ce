package io.hakit.config.haproxy;

/**
 * One entry of a proxy keyword table: the keyword, where it may appear ({@link Cap} mask) and
 * its handler. A null-free handler is mandatory; keywords HAKit only keeps use {@link #kept}.
 */
record ProxyKeyword(String name, int caps, Handler handler) {

  /** Reads one line into the section's draft. */
  @FunctionalInterface
  interface Handler {
    void parse(ProxyContext ctx, Statement st);
  }

  static ProxyKeyword of(String name, int caps, Handler handler) {
    return new ProxyKeyword(name, caps, handler);
  }

  /** A keyword HAProxy accepts that HAKit keeps as written, with a warning. */
  static ProxyKeyword kept(String name, int caps) {
    return new ProxyKeyword(name, caps, (ctx, st) -> {
      if (st.size() < 2) {
        ctx.error("'" + name + "' expects an argument.");
        return;
      }
      ctx.keep(st);
    });
  }

  /** A keyword kept as written for the part of HAKit that reads it from the model's extras. */
  static ProxyKeyword extra(String name, int caps) {
    return new ProxyKeyword(name, caps, (ctx, st) -> {
      if (st.size() < 2) {
        ctx.error("'" + name + "' expects an argument.");
        return;
      }
      ctx.addExtras(st);
    });
  }

  /** A keyword HAProxy removed: its own migration message, always fatal. */
  static ProxyKeyword removed(String name, String message) {
    return new ProxyKeyword(name, Cap.DFB, (ctx, st) -> ctx.error(message));
  }
}
