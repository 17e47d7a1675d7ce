package io.hakit.core.lifecycle;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A component that starts and stops: a proxy server, a VRRP instance, a health checker. Both
 * operations are asynchronous; start twice or stop before start are errors of the caller,
 * stop twice returns the same completion.
 */
public interface Lifecycle {

  /** Starts; completes when the component serves (listening, elected, ...). */
  CompletionStage<Void> start();

  /**
   * Stops gracefully: stop taking new work, let work in flight finish for up to {@code grace},
   * then release everything.
   */
  CompletionStage<Void> stop(Duration grace);

  /** Stops without a grace period. */
  default CompletionStage<Void> stop() {
    return stop(Duration.ZERO);
  }

  LifecycleState state();
}
