/**
 * Benchmarks of the haproxy.cfg reader: {@link io.hakit.benchmarks.config.ConfigParseBenchmark}
 * (JMH, a generated 10,000-line file) and {@link io.hakit.benchmarks.config.CheckTiming} (one
 * side-by-side run of HAKit's check and {@code haproxy -c} on a 100,000-line file).
 */
@NullMarked
package io.hakit.benchmarks.config;

import org.jspecify.annotations.NullMarked;
