package io.hakit.proxy.log;

import io.hakit.core.HaException;
import io.hakit.core.Origin;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.LogSettings;
import io.hakit.core.model.Mode;
import io.hakit.core.model.Setting;
import io.hakit.proxy.logformat.CaptureSpec;
import io.hakit.proxy.logformat.LogContext;
import io.hakit.proxy.logformat.LogFormat;
import io.hakit.proxy.logformat.Usage;
import io.hakit.proxy.syslog.LogTargets;
import io.hakit.proxy.syslog.Severity;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A frontend's access log: its format ({@code option httplog}, {@code option tcplog} or
 * {@code log-format}) compiled once, one line per transaction (HTTP) or connection (TCP).
 *
 * <p>Where lines go: to the frontend's {@code log} targets when it has any (syslog, {@code stdout},
 * ... exactly where {@code haproxy} would send them, and nowhere else); when it has none (no
 * {@code log} line, or {@code log global} without global ones), to the slf4j logger
 * {@code io.hakit.access} at INFO (ERROR for the lines {@code option log-separate-errors} raises),
 * so that a frontend built in code, or a configuration without {@code log} lines, still reaches
 * the application's own logging (HAProxy would drop those lines; raise the logger's level to do the
 * same). A line never goes to both: with targets configured, the CLI prints only what
 * {@code haproxy -db} prints.
 *
 * <p>Which lines: all of them, but those {@code option dontlognull} drops (a connection without a
 * request) and, under {@code option dontlog-normal}, those without an error (see {@link
 * #isError}). {@code option logasap} writes an HTTP line as soon as the response head is sent, and
 * a TCP line once the server connection is up, with {@code +} before %B, %Ta, %Tt and %Tu (the
 * values at that moment) and %U 0, as HAProxy 2.6 does; the end of the transaction then writes
 * nothing. An early %B counts the response head and the body bytes read with it (HAProxy: what its
 * buffer holds, which for a large body depends on timing as well).
 *
 * <p>Immutable and shared by the event loops; a disabled log costs one check per transaction.
 */
public final class AccessLog {
  private static final Logger logger = LoggerFactory.getLogger("io.hakit.access");
  /** One line buffer per event loop thread, so that a line costs its String and little more. */
  private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(256));

  private final String frontend;
  private final @Nullable LogFormat format;
  private final boolean dontLogNull;
  private final CaptureSpec captures;
  private final IntSupplier actconn;
  private final IntSupplier feconn;
  /** %lc: lines written by this frontend. */
  private final AtomicLong lines = new AtomicLong();
  private final @Nullable LogFormat uniqueIdFormat;
  private final @Nullable String uniqueIdHeader;
  /** The frontend's {@code log} targets (syslog, stdout); when there are none, lines go to slf4j. */
  private final LogTargets targets;
  /** {@code option log-separate-errors}: lines with an error are sent at level "err". */
  private final boolean separateErrors;
  /** {@code option dontlog-normal}: only lines with an error are written. */
  private final boolean dontLogNormal;
  /** {@code option logasap}: the line is written before the end of the transaction. */
  private final boolean logAsap;
  private final boolean http;

  /**
   * Compiles a frontend's log format.
   *
   * @param actconn the process's current connections ({@code %ac})
   * @param feconn the frontend's current connections ({@code %fc})
   * @param targets where the frontend's {@code log} lines go; {@link LogTargets#NONE} for the slf4j logger
   * @throws HaException for a log-format or unique-id-format HAKit cannot run, at the statement's
   *     file:line in HAProxy's words
   */
  public AccessLog(Frontend model, IntSupplier actconn, IntSupplier feconn, LogTargets targets) {
    this.frontend = model.name();
    this.targets = targets;
    LogSettings settings = model.log();
    this.dontLogNull = settings.dontLogNull();
    this.captures = model.captures().isEmpty() ? CaptureSpec.NONE : new CaptureSpec(model.captures());
    this.actconn = actconn;
    this.feconn = feconn;
    this.format = compile(model, settings);
    this.separateErrors = model.option("log-separate-errors");
    this.dontLogNormal = model.option("dontlog-normal");
    this.logAsap = model.option("logasap");
    this.http = model.mode() == Mode.HTTP;
    LogFormat uid = null;
    String header = null;
    for (Setting s : model.extras()) {
      if (s.keyword().equals("unique-id-format") && !s.args().isEmpty()) {
        try {
          uid = LogFormat.compile(s.args().get(0), Usage.HTTP_REQUEST);
        } catch (IllegalArgumentException e) {
          throw new HaException(where(model, s.origin()) + "failed to parse unique-id : " + e.getMessage(), e);
        }
      } else if (s.keyword().equals("unique-id-header") && !s.args().isEmpty()) {
        header = s.args().get(0).toLowerCase(Locale.ROOT);
      }
    }
    this.uniqueIdFormat = uid;
    this.uniqueIdHeader = uid == null ? null : header;
  }

  /** A log for code and tests that build a frontend without connection counters or targets. */
  public AccessLog(Frontend model) {
    this(model, () -> 0, () -> 0, LogTargets.NONE);
  }

  private static @Nullable LogFormat compile(Frontend model, LogSettings settings) {
    String text = switch (settings.style()) {
      case NONE -> null;
      case TCPLOG -> LogFormat.TCPLOG;
      // HAProxy falls back to tcplog for `option httplog` in a TCP frontend.
      case HTTPLOG -> model.mode() == Mode.HTTP ? LogFormat.HTTPLOG : LogFormat.TCPLOG;
      case CUSTOM -> settings.format();
    };
    if (text == null) {
      return null;
    }
    try {
      return LogFormat.compile(text, Usage.LOG);
    } catch (IllegalArgumentException e) {
      throw new HaException(where(model, settings.formatOrigin()) + "failed to parse log-format : " + e.getMessage(), e);
    }
  }

  /**
   * HAProxy's prefix of a format error, which it reports after parsing: {@code Parsing [file:line]: };
   * the frontend's name for a model built in code (no line to name).
   */
  private static String where(Frontend model, Origin origin) {
    return origin.isKnown() ? "Parsing [" + origin + "]: " : "frontend '" + model.name() + "': ";
  }

  public String frontend() {
    return frontend;
  }

  /** True when a line should be built: callers skip all log work otherwise. */
  public boolean enabled() {
    return format != null
        && (!targets.isEmpty() || (separateErrors ? logger.isErrorEnabled() : logger.isInfoEnabled()));
  }

  /** {@code option logasap}: sessions write the line early (see {@link SessionRecord#logEarly}). */
  public boolean logAsap() {
    return logAsap;
  }

  boolean http() {
    return http;
  }

  /**
   * HAProxy 2.6's rule for a line with an error ({@code option log-separate-errors},
   * {@code option dontlog-normal}): the session ended with a termination cause other than
   * {@code -} (none) and {@code L} (the proxy answered itself: deny, redirect, return, stats), or
   * needed connection retries without ending in error, or (HTTP frontend) sent a status of 500 or
   * more. A redispatch also counts in HAProxy; HAKit's lines do not record one.
   */
  boolean isError(LogContext ctx) {
    String ts = ctx.termination();
    char cause = ts.isEmpty() ? '-' : ts.charAt(0);
    if (cause != '-' && cause != 'L') {
      return true;
    }
    if (cause == '-' && ctx.counter(LogContext.Counter.RETRIES) > 0) {
      return true;
    }
    return http && ctx.status() >= 500;
  }

  /** False for a normal line under {@code option dontlog-normal}: it is not written at all. */
  boolean wanted(boolean error) {
    return error || !dontLogNormal;
  }

  /** {@code option dontlognull}: a connection that carried no request is not logged. */
  public boolean dontLogNull() {
    return dontLogNull;
  }

  /** The frontend's {@code capture} lines. */
  public CaptureSpec captures() {
    return captures;
  }

  /** {@code unique-id-format}, or null. */
  public @Nullable LogFormat uniqueIdFormat() {
    return uniqueIdFormat;
  }

  /** {@code unique-id-header} (lower case), or null; only with a unique-id-format. */
  public @Nullable String uniqueIdHeader() {
    return uniqueIdHeader;
  }

  long nextLineNumber() {
    return lines.getAndIncrement();
  }

  int actconn() {
    return actconn.getAsInt();
  }

  int feconn() {
    return feconn.getAsInt();
  }

  /** Writes one line for this transaction or connection, on the caller's event loop. */
  public void write(LogContext ctx) {
    write(ctx, isError(ctx));
  }

  /** Writes one line, at level "err" when {@code error} and {@code option log-separate-errors}. */
  void write(LogContext ctx, boolean error) {
    LogFormat f = format;
    if (f == null) {
      return;
    }
    StringBuilder b = BUFFER.get();
    b.setLength(0);
    f.appendTo(b, ctx);
    String line = b.toString();
    boolean raised = error && separateErrors;
    if (!targets.isEmpty()) {
      targets.send(raised ? Severity.ERR : Severity.INFO, line);
    } else if (raised) {
      logger.error(line);
    } else {
      logger.info(line);
    }
    if (b.capacity() > 16384) {
      BUFFER.remove();
    }
  }
}
