package io.hakit.examples.cli;

import io.hakit.config.haproxy.ConfigResult;
import io.hakit.examples.node.HaNode;
import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.config.KeepalivedConfig;
import io.hakit.vrrp.config.KeepalivedConfigException;
import io.hakit.vrrp.config.KeepalivedConfigReader;
import io.hakit.vrrp.linux.LinuxRawTransportFactory;
import io.hakit.vrrp.linux.NetlinkAddressManager;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code hakit node -f haproxy.cfg -k keepalived.conf}: one node of the HA pair from the operator's
 * existing files, on Linux natives (root or CAP_NET_RAW + CAP_NET_ADMIN). See {@link HaNode}.
 */
final class NodeCommand implements Command {
  @Override
  public String name() {
    return "node";
  }

  @Override
  public String summary() {
    return "one HA node: a haproxy.cfg's proxy + a keepalived.conf's VRRP, the VIP following the proxy";
  }

  @Override
  public String usage() {
    return """
        Usage: hakit node -f haproxy.cfg [-f FILE ...] -k keepalived.conf [OPTIONS]
          -f FILE              a haproxy.cfg (several are read in order, as one configuration)
          -k FILE              a keepalived.conf (its vrrp_instance, vrrp_script, ... sections)
          --proxy-weight N     keepalived weight of the in-process proxy health that every instance
                               tracks (DOWN when the proxy stops listening or a default_backend has
                               no server UP): 0 (default) = FAULT, the VIP moves at once; -N lowers
                               the priority by N while down
          --strict             refuse what haproxy 2.6 refuses in the haproxy.cfg
          --transport KIND     proxy event loops: auto (default), epoll or nio
          --grace SECONDS      SIGTERM: VIP handed over, then requests in flight get this long (default 10)""";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Flags flags = Flags.parse(name(), args, Set.of("--strict"),
        Set.of("-f", "-k", "--proxy-weight", "--transport", "--grace"));
    if (!flags.positional().isEmpty()) {
      throw new UsageException("hakit node: unexpected argument '" + flags.positional().get(0) + "'");
    }
    List<Path> haproxyFiles = ConfigFiles.paths(name(), flags.all("-f"));
    if (!flags.has("-k")) {
      throw new UsageException("hakit node: missing '-k keepalived.conf'");
    }
    int weight = weight(flags.get("--proxy-weight", "0"));
    Duration grace = Duration.ofSeconds(ProxyCommand.seconds(flags.get("--grace", "10")));
    var transport = ProxyCommand.transport(flags.get("--transport", "auto"));

    ConfigResult proxyConfig = ConfigFiles.read(haproxyFiles, flags.has("--strict"), err);
    if (proxyConfig == null) {
      return 1;
    }
    KeepalivedConfig keepalived;
    try {
      keepalived = KeepalivedConfigReader.read(Path.of(flags.get("-k", "")));
    } catch (KeepalivedConfigException e) {
      e.diagnostics().forEach(err::println);
      return 1;
    }
    keepalived.warnings().forEach(err::println);
    String unavailable = LinuxRawTransportFactory.unavailabilityCause();
    if (unavailable != null) {
      err.println("hakit node: " + unavailable);
      return 1;
    }
    HaNode node = HaNode.create(proxyConfig.model(), keepalived, weight, transport, new LinuxRawTransportFactory(),
        new NetlinkAddressManager(), change -> print(out, change));
    int status = Foreground.run("hakit node", () -> {
      node.start().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
      out.println("hakit node: proxy listening on " + node.proxy().boundAddresses() + "; "
          + node.vrrp().instances().size() + " VRRP instance(s) tracking " + HaNode.PROXY_HEALTH_NAME + " (weight "
          + weight + ")");
      out.flush();
    }, grace.plusSeconds(10), () -> node.stop(grace).toCompletableFuture().get(), err);
    // A half-started node was stopped by Foreground (no VIP, no listener left behind).
    return status == Foreground.START_FAILED ? 1 : status;
  }

  private static void print(PrintStream out, StateChange change) {
    out.println("(" + change.instance() + ") " + change.from() + " -> " + change.to() + ": " + change.reason()
        + " (priority " + change.priority() + ")");
    out.flush();
  }

  private static int weight(String value) throws UsageException {
    try {
      int w = Integer.parseInt(value);
      if (w < -253 || w > 253) {
        throw new NumberFormatException();
      }
      return w;
    } catch (NumberFormatException e) {
      throw new UsageException("hakit node: --proxy-weight '" + value + "' (expected: -253..253)");
    }
  }
}
