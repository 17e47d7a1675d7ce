package io.hakit.proxy.logformat;

import org.jspecify.annotations.Nullable;

/**
 * A sample expression on its own, {@code fetch[,converter...]} without the {@code %[...]} of a
 * format (as {@code balance hash <expr>} takes it), compiled once with the same fetches and
 * converters as log formats. Immutable; {@link #binary} may be called from any thread.
 */
public final class SampleExpression {
  private final Expression expression;
  private final String text;

  private SampleExpression(Expression expression, String text) {
    this.expression = expression;
    this.text = text;
  }

  /**
   * Compiles {@code expr} for use at {@code use} time.
   *
   * @throws FormatException with HAProxy's wording when a fetch or converter is unknown or misused
   */
  public static SampleExpression compile(String expr, Usage use) {
    return new SampleExpression(FormatCompiler.sample(expr, use), expr);
  }

  /**
   * The value cast to binary as HAProxy hashes it (a string's bytes, an integer as 8 bytes
   * big-endian, an address's 4 or 16 bytes), as ISO-8859-1 text (one char per byte); null when
   * the fetch or a converter found nothing.
   */
  public @Nullable String binary(LogContext ctx) {
    Sample s = new Sample();
    if (!expression.evaluate(ctx, s)) {
      return null;
    }
    return s.kind == Sample.Kind.STR ? s.str : new String(s.asBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return text;
  }
}
