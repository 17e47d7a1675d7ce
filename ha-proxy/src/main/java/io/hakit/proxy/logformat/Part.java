package io.hakit.proxy.logformat;

/** One compiled piece of a format: literal text, a separator, a variable or a sample expression. */
interface Part {
  /**
   * Appends this part's text.
   *
   * @return true when the part counts as output for the separator that follows (HAProxy emits a
   *     separator only after something that is not itself a separator)
   */
  boolean append(StringBuilder out, LogContext ctx, Sample scratch);
}
