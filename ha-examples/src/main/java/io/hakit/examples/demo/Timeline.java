package io.hakit.examples.demo;

import java.io.PrintStream;

/** Prints the demo's events with the time since start, one line each; thread-safe. */
final class Timeline {
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  Timeline(PrintStream out) {
    this.out = out;
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  synchronized void say(String format, Object... args) {
    out.printf("[%7.3fs] %s%n", seconds(), String.format(format, args));
    out.flush();
  }
}
