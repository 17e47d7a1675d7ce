package io.hakit.examples.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A client that keeps asking the VIP while a move happens: one request every
 * {@value #PACE_MILLIS} ms (a failed one takes its connect timeout), at most
 * {@value #MAX_REQUESTS} requests. Its own thread sends them (through {@link VipClient}'s namespace
 * thread); {@link #stop} ends it and returns every outcome with its start time.
 */
final class ClientLoop {
  static final long PACE_MILLIS = 20;
  static final int MAX_REQUESTS = 2000;

  /** One request: when it started and what it got. */
  record Outcome(long startNanos, VipClient.Answer answer) {}

  /** What the client saw from {@code sinceNanos} on, until the first answer {@code from} the expected origin. */
  record Move(int failed, long outageMillis, boolean recovered) {}

  private final VipClient client;
  private final String path;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  private ClientLoop(VipClient client, String path) {
    this.client = client;
    this.path = path;
    this.thread = new Thread(this::run, "vip-client-loop");
    this.thread.setDaemon(true);
  }

  static ClientLoop start(VipClient client, String path) {
    ClientLoop loop = new ClientLoop(client, path);
    loop.thread.start();
    return loop;
  }

  private void run() {
    for (int i = 0; i < MAX_REQUESTS && running; i++) {
      long start = System.nanoTime();
      VipClient.Answer answer = client.get(path);
      synchronized (outcomes) {
        outcomes.add(new Outcome(start, answer));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PACE_MILLIS));
    }
  }

  /** True once an answer from {@code origin} came from a request started at or after {@code sinceNanos}. */
  boolean answeredBy(String origin, long sinceNanos) {
    synchronized (outcomes) {
      return outcomes.stream().anyMatch(o -> o.startNanos() >= sinceNanos && o.answer().ok()
          && o.answer().body().equals(origin));
    }
  }

  /** Stops the loop (waits for the request in flight) and sums up the move since {@code sinceNanos}. */
  Move stop(String origin, long sinceNanos) throws InterruptedException {
    running = false;
    thread.join(TimeUnit.SECONDS.toMillis(10));
    int failed = 0;
    synchronized (outcomes) {
      for (Outcome o : outcomes) {
        if (o.startNanos() < sinceNanos) {
          continue;
        }
        if (o.answer().ok() && o.answer().body().equals(origin)) {
          return new Move(failed, TimeUnit.NANOSECONDS.toMillis(o.startNanos() - sinceNanos), true);
        }
        if (!o.answer().ok()) {
          failed++;
        }
      }
    }
    return new Move(failed, -1, false);
  }
}
