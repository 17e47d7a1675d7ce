package io.hakit.examples.vrrp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs short commands (ip, sh) with a deadline; their output, or an exception naming them. */
public final class Shell {
  private Shell() {}

  public static String run(String... command) throws IOException {
    // Output goes to a file, so that the deadline holds even if a child keeps the pipe open.
    java.nio.file.Path out = java.nio.file.Files.createTempFile("hk-shell", ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
      String text = java.nio.file.Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    } finally {
      java.nio.file.Files.deleteIfExists(out);
    }
  }
}
