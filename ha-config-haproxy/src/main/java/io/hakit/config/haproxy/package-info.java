/**
 * Reads haproxy.cfg into the ha-core {@link io.hakit.core.model.ProxyModel} with HAProxy 2.6's
 * verdicts: {@link io.hakit.config.haproxy.HaproxyConfigReader} (files to model plus warnings, or
 * a {@link io.hakit.config.haproxy.ConfigException} with every error), {@link
 * io.hakit.config.haproxy.ConfigCheck} ({@code haproxy -c}), {@link
 * io.hakit.config.haproxy.HaproxyConfigWriter} (model to text). Every deliberate difference from
 * HAProxy 2.6 is listed in {@link io.hakit.config.haproxy.Deviations}. Everything else in this
 * package is package-private: tokenizer, preprocessor, keyword tables, section parsers, assembler.
 */
@NullMarked
package io.hakit.config.haproxy;

import org.jspecify.annotations.NullMarked;
