package io.hakit.proxy.check;

import io.hakit.core.model.HealthCheckSpec;
import io.hakit.core.model.ServerCheck;
import io.hakit.core.model.TimeoutKind;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.LastCheck;
import io.hakit.proxy.backend.ServerState;
import io.hakit.proxy.syslog.LogTargets;
import io.hakit.proxy.syslog.Severity;
import io.hakit.proxy.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one server on one event loop, HAProxy's way: a TCP connect (or an HTTP request with
 * {@code option httpchk}) every {@code inter}, moving haproxy's health counter (0 to rise+fall-1,
 * UP from rise): a failure takes one off and, below rise, the server is DOWN with health 0; a
 * success while DOWN adds one and, at rise, the server is UP with full health. A server starts UP
 * at health rise, so one failed first check takes it DOWN, as in haproxy. {@code fastinter} while
 * a transition is under way, {@code downinter} while fully DOWN. Every field is confined to the loop.
 */
final class ServerChecker {
  private static final Logger logger = LoggerFactory.getLogger(HealthChecks.class);

  private final ServerState server;
  private final ServerCheck check;
  private final HealthCheckSpec spec;
  private final @Nullable StatusExpectation expectation;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  /** {@code check addr}, resolved once; null to check the server's own (current) address. */
  private final @Nullable InetSocketAddress checkAddr;
  private final long connectTimeoutMillis;
  private final long readTimeoutMillis;
  /** The backend's log targets: transitions go there as HAProxy sends them (UP notice, DOWN alert). */
  private final LogTargets events;
  /** haproxy's check health; see the class comment. */
  private int health;
  /** slowstart: when the current ramp began (System.nanoTime()), and its number (a newer ramp retires older steps). */
  private long warmupStart;
  private int warmupRamp;
  private volatile boolean stopped;
  private @Nullable ScheduledFuture<?> next;
  private @Nullable Channel probe;

  ServerChecker(ServerState server, EventLoop loop, Transport transport, LogTargets events) {
    this.server = server;
    this.events = events;
    this.check = server.model().check();
    this.health = check.rise();
    BackendState be = server.backend();
    this.spec = be.model().healthCheck();
    this.expectation = spec.kind() == HealthCheckSpec.Kind.HTTP ? new StatusExpectation(spec.expects()) : null;
    this.loop = loop;
    this.bootstrap = new Bootstrap().group(loop).channel(transport.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true);
    this.checkAddr = check.addr() != null ? new InetSocketAddress(check.addr(), 0) : null;
    long inter = check.inter().toMillis();
    long connect = be.connectMillis > 0 ? Math.min(be.connectMillis, inter) : inter;
    this.connectTimeoutMillis = connect;
    this.readTimeoutMillis = be.model().timeouts().get(TimeoutKind.CHECK).map(Duration::toMillis).orElse(inter);
  }

  void start() {
    // HAProxy spreads the first checks over the interval; a small fixed offset is enough here.
    schedule(Math.min(check.inter().toMillis(), 100));
  }

  void stop() {
    stopped = true;
    loop.execute(() -> {
      if (next != null) {
        next.cancel(false);
      }
      if (probe != null) {
        probe.close();
      }
    });
  }

