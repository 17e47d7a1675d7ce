/**
 * VRRP benchmarks: {@link io.hakit.benchmarks.vrrp.AdvertisementCodecBenchmark} (JMH, encode and
 * decode) and {@link io.hakit.benchmarks.vrrp.AdvertJitterMain} (how punctual adverts stay while
 * the JVM is under allocation load).
 */
@NullMarked
package io.hakit.benchmarks.vrrp;

import org.jspecify.annotations.NullMarked;
