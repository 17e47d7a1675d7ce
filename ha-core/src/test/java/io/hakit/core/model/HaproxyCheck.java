package io.hakit.core.model;

import io.hakit.core.testing.Interop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code haproxy -c -f} in a fresh network namespace ({@code unshare --net}: no interface up),
 * so that a name haproxy tries to resolve never leaves the machine. Callers check the
 * prerequisites first with {@link #prerequisites()}.
 */
final class HaproxyCheck {
  private static final Pattern ALERT_LINE = Pattern.compile("\\[[^\\]]*:(\\d+)\\]");

  /** The exit code and the combined output of one check. */
  record Run(int exit, String output) {
    /** The config lines haproxy raised an alert about. */
    Set<Integer> alertLines() {
      Set<Integer> lines = new LinkedHashSet<>();
      for (String line : output.lines().filter(l -> l.contains("[ALERT]")).toList()) {
        Matcher m = ALERT_LINE.matcher(line);
        if (m.find()) {
          lines.add(Integer.parseInt(m.group(1)));
        }
      }
      return lines;
    }
  }

  private HaproxyCheck() {}

  static void prerequisites() {
    Interop.require(Interop.root(), Interop.netns(), Interop.binary("haproxy"), Interop.binary("unshare"));
  }

  static Run check(Path cfg) throws IOException, InterruptedException {
    Path haproxy = Interop.findBinary("haproxy");
    Path out = cfg.resolveSibling(cfg.getFileName() + ".out");
    Process p = new ProcessBuilder("unshare", "--net", String.valueOf(haproxy), "-c", "-f", cfg.toString())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("haproxy -c did not finish within 30 s");
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }
}