  private void schedule(long delayMillis) {
    if (!stopped) {
      next = loop.schedule(this::runCheck, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private long interval() {
    if (!server.isCheckedUp()) {
      return health > 0 ? check.effectiveFastinter().toMillis() : check.effectiveDowninter().toMillis();
    }
    return health < maxHealth() ? check.effectiveFastinter().toMillis() : check.inter().toMillis();
  }

  private int maxHealth() {
    return check.rise() + check.fall() - 1;
  }

  private void runCheck() {
    if (stopped) {
      return;
    }
    if (server.checksPaused()) {
      // disable health: the server keeps its state until enable health.
      schedule(check.inter().toMillis());
      return;
    }
    long start = System.nanoTime();
    Probe handler = new Probe(start);
    InetSocketAddress target = target();
    bootstrap.clone().handler(handler).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeoutMillis)
        .connect(target).addListener((ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            Throwable c = f.cause();
            String info = c instanceof ConnectTimeoutException ? "" : c instanceof ConnectException
                ? "Connection refused" : String.valueOf(c.getMessage());
            done(new CheckResult(false, c instanceof ConnectTimeoutException ? "Layer4 timeout"
                : "Layer4 connection problem", 0, info, millisSince(start)));
            return;
          }
          probe = f.channel();
          if (expectation == null) {
            f.channel().close();
            done(new CheckResult(true, "Layer4 check passed", 0, "", millisSince(start)));
            return;
          }
          handler.timeout = loop.schedule(() -> handler.fail("Layer7 timeout", 0, ""), readTimeoutMillis,
              TimeUnit.MILLISECONDS);
          String version = spec.version() != null ? spec.version() : "HTTP/1.0";
          String request = spec.method() + " " + spec.uri() + " " + version + "\r\n"
              + (version.equals("HTTP/1.1") ? "host: " + target.getHostString() + "\r\nconnection: close\r\n" : "")
              + "\r\n";
          f.channel().writeAndFlush(f.channel().alloc().buffer().writeBytes(request.getBytes(StandardCharsets.ISO_8859_1)));
        });
  }

  /** check addr / port when set, else the server's address now ({@code set server addr} moves it). */
  private InetSocketAddress target() {
    InetSocketAddress server = this.server.socketAddress();
    int port = check.port() > 0 ? check.port() : server.getPort();
    if (checkAddr != null) {
      return new InetSocketAddress(checkAddr.getAddress(), port);
    }
    return port == server.getPort() ? server : new InetSocketAddress(server.getAddress(), port);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private void done(CheckResult r) {
    probe = null;
    if (stopped) {
      return;
    }
    boolean failedWhileUp = !r.ok() && server.isCheckedUp();
    int max = maxHealth();
    if (server.isCheckedUp() != (health >= check.rise())) {
      // The state was forced from outside (stats socket): the counter follows it.
      health = server.isCheckedUp() ? max : 0;
    }
    // option log-health-checks: every check that moves the health is logged, as haproxy does.
    boolean moves = r.ok() ? health != max : health != 0;
    boolean verbose = server.backend().model().log().logHealthChecks();
    String transition = null;
    Severity severity = Severity.NOTICE;
    BackendState be = server.backend();
    if (r.ok()) {
      if (server.isCheckedUp()) {
        health = max;
      } else if (++health >= check.rise()) {
        health = max;
        server.setUp(true);
        startWarmup();
        transition = "Server " + server.qualifiedName() + " is UP" + (verbose ? "" : ", " + r.describe()) + ". "
            + be.activeServersUp() + " active and " + be.backupServersUp() + " backup servers online. 0 sessions"
            + " requeued, " + be.queueLength() + " total in queue.";
      }
    } else if (!server.isCheckedUp()) {
      health = 0;
    } else if (--health < check.rise()) {
      health = 0;
      server.setUp(false);
      severity = Severity.ALERT;
      transition = "Server " + server.qualifiedName() + " is DOWN" + (verbose ? "" : ", " + r.describe()) + ". "
          + be.activeServersUp() + " active and " + be.backupServersUp() + " backup servers left. "
          + server.activeConnections() + " sessions active, 0 requeued, " + be.queueLength()
          + " remaining in queue.";
    }
    if (verbose && moves) {
      report(Severity.NOTICE, "Health check for server " + server.qualifiedName() + (r.ok() ? " succeeded, " : " failed, ")
          + r.describe() + ", status: " + healthText() + ".");
    }
    if (transition != null) {
      report(severity, transition);
      if (severity == Severity.ALERT && !be.anyServerUp()) {
        logger.error("backend {} has no server available!", be.name());
        events.send(Severity.EMERG, "backend " + be.name() + " has no server available!");
      }
    }
    server.recordCheck(lastCheck(r), failedWhileUp);
    schedule(interval());
  }

  /**
   * {@code slowstart}: a server back UP (never one UP from the start) takes its weight and maxconn
   * in steps of elapsed/slowstart, every max(1 s, slowstart/20), as haproxy's warmup task does.
   */
  private void startWarmup() {
    java.time.Duration slowstart = server.model().slowstart();
    if (slowstart == null || slowstart.isZero()) {
      return;
    }
    warmupStart = System.nanoTime();
    int ramp = ++warmupRamp;
    server.setWarmup(0);
    scheduleWarmupStep(ramp, slowstart.toMillis());
  }

  private void scheduleWarmupStep(int ramp, long totalMillis) {
    long step = Math.max(1000, totalMillis / 20);
    loop.schedule(() -> warmupStep(ramp, totalMillis), Math.min(step, totalMillis), TimeUnit.MILLISECONDS);
  }

  private void warmupStep(int ramp, long totalMillis) {
    if (ramp != warmupRamp) {
      return;
    }
    if (stopped || !server.isCheckedUp()) {
      server.setWarmup(100);
      return;
    }
    long elapsed = (System.nanoTime() - warmupStart) / 1_000_000;
    server.setWarmup((int) Math.min(100, elapsed * 100 / totalMillis));
    if (elapsed < totalMillis) {
      scheduleWarmupStep(ramp, totalMillis);
    }
  }

  /** haproxy's {@code status: 2/3 UP} (failures left before DOWN) or {@code 1/2 DOWN} (successes towards rise). */
  private String healthText() {
    return server.isCheckedUp() ? (health - check.rise() + 1) + "/" + check.fall() + " UP"
        : health + "/" + check.rise() + " DOWN";
  }

  /** A state change: to the operator's log (as HAProxy -db prints it) and to the backend's targets. */
  private void report(Severity severity, String message) {
    logger.warn("{}", message);
    events.send(severity, message);
  }

  /** The result as show stat reports it, with HAProxy's check health (0 .. rise+fall-1). */
  private LastCheck lastCheck(CheckResult r) {
    String code = switch (r.reason()) {
      case "Layer4 check passed" -> "L4OK";
      case "Layer4 timeout" -> "L4TOUT";
      case "Layer4 connection problem" -> "L4CON";
      case "Layer7 check passed" -> "L7OK";
      case "Layer7 wrong status" -> "L7STS";
      case "Layer7 timeout" -> "L7TOUT";
      default -> "L7RSP";
    };
    return new LastCheck(code, r.code(), r.durationMillis(), r.info(), r.reason(), health);
  }

  /** Reads the status line of an HTTP check's answer. */
  private final class Probe extends ChannelInboundHandlerAdapter {
    private final long start;
    private final StringBuilder line = new StringBuilder();
    private boolean finished;
    @Nullable ScheduledFuture<?> timeout;

    Probe(long start) {
      this.start = start;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf b = (ByteBuf) msg;
      try {
        while (b.isReadable() && !finished) {
          char c = (char) b.readByte();
          if (c == '\n' || line.length() > 1024) {
            statusLine(ctx);
            return;
          }
          line.append(c);
        }
      } finally {
        b.release();
      }
    }

    private void statusLine(ChannelHandlerContext ctx) {
      String l = line.toString().trim();
      ctx.close();
      if (!l.startsWith("HTTP/") || l.length() < 12) {
        fail("Layer7 invalid response", 0, "");
        return;
      }
      int code;
      try {
        code = Integer.parseInt(l.substring(9, 12));
      } catch (NumberFormatException e) {
        fail("Layer7 invalid response", 0, "");
        return;
      }
      String reason = l.length() > 13 ? l.substring(13) : "";
      if (expectation.matches(code)) {
        finish(new CheckResult(true, "Layer7 check passed", code, reason, millisSince(start)));
      } else {
        fail("Layer7 wrong status", code, reason);
      }
    }

    void fail(String reason, int code, String info) {
      finish(new CheckResult(false, reason, code, info, millisSince(start)));
    }

    private void finish(CheckResult r) {
      if (finished) {
        return;
      }
      finished = true;
      if (timeout != null) {
        timeout.cancel(false);
      }
      if (probe != null) {
        probe.close();
      }
      done(r);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (expectation != null) {
        fail("Layer7 invalid response", 0, "connection closed");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
