package io.hakit.proxy.log;

import io.hakit.core.model.LogSettings;
import io.hakit.core.model.LogStyle;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAProxy's httplog and tcplog lines, written at INFO to the slf4j logger {@code io.hakit.access}.
 * One instance per frontend; lines are built only when the style asks for them and the logger is
 * enabled, so that a disabled log costs one check per request.
 */
public final class AccessLog {
  private static final Logger logger = LoggerFactory.getLogger("io.hakit.access");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final String frontend;
  private final LogStyle style;
  private final boolean dontLogNull;

  public AccessLog(String frontend, LogSettings settings) {
    this.frontend = frontend;
    this.style = settings.style();
    this.dontLogNull = settings.dontLogNull();
  }

  /** True when a line of this style should be built: callers skip all formatting otherwise. */
  public boolean httpEnabled() {
    return (style == LogStyle.HTTPLOG || style == LogStyle.CUSTOM) && logger.isInfoEnabled();
  }

  public boolean tcpEnabled() {
    return style != LogStyle.NONE && logger.isInfoEnabled();
  }

  /** {@code option dontlognull}: a connection that carried no request is not logged. */
  public boolean dontLogNull() {
    return dontLogNull;
  }

  /**
   * {@code %ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %{+Q}r}.
   * Times are in ms, -1 for a phase not reached.
   */
  public void http(String client, int clientPort, long startMillis, String backend, String server, long tr, long tw,
      long tc, long tResp, long ta, int status, long bytes, String termination, int retries, String requestLine) {
    logger.info("{}:{} [{}] {} {}/{} {}/{}/{}/{}/{} {} {} - - {}-- 0/0/0/0/{} 0/0 \"{}\"", client, clientPort,
        DATE.format(Instant.ofEpochMilli(startMillis)), frontend, backend, server, tr, tw, tc, tResp, ta, status,
        bytes, termination, retries, requestLine);
  }

  /** {@code %ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq}. */
  public void tcp(String client, int clientPort, long startMillis, String backend, String server, long tw, long tc,
      long tt, long bytes, String termination, int retries) {
    logger.info("{}:{} [{}] {} {}/{} {}/{}/{} {} {} 0/0/0/0/{} 0/0", client, clientPort,
        DATE.format(Instant.ofEpochMilli(startMillis)), frontend, backend, server, tw, tc, tt, bytes, termination,
        retries);
  }
}
