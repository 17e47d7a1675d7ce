package io.hakit.proxy.http;

import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.log.AccessLog;
import org.jspecify.annotations.Nullable;

/**
 * What the access log says about one transaction: when each phase ended (ms since the epoch, 0 =
 * not reached), the status, the bytes sent to the client and the server that served it. Reset
 * after each line; owned by one session.
 */
final class Transaction {
  long acceptedAt;
  long requestStart;
  long headDone;
  long queueDone;
  long connectDone;
  long responseAt;
  long bytesToClient;
  int status;
  /** Kept apart from the server slot, which is given back before the line is written. */
  String serverName = "<NOSRV>";
  /** The server that took the request, for its stats counters. */
  @Nullable ServerState served;

  /** Writes the httplog line: %TR/%Tw/%Tc/%Tr/%Ta with -1 for a phase not reached. */
  void log(AccessLog log, String client, int clientPort, String backend, String termination, int retries,
      String requestLine) {
    long now = System.currentTimeMillis();
    long start = requestStart != 0 ? requestStart : acceptedAt;
    long tr = headDone >= start && headDone != 0 ? headDone - start : -1;
    long tw = queueDone >= headDone && headDone != 0 ? queueDone - headDone : -1;
    long tc = connectDone >= queueDone && queueDone != 0 ? connectDone - queueDone : -1;
    long tResp = responseAt >= connectDone && connectDone != 0 ? responseAt - connectDone : -1;
    log.http(client, clientPort, start, backend, serverName, tr, tw, tc, tResp, now - start, status == 0 ? -1 : status,
        bytesToClient, termination, retries, requestLine);
    resetTimes();
  }

  void resetTimes() {
    serverName = "<NOSRV>";
    served = null;
    requestStart = 0;
    headDone = 0;
    queueDone = 0;
    connectDone = 0;
    responseAt = 0;
  }
}
