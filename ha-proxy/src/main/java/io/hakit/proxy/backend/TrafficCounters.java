package io.hakit.proxy.backend;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The traffic counters HAProxy's {@code show stat} reports for one frontend, backend or server.
 * Sessions on every event loop write them, so counts are {@link LongAdder}s (cheap to bump,
 * summed only when a stats reader asks) and the current count an atomic with its maximum; rates
 * ({@link EventRate}) and phase times ({@link TimeAverage}) are lock-free atomics too.
 */
public final class TrafficCounters {
  /** {@code hrsp_1xx} .. {@code hrsp_5xx}, then {@code hrsp_other}. */
  private final LongAdder[] statuses = new LongAdder[6];
  private final AtomicInteger current = new AtomicInteger();
  private final AtomicInteger currentMax = new AtomicInteger();
  private final LongAdder sessions = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder requestErrors = new LongAdder();
  private final LongAdder connectErrors = new LongAdder();
  private final LongAdder responseErrors = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder redispatches = new LongAdder();
  private final LongAdder clientAborts = new LongAdder();
  private final LongAdder serverAborts = new LongAdder();
  private final LongAdder selected = new LongAdder();
  private final LongAdder connects = new LongAdder();
  private final LongAdder reuses = new LongAdder();
  private volatile long lastSessionMillis;
  private volatile @Nullable CapturedError lastInvalidRequest;
  private volatile @Nullable CapturedError lastInvalidResponse;
  private final LiveStreams streams = new LiveStreams();
  private final AtomicLong invalidRequests = new AtomicLong();
  private final EventRate sessionRate = new EventRate();
  private final EventRate requestRate = new EventRate();
  private final TimeAverage queueTime = new TimeAverage();
  private final TimeAverage connectTime = new TimeAverage();
  private final TimeAverage responseTime = new TimeAverage();
  private final TimeAverage totalTime = new TimeAverage();

