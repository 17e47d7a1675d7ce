/**
 * {@code hakit demo}: the seed's two-node HA proxy on one machine without root, with a live
 * timeline of the election, a master crash, the takeover and the preemption back.
 */
@NullMarked
package io.hakit.examples.demo;

import org.jspecify.annotations.NullMarked;
