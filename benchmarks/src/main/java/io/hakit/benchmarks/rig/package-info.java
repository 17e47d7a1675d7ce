/**
 * The side-by-side load rig: runs the same wrk load against HAProxy and against HAKit, both
 * started from one generated haproxy.cfg, and prints each proxy's figures and the ratios
 * HAKit/HAProxy. Entry point: {@link io.hakit.benchmarks.rig.LoadRig}. A benchmark, not a test:
 * it never runs in CI.
 */
@NullMarked
package io.hakit.benchmarks.rig;

import org.jspecify.annotations.NullMarked;
