package io.hakit.vrrp.linux;

import io.hakit.vrrp.transport.ThreadScheduling;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM for {@link MemoryLockIT}, stepped by the parent through its stdin: prints "ready";
 * after a byte, applies {@code vrrp_no_swap} (mlockall) to itself and prints "applied true|false";
 * after another, allocates and touches 32 MiB (pages committed after the call must be locked too:
 * MCL_FUTURE) and prints "touched"; then lives until its stdin closes. A child, so that
 * the test JVM's own memory is never locked.
 */
final class MemoryLockProbe {
  private static volatile byte[] keep = new byte[0];

  private MemoryLockProbe() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("ready");
    if (System.in.read() < 0) {
      return;
    }
    boolean applied = ThreadTuning.applyToCurrentThread(new ThreadScheduling(0, 0, true), "probe");
    out.println("applied " + applied);
    if (System.in.read() < 0) {
      return;
    }
    byte[] block = new byte[32 << 20];
    for (int i = 0; i < block.length; i += 4096) {
      block[i] = 1;
    }
    keep = block;
    out.println("touched");
    while (System.in.read() >= 0) {
      // wait for the parent to close our stdin
    }
  }
}
