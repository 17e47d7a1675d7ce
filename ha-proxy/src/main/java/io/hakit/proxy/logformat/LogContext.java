package io.hakit.proxy.logformat;

import io.hakit.proxy.acl.RequestSample;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * What a format reads from one transaction (HTTP) or connection (TCP). Implemented by the
 * sessions over the state they already keep; called on the session's event loop only, so an
 * implementation needs no synchronisation. Absent values are {@code null} (or -1 for times and
 * the status), and the format prints them the way HAProxy does ({@code -} in a log line).
 */
public interface LogContext {
  /** The four ends of a proxied connection. */
  enum Peer {
    /** The client ({@code %ci:%cp}, {@code src}). */
    CLIENT,
    /** The address the client connected to ({@code %fi:%fp}, {@code dst}). */
    FRONTEND,
    /** The proxy's own address on the server connection ({@code %bi:%bp}). */
    BACKEND_SOURCE,
    /** The server ({@code %si:%sp}). */
    SERVER
  }

  /** HAProxy's timers (8.4): milliseconds, -1 for a phase not reached. */
  enum Timer {
    /** %Th: accept to the end of the handshakes (0 without TLS). */
    HANDSHAKE,
    /** %Ti: idle time before the first byte of the request. */
    IDLE,
    /** %TR: first byte of the request to its complete head. */
    REQUEST,
    /** %Tw: time spent in queues. */
    QUEUE,
    /** %Tc: connecting to the server. */
    CONNECT,
    /** %Tr: request sent to response head received. */
    RESPONSE,
    /** %Ta: request start (after Th and Ti) to the end. */
    ACTIVE,
    /** %Tt: accept to the end. */
    TOTAL
  }

  /** The connection and queue counters of the log line (8.2.3), read when the line is written. */
  enum Counter {
    /** %ac: connections on the process. */
    ACTCONN,
    /** %fc: connections on the frontend. */
    FECONN,
    /** %bc: transactions being handled by the backend. */
    BECONN,
    /** %sc: connections on the server. */
    SRVCONN,
    /** %rc: connection retries. */
    RETRIES,
    /** %sq: requests served before this one from the server's queue. */
    SRV_QUEUE,
    /** %bq: requests served before this one from the backend's queue. */
    BACKEND_QUEUE
  }

  @Nullable InetSocketAddress address(Peer peer);

  /** The address as text ({@code ::1}, {@code 127.0.0.1}); sessions override it with a cached copy. */
  default @Nullable String ip(Peer peer) {
    InetSocketAddress a = address(peer);
    return a == null || a.getAddress() == null ? null : NetUtil.toAddressString(a.getAddress());
  }

  String frontendName();

  /** The backend's name once one is chosen, the frontend's before (HAProxy's {@code %b}). */
  String backendName();

  /** The server's name, {@code <NOSRV>} while there is none. */
  String serverName();

  /** When the connection was accepted, or the previous request ended on a kept-alive one (epoch ms). */
  long acceptDate();

  /** When the request started: accept date plus Th and Ti (epoch ms). */
  long requestDate();

  long timer(Timer timer);

  /** The status sent to the client, -1 when none yet. */
  int status();

  /** %U: bytes received from the client. */
  long bytesIn();

  /** %B: bytes sent to the client. */
  long bytesOut();

  /**
   * True under {@code option logasap}: the line may come before the end, and HAProxy marks %B,
   * %Ta, %Tt and %Tu with a {@code +} (on every line of such a frontend).
   */
  default boolean logAsap() {
    return false;
  }

  /** Two characters: the termination cause and the session state at termination ({@code --}, {@code CD}, ...). */
  String termination();

  /**
   * The 3rd and 4th characters of {@code %tsc}: the persistence cookie of the request and of the
   * response (HTTP mode, backend with a cookie), {@code --} when not applicable.
   */
  default String cookieFlags() {
    return "--";
  }

  int counter(Counter counter);

  /** The request head, or null (TCP mode, or nothing received yet). */
  @Nullable RequestSample request();

  /**
   * False once the request's headers are released (while the log line is written): a
   * unique-id-format first evaluated then reads no header, as in HAProxy. The request line stays.
   */
  default boolean requestHeadersAvailable() {
    return true;
  }

  /** The response head's headers, or null before the response. */
  @Nullable RequestSample response();

  /**
   * The transaction's {@code unique-id-format} value, generated on first use and then kept (the
   * {@code unique-id} fetch, {@code %ID}); null when the frontend has no unique-id-format.
   */
  @Nullable String uniqueId();

  /** %rt: the process-wide number of this request (HTTP) or connection (TCP), from 0. */
  long requestNumber();

  /** %lc: the number of this line among the frontend's log lines, from 0 (-1 outside a log line). */
  default long logNumber() {
    return -1;
  }

  /** What {@code capture} lines of the frontend took from this transaction. */
  @Nullable Captured captured();
}
