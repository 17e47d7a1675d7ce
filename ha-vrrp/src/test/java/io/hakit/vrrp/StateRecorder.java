package io.hakit.vrrp;

import io.hakit.vrrp.fsm.VrrpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps every state change and lets a test wait for one. */
final class StateRecorder implements VrrpStateListener {
  private final List<StateChange> changes = new ArrayList<>();

  @Override
  public synchronized void onStateChange(StateChange change) {
    changes.add(change);
    notifyAll();
  }

  synchronized List<StateChange> changes() {
    return List.copyOf(changes);
  }

  synchronized StateChange last() {
    return changes.get(changes.size() - 1);
  }

  /** Waits until the latest change entered {@code state}; returns it. */
  synchronized StateChange awaitLatest(VrrpState state, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (changes.isEmpty() || last().to() != state) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no transition to " + state + " within " + timeout.toMillis() + " ms; changes: "
            + changes);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return last();
  }
}
