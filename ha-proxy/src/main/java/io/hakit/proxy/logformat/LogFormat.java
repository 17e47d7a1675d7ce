package io.hakit.proxy.logformat;

import org.jspecify.annotations.Nullable;

/**
 * A compiled log-format string: immutable, shared by every event loop, evaluated per transaction.
 *
 * <pre>{@code
 * LogFormat f = LogFormat.compile("%ci:%cp %{+Q}r %[capture.req.hdr(0),lower]", Usage.LOG);
 * String line = f.format(context);
 * }</pre>
 *
 * <p>What {@link #compile} accepts: the 2.6 variables HAKit has data for (addresses, names, dates,
 * timers, status, bytes, termination state, captures, counters, request line parts), the flags
 * +Q, +X, +E, and the fetches and converters of {@link Fetches} and {@link Converters}. Anything
 * else is a {@link FormatException} naming it, with a suggestion for a misspelt name.
 */
public final class LogFormat {
  /** {@code option httplog} (HAProxy 2.6). */
  public static final String HTTPLOG = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc"
      + " %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
  /** {@code option tcplog} (HAProxy 2.6). */
  public static final String TCPLOG = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";

  private final String source;
  private final Part[] parts;
  private final @Nullable String constant;
  private final boolean hasExpressions;
  /** Handed to parts when no expression will write to it. */
  private static final Sample NO_SAMPLE = new Sample();

  private LogFormat(String source, Part[] parts, @Nullable String constant) {
    this.source = source;
    this.parts = parts;
    this.constant = constant;
    boolean any = false;
    for (Part p : parts) {
      any |= p instanceof Expression;
    }
    this.hasExpressions = any;
  }

  /**
   * Compiles a format.
   *
   * @throws FormatException for a syntax error, an unknown or unsupported variable, fetch or
   *     converter, bad arguments, or a fetch whose data does not exist where {@code use} evaluates it
   */
  public static LogFormat compile(String format, Usage use) {
    Part[] parts = FormatCompiler.compile(format, use);
    return new LogFormat(format, parts, FormatCompiler.constantText(parts));
  }

  /** True when the format holds no variable nor expression: its text is the same for every transaction. */
  public boolean isConstant() {
    return constant != null;
  }

  /** Appends the text for one transaction. Called on the transaction's event loop. */
  public void appendTo(StringBuilder out, LogContext ctx) {
    if (constant != null) {
      out.append(constant);
      return;
    }
    // Scratch space only for formats with sample expressions; variables need none.
    Sample scratch = hasExpressions ? new Sample() : NO_SAMPLE;
    boolean lastWasSpace = true;
    for (Part p : parts) {
      if (FormatCompiler.isSeparator(p)) {
        if (!lastWasSpace) {
          out.append(' ');
          lastWasSpace = true;
        }
      } else if (p.append(out, ctx, scratch)) {
        lastWasSpace = false;
      }
    }
  }

  public String format(LogContext ctx) {
    StringBuilder out = new StringBuilder(128);
    appendTo(out, ctx);
    return out.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
