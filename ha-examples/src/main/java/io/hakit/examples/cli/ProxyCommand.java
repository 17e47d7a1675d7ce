package io.hakit.examples.cli;

import io.hakit.config.haproxy.ConfigResult;
import io.hakit.proxy.ProxyServer;
import io.hakit.proxy.transport.TransportKind;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code hakit proxy -f FILE [-f FILE ...]}: runs a haproxy.cfg in the foreground as
 * {@code haproxy -db -f} does. SIGTERM or Ctrl-C: stop accepting, finish the requests in flight
 * (up to {@code --grace}), exit 0.
 */
final class ProxyCommand implements Command {
  @Override
  public String name() {
    return "proxy";
  }

  @Override
  public String summary() {
    return "run a haproxy.cfg in the foreground like 'haproxy -db -f'";
  }

  @Override
  public String usage() {
    return """
        Usage: hakit proxy -f FILE [-f FILE ...] [--strict] [--transport auto|epoll|nio] [--grace SECONDS]
          -f FILE            a haproxy.cfg (several are read in order, as one configuration)
          --strict           refuse what haproxy 2.6 refuses (see 'hakit check --strict')
          --transport KIND   event loop transport: auto (epoll when available), epoll or nio
          --grace SECONDS    how long a SIGTERM waits for requests in flight (default 10)""";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Flags flags = Flags.parse(name(), args, Set.of("--strict", "-db"), Set.of("-f", "--transport", "--grace"));
    if (!flags.positional().isEmpty()) {
      throw new UsageException("hakit proxy: unexpected argument '" + flags.positional().get(0) + "'");
    }
    ConfigResult config = ConfigFiles.read(ConfigFiles.paths(name(), flags.all("-f")), flags.has("--strict"), err);
    if (config == null) {
      return 1;
    }
    TransportKind transport = transport(flags.get("--transport", "auto"));
    Duration grace = Duration.ofSeconds(seconds(flags.get("--grace", "10")));
    ProxyServer proxy = ProxyServer.builder(config.model()).transport(transport).build();
    // Foreground owns the signal from before the start: a SIGTERM while binding still stops cleanly.
    int status = Foreground.run("hakit proxy", () -> {
      proxy.start().toCompletableFuture().get();
      err.println("hakit proxy: listening on " + proxy.boundAddresses() + " ("
          + proxy.transport().name().toLowerCase(Locale.ROOT) + ", " + proxy.eventLoops() + " event loop(s))");
    }, grace.plusSeconds(5), () -> proxy.stop(grace).toCompletableFuture().get(), err);
    // haproxy exits 1 when it cannot start (a socket it cannot bind, ...).
    return status == Foreground.START_FAILED ? 1 : status;
  }

  static TransportKind transport(String value) throws UsageException {
    try {
      return TransportKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("hakit proxy: --transport '" + value + "' (expected: auto, epoll or nio)");
    }
  }

  static long seconds(String value) throws UsageException {
    try {
      long s = Long.parseLong(value);
      if (s < 0 || s > 3600) {
        throw new NumberFormatException();
      }
      return s;
    } catch (NumberFormatException e) {
      throw new UsageException("hakit proxy: --grace '" + value + "' (expected: 0-3600 seconds)");
    }
  }
}
