/**
 * Types shared by every HAKit module: the exception root {@link io.hakit.core.HaException} and
 * {@link io.hakit.core.Origin}, the file and line a configuration element came from.
 */
@NullMarked
package io.hakit.core;

import org.jspecify.annotations.NullMarked;
