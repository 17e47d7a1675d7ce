package io.hakit.examples.cli;

import io.hakit.config.haproxy.ConfigCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code hakit check -f FILE [-f FILE ...] [--strict]}: {@code haproxy -c -f}, same exit status. */
final class CheckCommand implements Command {
  @Override
  public String name() {
    return "check";
  }

  @Override
  public String summary() {
    return "check haproxy.cfg files like 'haproxy -c -f' (exit 0 when valid)";
  }

  @Override
  public String usage() {
    return """
        Usage: hakit check -f FILE [-f FILE ...] [--strict]
          -f FILE    a haproxy.cfg (several are read in order, as one configuration)
          --strict   follow haproxy 2.6's verdicts exactly (no legacy 'frontend NAME ADDR' header)""";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Flags flags = Flags.parse(name(), args, Set.of("--strict", "-c"), Set.of("-f"));
    if (!flags.positional().isEmpty()) {
      throw new UsageException("hakit check: unexpected argument '" + flags.positional().get(0) + "'");
    }
    List<Path> files = ConfigFiles.paths(name(), flags.all("-f"));
    return ConfigCheck.run(files, flags.has("--strict"), out, err);
  }
}
