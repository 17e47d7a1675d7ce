package io.hakit.proxy.syslog;

import io.hakit.core.HaException;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.LogTarget;
import io.hakit.core.model.Setting;
import io.hakit.core.net.Endpoint;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log outputs of one running proxy: opens each distinct address once, resolves
 * {@code log global}, and closes everything at stop. Built and closed by the thread that starts and
 * stops the proxy; the {@link LogTargets} it hands out are used from every event loop.
 */
public final class LogOutputs implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(LogOutputs.class);
  /** The default tag: rsyslog rules that ship with haproxy match {@code programname == "haproxy"}. */
  static final String DEFAULT_TAG = "haproxy";

  /** Outputs that send nothing, before a proxy starts. */
  public static final LogOutputs NONE =
      new LogOutputs(List.of(), new LineHeader(DEFAULT_TAG, null, 0, java.time.ZoneOffset.UTC));

  private final List<LogTarget> globalTargets;
  private final LineHeader header;
  private final Map<String, LineSender> senders = new HashMap<>();
  private final LongAdder dropped = new LongAdder();

  private LogOutputs(List<LogTarget> globalTargets, LineHeader header) {
    this.globalTargets = globalTargets;
    this.header = header;
  }

  /** Outputs for a model's global section ({@code log}, {@code log-tag}, {@code log-send-hostname}). */
  public static LogOutputs open(GlobalSettings global) {
    String tag = DEFAULT_TAG;
    String hostname = null;
    for (Setting s : global.other()) {
      if (s.keyword().equals("log-tag") && !s.args().isEmpty()) {
        tag = s.args().get(0);
      } else if (s.keyword().equals("log-send-hostname")) {
        hostname = s.args().isEmpty() ? systemHostname() : s.args().get(0);
      }
    }
    return new LogOutputs(global.logs(), new LineHeader(tag, hostname, ProcessHandle.current().pid(),
        ZoneId.systemDefault()));
  }

  /**
   * The targets of one proxy: its own {@code log} lines, {@code log global} standing for the global
   * section's.
   *
   * @throws HaException for a target that cannot be used, naming its config line
   */
  public LogTargets targetsFor(List<LogTarget> proxyTargets) {
    List<LogTargets.Bound> bound = new ArrayList<>();
    for (LogTarget t : proxyTargets) {
      if (t.isGlobal()) {
        for (LogTarget g : globalTargets) {
          bind(g, bound);
        }
      } else {
        bind(t, bound);
      }
    }
    return new LogTargets(List.copyOf(bound), header, dropped);
  }

  private void bind(LogTarget target, List<LogTargets.Bound> out) {
    TargetSpec spec = TargetSpec.of(target);
    LineSender sender = sender(spec);
    if (sender != null) {
      out.add(new LogTargets.Bound(spec, sender));
    }
  }

  private @Nullable LineSender sender(TargetSpec spec) {
    String key = spec.kind() + " " + spec.address();
    LineSender existing = senders.get(key);
    if (existing != null) {
      return existing;
    }
    LineSender created = switch (spec.kind()) {
      case STDOUT -> new StreamLineSender(FileDescriptor.out);
      case STDERR -> new StreamLineSender(FileDescriptor.err);
      case UDP -> new UdpLineSender(resolve(spec));
      case UNIX -> {
        if (!UnixLineSender.isSupported()) {
          logger.warn("{}: log target '{}' needs the native epoll transport (not available here); its lines are"
              + " not sent", spec.origin(), spec.address());
          yield null;
        }
        yield UnixLineSender.open(spec.address());
      }
    };
    if (created != null) {
      senders.put(key, created);
    }
    return created;
  }

  private static InetSocketAddress resolve(TargetSpec spec) {
    Endpoint endpoint = Endpoint.parse(spec.address());
    try {
      // Resolved once at start, as HAProxy resolves log servers when it reads its configuration.
      return new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
    } catch (IOException e) {
      throw new HaException(spec.origin() + ": log server '" + endpoint.host() + "' cannot be resolved: "
          + e.getMessage(), e);
    }
  }

  private static String systemHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      return "localhost";
    }
  }

  /** Lines lost since start: no listener, a full socket buffer. */
  public long droppedLines() {
    return dropped.sum();
  }

  @Override
  public void close() {
    senders.values().forEach(LineSender::close);
    senders.clear();
  }
}
