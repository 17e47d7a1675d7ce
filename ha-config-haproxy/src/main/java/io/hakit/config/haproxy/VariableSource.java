package io.hakit.config.haproxy;

import org.jspecify.annotations.Nullable;

/**
 * Where {@code "$NAME"} and {@code "${NAME}"} get their values: the caller's environment plus
 * HAProxy's pseudo-variables ({@code .FILE}, {@code .LINE}, {@code .SECTION}) of the current line.
 */
interface VariableSource {
  /** The value, or null when the variable is unset. */
  @Nullable String get(String name);
}
