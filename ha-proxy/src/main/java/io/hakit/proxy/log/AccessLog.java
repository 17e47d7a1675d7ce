package io.hakit.proxy.log;

import io.hakit.core.HaException;
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
 * {@code log-format}) compiled once, lines written at INFO to the slf4j logger {@code io.hakit.access}.
 * Immutable and shared by the event loops; a disabled log costs one check per transaction.
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
  /** The frontend's {@code log} targets (syslog, stdout): every line goes there too. */
  private final LogTargets targets;

  /**
   * Compiles a frontend's log format.
   *
   * @param actconn the process's current connections ({@code %ac})
   * @param feconn the frontend's current connections ({@code %fc})
   * @param targets where the frontend's {@code log} lines send, besides the slf4j logger
   * @throws HaException for a log-format HAKit cannot run, naming the frontend and its file:line
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
    LogFormat uid = null;
    String header = null;
    for (Setting s : model.extras()) {
      if (s.keyword().equals("unique-id-format") && !s.args().isEmpty()) {
        try {
          uid = LogFormat.compile(s.args().get(0), Usage.HTTP_REQUEST);
        } catch (IllegalArgumentException e) {
          throw new HaException("parsing [" + s.origin() + "] : frontend '" + model.name()
              + "': failed to parse unique-id-format : " + e.getMessage(), e);
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
      throw new HaException("frontend '" + model.name() + "' at " + model.origin() + ": failed to parse log-format : "
          + e.getMessage(), e);
    }
  }

  public String frontend() {
    return frontend;
  }

  /** True when a line should be built: callers skip all log work otherwise. */
  public boolean enabled() {
    return format != null && (logger.isInfoEnabled() || !targets.isEmpty());
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
    LogFormat f = format;
    if (f == null) {
      return;
    }
    StringBuilder b = BUFFER.get();
    b.setLength(0);
    f.appendTo(b, ctx);
    String line = b.toString();
    logger.info(line);
    // HAProxy sends traffic logs at "info" (option log-separate-errors is not supported).
    targets.send(Severity.INFO, line);
    if (b.capacity() > 16384) {
      BUFFER.remove();
    }
  }
}
