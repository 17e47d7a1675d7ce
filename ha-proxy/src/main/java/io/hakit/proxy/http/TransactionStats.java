package io.hakit.proxy.http;

import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.logformat.LogContext.Timer;
import org.jspecify.annotations.Nullable;

/**
 * What a finished HTTP transaction adds to the {@code show stat} counters of its frontend,
 * backend and server, HAProxy's way: statuses by class, aborts by side, response errors, and an
 * empty or half-sent client connection as an invalid request. Called on the session's loop.
 */
final class TransactionStats {
  private TransactionStats() {}

  /** Counts one finished transaction (one call per access-log line, or per unlogged empty connection). */
  static void count(HttpFrontend fe, @Nullable BackendState be, Transaction tx, String termination) {
    ServerState s = tx.served;
    int status = tx.status;
    fe.counters.request();
    // bin/bout as HAProxy counts them: the request and response as forwarded (%U, %B); a request the
    // parser rejected was never forwarded and neither was its error page.
    boolean unparsable = termination.startsWith("PR") && status != 403;
    if (!unparsable) {
      fe.counters.bytesIn(tx.bytesFromClient);
      fe.counters.bytesOut(tx.bytesToClient);
    }
    if (status > 0) {
      fe.counters.response(status);
    } else if (be == null && Character.toUpperCase(termination.charAt(0)) == 'C') {
      // A client leaving before its request was complete: HAProxy counts an invalid request (400).
      fe.counters.requestError();
      fe.counters.response(400);
    }
    if (termination.startsWith("PR")) {
      fe.counters.requestError();
    }
    if (be != null && s == null && termination.startsWith("SC")) {
      // No server to try (all down or in maintenance): a backend connection error, as HAProxy counts it.
      be.counters().connectError();
    }
    if (be != null) {
      be.counters().bytesIn(tx.bytesFromClient);
      be.counters().bytesOut(tx.bytesToClient);
      if (status > 0) {
        be.counters().response(status);
      }
    }
    boolean fromServer = s != null && !termination.startsWith("SC") && !termination.startsWith("sQ");
    if (fromServer && status > 0) {
      s.counters().response(status);
      s.counters().bytesOut(tx.bytesToClient);
      s.counters().bytesIn(tx.bytesFromClient);
      if (be != null) {
        countTimes(be, s, tx);
      }
    }
    // Aborts during the data phase: CD/cD by the client, SD/sD by the server.
    if (termination.length() >= 2 && termination.charAt(1) == 'D') {
      countAbort(be, s, Character.toUpperCase(termination.charAt(0)) == 'C');
    }
    if (termination.startsWith("SH") || termination.startsWith("PH")) {
      if (be != null) {
        be.counters().responseError();
      }
      if (s != null) {
        s.counters().responseError();
      }
    }
  }

  /** qtime, ctime, rtime, ttime: only a transaction that got its response head counts, as in HAProxy. */
  private static void countTimes(BackendState be, ServerState s, Transaction tx) {
    long connect = tx.timer(Timer.CONNECT);
    long response = tx.timer(Timer.RESPONSE);
    if (connect < 0 || response < 0) {
      return;
    }
    long queue = Math.max(0, tx.timer(Timer.QUEUE));
    long total = tx.timer(Timer.TOTAL);
    s.counters().times(queue, connect, response, total);
    be.counters().times(queue, connect, response, total);
  }

  private static void countAbort(@Nullable BackendState be, @Nullable ServerState s, boolean clientAbort) {
    if (be != null) {
      if (clientAbort) {
        be.counters().clientAbort();
      } else {
        be.counters().serverAbort();
      }
    }
    if (s != null) {
      if (clientAbort) {
        s.counters().clientAbort();
      } else {
        s.counters().serverAbort();
      }
    }
  }
}