  public TrafficCounters() {
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = new LongAdder();
    }
  }

  /** A session starts (a client connection on a frontend, a request on a backend or server). */
  public void sessionOpened() {
    sessions.increment();
    int now = current.incrementAndGet();
    currentMax.accumulateAndGet(now, Math::max);
    long millis = System.currentTimeMillis();
    sessionRate.add(millis);
    lastSessionMillis = millis;
  }

  /** A session counted without tracking it as current (a request given to a backend or server). */
  public void session() {
    sessions.increment();
    long millis = System.currentTimeMillis();
    sessionRate.add(millis);
    lastSessionMillis = millis;
  }

  /** Records a current count kept elsewhere (a server's connection slots), for its maximum. */
  public void observeCurrent(int now) {
    currentMax.accumulateAndGet(now, Math::max);
  }

  public void sessionClosed() {
    current.decrementAndGet();
  }

  public void request() {
    requests.increment();
    requestRate.add(System.currentTimeMillis());
  }

  /**
   * The phase times (ms) of a session that reached its server ({@code qtime}, {@code ctime},
   * {@code rtime}, {@code ttime}); a negative time is a phase not reached and is not averaged.
   */
  public void times(long queueMillis, long connectMillis, long responseMillis, long totalMillis) {
    queueTime.add(queueMillis);
    connectTime.add(connectMillis);
    responseTime.add(responseMillis);
    totalTime.add(totalMillis);
  }

  /** A response of this status reached the client. */
  public void response(int status) {
    int klass = status / 100;
    statuses[klass >= 1 && klass <= 5 ? klass - 1 : 5].increment();
  }

  public void bytesIn(long n) {
    bytesIn.add(n);
  }

  public void bytesOut(long n) {
    bytesOut.add(n);
  }

  public void requestError() {
    requestErrors.increment();
  }

  /**
   * A request head the parser refused (kept for {@code show errors}, the last one only); the
   * 400 itself is counted as usual by the transaction.
   */
  public void invalidRequest(byte[] head, int lineAt, @Nullable InetSocketAddress from) {
    lastInvalidRequest = new CapturedError(System.currentTimeMillis(), from, head, lineAt,
        invalidRequests.getAndIncrement(), null, null);
  }

  /** A response head the parser refused, on a backend's counters (kept for {@code show errors}). */
  public void invalidResponse(byte[] head, int lineAt, @Nullable InetSocketAddress client, String frontend,
      @Nullable ServerState server) {
    lastInvalidResponse = new CapturedError(System.currentTimeMillis(), client, head, lineAt,
        invalidRequests.getAndIncrement(), frontend, server);
  }

  /** The last response refused as malformed, or null. */
  public @Nullable CapturedError lastInvalidResponse() {
    return lastInvalidResponse;
  }

  /** The last request refused as malformed, or null. */
  public @Nullable CapturedError lastInvalidRequest() {
    return lastInvalidRequest;
  }

  /** How many malformed requests and responses were captured (the total {@code show errors} reports). */
  public long invalidRequestsCaptured() {
    return invalidRequests.get();
  }

  public void connectError() {
    connectErrors.increment();
  }

  public void responseError() {
    responseErrors.increment();
  }

  public void retry() {
    retries.increment();
  }

  public void redispatch() {
    redispatches.increment();
  }

  public void clientAbort() {
    clientAborts.increment();
  }

  public void serverAbort() {
    serverAborts.increment();
  }

  /** The balancer picked this server ({@code lbtot}). */
  public void selected() {
    selected.increment();
  }

  /** A server connection was opened, or an idle one reused. */
  public void connection(boolean reused) {
    (reused ? reuses : connects).increment();
  }

  /** {@code clear counters}: the maxima restart from the current values. */
  public void clearMax() {
    currentMax.set(current());
    for (EventRate r : rates()) {
      r.clearMax();
    }
    for (TimeAverage t : times()) {
      t.clearMax();
    }
  }

  private EventRate[] rates() {
    return new EventRate[] {sessionRate, requestRate};
  }

  private TimeAverage[] times() {
    return new TimeAverage[] {queueTime, connectTime, responseTime, totalTime};
  }

  /**
   * {@code clear counters all}: every count back to zero (the current count stays, it is not a
   * count). Increments racing with it may survive, as in HAProxy.
   */
  public void clearAll() {
    for (LongAdder a : statuses) {
      a.reset();
    }
    for (LongAdder a : new LongAdder[] {sessions, requests, bytesIn, bytesOut, requestErrors, connectErrors,
        responseErrors, retries, redispatches, clientAborts, serverAborts, selected, connects, reuses}) {
      a.reset();
    }
    clearMax();
    for (EventRate r : rates()) {
      r.clear();
    }
    for (TimeAverage t : times()) {
      t.clear();
    }
    lastSessionMillis = 0;
  }

  public long status(int klass) {
    return statuses[klass >= 1 && klass <= 5 ? klass - 1 : 5].sum();
  }

  public int current() {
    return Math.max(0, current.get());
  }

  public int currentMax() {
    return currentMax.get();
  }

  public long sessions() {
    return sessions.sum();
  }

  public long requests() {
    return requests.sum();
  }

  public long bytesIn() {
    return bytesIn.sum();
  }

  public long bytesOut() {
    return bytesOut.sum();
  }

  public long requestErrors() {
    return requestErrors.sum();
  }

  public long connectErrors() {
    return connectErrors.sum();
  }

  public long responseErrors() {
    return responseErrors.sum();
  }

  public long retries() {
    return retries.sum();
  }

  public long redispatches() {
    return redispatches.sum();
  }

  public long clientAborts() {
    return clientAborts.sum();
  }

  public long serverAborts() {
    return serverAborts.sum();
  }

  public long selectedTotal() {
    return selected.sum();
  }

  public long connects() {
    return connects.sum();
  }

  public long reuses() {
    return reuses.sum();
  }

  /** When the last session started (ms since the epoch), 0 = never. */
  public long lastSessionMillis() {
    return lastSessionMillis;
  }

  /** Sessions per second ({@code rate}, {@code conn_rate}). */
  public EventRate sessionRate() {
    return sessionRate;
  }

  /** HTTP requests per second ({@code req_rate}). */
  public EventRate requestRate() {
    return requestRate;
  }

  public TimeAverage queueTime() {
    return queueTime;
  }

  public TimeAverage connectTime() {
    return connectTime;
  }

  public TimeAverage responseTime() {
    return responseTime;
  }

  public TimeAverage totalTime() {
    return totalTime;
  }

  /** A frontend's streams in progress ({@code show sess}). */
  public LiveStreams streams() {
    return streams;
  }
}
