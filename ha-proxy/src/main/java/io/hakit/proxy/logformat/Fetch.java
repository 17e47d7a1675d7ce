package io.hakit.proxy.logformat;

/** A compiled sample fetch: fills the sample, or returns false when the value is absent. */
@FunctionalInterface
interface Fetch {
  boolean fetch(LogContext ctx, Sample out);
}
