package io.hakit.proxy.log;

import io.hakit.proxy.acl.RequestSample;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.logformat.Captured;
import io.hakit.proxy.logformat.LogContext;
import io.netty.channel.Channel;
import io.hakit.proxy.logformat.LogFormat;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What the access log says about one connection (TCP) or transaction (HTTP, where a subclass adds
 * the request and response): addresses, the backend and server, when each phase ended (epoch ms,
 * 0 = not reached), bytes, status, retries and the queue position. The counters are read from the
 * live state when the line is written. Owned by one session, on its event loop; the public fields
 * are written by that session only.
 */
public class SessionRecord implements LogContext {
  /** %rt: requests (HTTP) and connections (TCP) of the process, numbered from 0 as HAProxy does. */
  private static final AtomicLong REQUESTS = new AtomicLong();

  protected final AccessLog log;
  private long requestNumber = -1;
  private @Nullable String uniqueId;
  private boolean generatingUniqueId;
  /** True while the line is written: the request's headers count as released. */
  private boolean logging;
  private long logNumber = -1;
  private @Nullable InetSocketAddress client;
  private @Nullable InetSocketAddress frontendAddress;
  private @Nullable InetSocketAddress backendSource;
  private @Nullable String clientIp;
  private @Nullable BackendState backend;
  private @Nullable ServerState server;
  private long queueMark = -1;
  private int backendQueuePosition;
  private int retries;
  private String termination = "--";
  private long idleSince;
  private long endedAt;
  /** option logasap: the line was written already; the end of the transaction writes none. */
  private boolean loggedEarly;
  /** %B of a line written early (what was sent by then), -1 otherwise. */
  private long earlyBytesOut = -1;

  /** Accept time of the connection (epoch ms). */
  public long acceptedAt;
  /** First byte of the request; headDone: its head complete; then queue left, connected, response head. */
  public long requestStart;
  public long headDone;
  public long queueDone;
  public long connectDone;
  public long responseAt;
  /** %B and %U. */
  public long bytesToClient;
  public long bytesFromClient;
  /** The status sent to the client, 0 while none. */
  public int status;
  /** Kept apart from the server slot, which is given back before the line is written. */
  public String serverName = "<NOSRV>";

  public SessionRecord(AccessLog log) {
    this.log = log;
  }

  /** The connection was accepted: its two addresses, and the start of the first idle period. */
  public void accepted(Channel clientChannel) {
    accepted(clientChannel, System.currentTimeMillis());
  }

  /**
   * A record for a connection accepted earlier whose idle period began at {@code idleStart}
   * (epoch ms): sessions that create their record only when a request begins.
   */
  public void accepted(Channel clientChannel, long idleStart) {
    if (clientChannel.remoteAddress() instanceof InetSocketAddress a) {
      client = a;
      // Once per connection, in HAProxy's form (::1, not 0:0:0:0:0:0:0:1).
      clientIp = LogContext.super.ip(Peer.CLIENT);
    }
    if (clientChannel.localAddress() instanceof InetSocketAddress a) {
      frontendAddress = a;
    }
    acceptedAt = idleStart;
    idleSince = idleStart;
  }

  /** A new request (HTTP) or connection (TCP) starts: it takes the next process-wide number (%rt). */
  public void numbered() {
    requestNumber = REQUESTS.getAndIncrement();
  }

  /** The transaction now belongs to this backend (counted in its %bc until the line is written). */
  public void attach(BackendState be) {
    if (backend != be) {
      detach();
      backend = be;
      be.transactionStarted();
    }
  }

  /** Ends the backend's count of this transaction; idempotent. */
  public void detach() {
    BackendState be = backend;
    if (be != null) {
      be.transactionEnded();
    }
    backend = null;
  }

  /** The transaction waits in the backend's queue (only the first wait counts). */
  public void queued(BackendState be) {
    if (queueMark < 0) {
      queueMark = be.dequeuedCount();
    }
  }

  /**
   * A server was assigned; after a queue, %bq is the requests that left the queue since this one
   * joined it, itself included (HAProxy 2.6 logs 1 for the first request out of a queue, 2 for the
   * second, ...).
   */
  public void assigned(ServerState s) {
    server = s;
    serverName = s.name();
    if (queueMark >= 0) {
      backendQueuePosition = (int) Math.max(0, s.backend().dequeuedCount() - queueMark);
    }
  }

  /**
   * The server connection is up (for %bi:%bp). Under {@code option logasap} a TCP connection's
   * line is written now, as HAProxy does: its times end here and nothing has been sent yet.
   */
  public void serverConnected(@Nullable Channel serverChannel) {
    connectDone = System.currentTimeMillis();
    if (serverChannel != null && serverChannel.localAddress() instanceof InetSocketAddress a) {
      backendSource = a;
    }
    if (!log.http() && log.logAsap() && log.enabled()) {
      logEarly(0, 0);
    }
  }

  /**
   * {@code option logasap}: writes the line now (HTTP: once the response head is sent), with the
   * times ending now and {@code bytesSoFar} as %B; {@link #log} then writes nothing for this
   * transaction. The termination state is {@code --}, as nothing has ended yet, and %U is 0: HAProxy
   * 2.6 has not accounted the request's bytes by then (measured: {@code +61 0 200 ...}).
   */
  public void logEarly(long bytesSoFar, int retryCount) {
    if (loggedEarly) {
      return;
    }
    retries = retryCount;
    endedAt = System.currentTimeMillis();
    earlyBytesOut = bytesSoFar;
    try {
      writeLine();
    } finally {
      earlyBytesOut = -1;
      endedAt = 0;
      loggedEarly = true;
    }
  }

