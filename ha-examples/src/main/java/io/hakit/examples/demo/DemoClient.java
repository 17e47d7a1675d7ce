package io.hakit.examples.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that keeps requesting through the VIP, alternating a static path and an app path, as a
 * user of the seed's site would; counts answers per origin and failures. Runs on its own thread,
 * paced by {@code interval}; prints a summary line once a second.
 */
final class DemoClient implements AutoCloseable {
  private static final String[] PATHS = {"/static/site.css", "/index.html", "/images/logo.png", "/cart"};

  private final InetSocketAddress address;
  private final String host;
  private final Duration interval;
  private final Timeline timeline;
  private final Thread thread;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Map<String, Long> byOrigin = new TreeMap<>();
  private volatile boolean running = true;
  private volatile long lastFailureNanos;
  private volatile long firstFailureNanos;

  DemoClient(String vip, int port, Duration interval, Timeline timeline) {
    this.address = new InetSocketAddress(vip, port);
    this.host = vip + ":" + port;
    this.interval = interval;
    this.timeline = timeline;
    this.thread = new Thread(this::loop, "demo-client");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    long nextReport = System.nanoTime() + 1_000_000_000L;
    long okAtReport = 0;
    long failedAtReport = 0;
    for (int i = 0; running; i++) {
      request(PATHS[i % PATHS.length]);
      if (System.nanoTime() >= nextReport) {
        long o = ok.get();
        long f = failed.get();
        timeline.say("client: %d ok, %d failed in the last second  (total %d ok, %d failed; by origin %s)",
            o - okAtReport, f - failedAtReport, o, f, origins());
        okAtReport = o;
        failedAtReport = f;
        nextReport += 1_000_000_000L;
      }
      try {
        Thread.sleep(interval.toMillis()); // pacing the load, not synchronising
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * One GET on a new connection ({@code Connection: close}): a failover then shows as refused
   * connects, not as a stale keep-alive connection. A raw socket, because the JDK's HttpClient
   * does not let a caller set {@code Connection}.
   */
  private void request(String path) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 500);
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String status = in.readLine();
      String origin = "?";
      for (int i = 0; i < 100; i++) {
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
          break;
        }
        if (line.regionMatches(true, 0, "X-Origin:", 0, 9)) {
          origin = line.substring(9).trim();
        }
      }
      if (status != null && status.startsWith("HTTP/1.1 200")) {
        ok.incrementAndGet();
        synchronized (byOrigin) {
          byOrigin.merge(origin, 1L, Long::sum);
        }
        return;
      }
      fail(path + " -> " + status);
    } catch (IOException e) {
      fail(path + " -> " + e.getClass().getSimpleName());
    }
  }

  private void fail(String what) {
    long now = System.nanoTime();
    if (failed.getAndIncrement() == 0 || now - lastFailureNanos > 2_000_000_000L) {
      firstFailureNanos = now;
      timeline.say("client: request failed (%s)", what);
    }
    lastFailureNanos = now;
  }

  String origins() {
    synchronized (byOrigin) {
      return byOrigin.toString();
    }
  }

  long ok() {
    return ok.get();
  }

  long failed() {
    return failed.get();
  }

  Map<String, Long> byOrigin() {
    synchronized (byOrigin) {
      return Map.copyOf(byOrigin);
    }
  }

  /** Nanos of the first failure of the latest run of failures, 0 when none. */
  long firstFailureNanos() {
    return firstFailureNanos;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
