/**
 * The immutable proxy model: what a haproxy.cfg says, as validated records. A
 * {@link io.hakit.core.model.ProxyModel} holds the {@link io.hakit.core.model.GlobalSettings},
 * {@link io.hakit.core.model.Frontend}s and {@link io.hakit.core.model.Backend}s; every element may
 * carry the {@link io.hakit.core.Origin} it was read from, so that a
 * {@link io.hakit.core.model.ModelException} names the line that caused it. {@code listen} is not a
 * model concept (a reader splits it into a frontend and a backend), and {@code defaults} are
 * applied before the model is built.
 */
@NullMarked
package io.hakit.core.model;

import org.jspecify.annotations.NullMarked;
