package io.hakit.proxy.logformat;

/** A compiled converter: transforms the sample in place, or returns false when the result is absent. */
@FunctionalInterface
interface Converter {
  boolean convert(Sample s);
}