  /** Writes the line, then forgets this transaction so that the next one on the connection starts clean. */
  public void log(String terminationState, int retryCount) {
    this.termination = terminationState;
    this.retries = retryCount;
    endedAt = System.currentTimeMillis();
    try {
      if (!loggedEarly) {
        writeLine();
      }
    } finally {
      backend = null;
      reset();
    }
  }

  private void writeLine() {
    // HAProxy writes the line once the transaction has left its backend and server.
    BackendState be = backend;
    detach();
    backend = be;
    boolean error = log.isError(this);
    if (!log.wanted(error)) {
      return;
    }
    logging = true;
    logNumber = log.nextLineNumber();
    try {
      log.write(this, error);
    } finally {
      logging = false;
      logNumber = -1;
    }
  }

  /** Forgets the transaction without a line (dontlognull), keeping the connection's data. */
  public void reset() {
    detach();
    idleSince = endedAt != 0 ? endedAt : System.currentTimeMillis();
    endedAt = 0;
    serverName = "<NOSRV>";
    server = null;
    backendSource = null;
    requestStart = 0;
    headDone = 0;
    queueDone = 0;
    connectDone = 0;
    responseAt = 0;
    bytesFromClient = 0;
    queueMark = -1;
    backendQueuePosition = 0;
    uniqueId = null;
    requestNumber = -1;
    termination = "--";
    retries = 0;
    loggedEarly = false;
    earlyBytesOut = -1;
  }

  // ---------------------------------------------------------------- LogContext

  @Override
  public @Nullable InetSocketAddress address(Peer peer) {
    return switch (peer) {
      case CLIENT -> client;
      case FRONTEND -> frontendAddress;
      case BACKEND_SOURCE -> backendSource;
      case SERVER -> server == null ? null : server.socketAddress();
    };
  }

  @Override
  public @Nullable String ip(Peer peer) {
    return peer == Peer.CLIENT && clientIp != null ? clientIp : LogContext.super.ip(peer);
  }

  @Override
  public String frontendName() {
    return log.frontend();
  }

  @Override
  public String backendName() {
    BackendState be = backend;
    return be == null ? log.frontend() : be.name();
  }

  @Override
  public String serverName() {
    return serverName;
  }

  @Override
  public long acceptDate() {
    return idleSince;
  }

  @Override
  public long requestDate() {
    return requestStart != 0 ? requestStart : idleSince;
  }

  @Override
  public long timer(Timer timer) {
    long end = endedAt != 0 ? endedAt : System.currentTimeMillis();
    long start = requestStart != 0 ? requestStart : idleSince;
    return switch (timer) {
      case HANDSHAKE -> 0;
      case IDLE -> requestStart != 0 ? requestStart - idleSince : -1;
      case REQUEST -> headDone != 0 && requestStart != 0 ? headDone - requestStart : -1;
      case QUEUE -> queueDone != 0 && headDone != 0 ? queueDone - headDone : -1;
      case CONNECT -> connectDone != 0 && queueDone != 0 ? connectDone - queueDone : -1;
      case RESPONSE -> responseAt != 0 && connectDone != 0 ? responseAt - connectDone : -1;
      case ACTIVE -> end - start;
      case TOTAL -> end - idleSince;
    };
  }

  @Override
  public int status() {
    return status == 0 ? -1 : status;
  }

  @Override
  public long bytesIn() {
    return earlyBytesOut >= 0 ? 0 : bytesFromClient;
  }

  @Override
  public long bytesOut() {
    return earlyBytesOut >= 0 ? earlyBytesOut : bytesToClient;
  }

  @Override
  public boolean logAsap() {
    return log.logAsap();
  }

  @Override
  public String termination() {
    return termination;
  }

  @Override
  public int counter(Counter counter) {
    return switch (counter) {
      case ACTCONN -> log.actconn();
      case FECONN -> log.feconn();
      case BECONN -> backend == null ? 0 : backend.transactions();
      case SRVCONN -> server == null ? 0 : server.activeConnections();
      case RETRIES -> retries;
      case SRV_QUEUE -> 0;
      case BACKEND_QUEUE -> backendQueuePosition;
    };
  }

  @Override
  public @Nullable String uniqueId() {
    LogFormat f = log.uniqueIdFormat();
    if (uniqueId == null && f != null && !generatingUniqueId) {
      // A format that reads %ID itself sees it absent rather than recursing.
      generatingUniqueId = true;
      try {
        uniqueId = f.format(this);
      } finally {
        generatingUniqueId = false;
      }
    }
    return uniqueId;
  }

  @Override
  public long logNumber() {
    return logNumber;
  }

  @Override
  public boolean requestHeadersAvailable() {
    return !logging;
  }

  @Override
  public long requestNumber() {
    return requestNumber;
  }

  @Override
  public @Nullable RequestSample request() {
    return null;
  }

  @Override
  public @Nullable RequestSample response() {
    return null;
  }

  @Override
  public @Nullable Captured captured() {
    return null;
  }
}
