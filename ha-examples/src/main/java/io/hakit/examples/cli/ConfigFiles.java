package io.hakit.examples.cli;

import io.hakit.config.haproxy.ConfigCheck;
import io.hakit.config.haproxy.ConfigException;
import io.hakit.config.haproxy.ConfigResult;
import io.hakit.config.haproxy.Diagnostic;
import io.hakit.config.haproxy.HaproxyConfigReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reading the {@code -f} files of the proxy and node commands, reporting like haproxy does. */
final class ConfigFiles {
  private ConfigFiles() {}

  static List<Path> paths(String command, List<String> values) throws UsageException {
    if (values.isEmpty()) {
      throw new UsageException("hakit " + command + ": missing '-f FILE'");
    }
    return values.stream().map(Path::of).toList();
  }

  /**
   * Reads the configuration, printing its warnings; on errors prints them all and returns null,
   * as {@code haproxy -f} refuses to start.
   */
  static ConfigResult read(List<Path> files, boolean strict, PrintStream err) {
    try {
      ConfigResult r = new HaproxyConfigReader(new HaproxyConfigReader.Options(strict, Map.copyOf(System.getenv())))
          .read(files);
      ConfigCheck.print(r.warnings(), err);
      return r;
    } catch (ConfigException e) {
      ConfigCheck.print(e.warnings(), err);
      ConfigCheck.print(e.errors(), err);
      err.println(ConfigCheck.line(Diagnostic.Severity.ALERT, "Fatal errors found in configuration."));
      return null;
    }
  }
}
