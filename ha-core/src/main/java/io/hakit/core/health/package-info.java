/**
 * Health as something other components can track: {@link io.hakit.core.health.HealthSource} and
 * its {@link io.hakit.core.health.Health} verdicts. VRRP tracks a proxy through it without knowing
 * what a proxy is.
 */
@NullMarked
package io.hakit.core.health;

import org.jspecify.annotations.NullMarked;
