package io.hakit.core.health;

/** Told when a {@link HealthSource}'s status changes (not on every probe). */
@FunctionalInterface
public interface HealthListener {
  void onHealthChanged(HealthSource source, Health health);
}
