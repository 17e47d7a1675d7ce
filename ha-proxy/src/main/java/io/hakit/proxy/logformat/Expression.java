package io.hakit.proxy.logformat;

/** {@code %[fetch,converter,...]}: a fetch and its converters; absent as soon as one step has no value. */
final class Expression implements Part {
  private final Fetch fetch;
  private final Converter[] converters;
  private final int flags;
  private final Usage use;

  Expression(Fetch fetch, Converter[] converters, int flags, Usage use) {
    this.fetch = fetch;
    this.converters = converters;
    this.flags = flags;
    this.use = use;
  }

  /** Fetches and converts into {@code s}; false when some step had no value. */
  boolean evaluate(LogContext ctx, Sample s) {
    boolean present = fetch.fetch(ctx, s);
    for (int i = 0; present && i < converters.length; i++) {
      present = converters[i].convert(s);
    }
    return present;
  }

  @Override
  public boolean append(StringBuilder out, LogContext ctx, Sample s) {
    String text = evaluate(ctx, s) ? s.asString() : null;
    // As HAProxy's lf_text_len: an empty result is written like an absent one.
    Render.text(out, text == null || text.isEmpty() ? null : text, flags, use);
    return true;
  }
}
