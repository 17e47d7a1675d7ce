package io.hakit.examples.cli;

import io.hakit.examples.vrrp.VrrpCommand;
import java.io.PrintStream;
import java.util.List;

/** {@code hakit vrrp -f keepalived.conf}: {@link VrrpCommand} (keepalived -n -f) in the dispatcher. */
final class VrrpCliCommand implements Command {
  @Override
  public String name() {
    return "vrrp";
  }

  @Override
  public String summary() {
    return VrrpCommand.summary();
  }

  @Override
  public String usage() {
    return VrrpCommand.usage();
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    return VrrpCommand.run(args.toArray(String[]::new), out, err);
  }
}
