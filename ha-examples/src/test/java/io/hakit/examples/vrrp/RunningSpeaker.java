package io.hakit.examples.vrrp;

/** A VRRP speaker started on a node: a process (keepalived, HAKit's CLI) or HAKit through its API. */
interface RunningSpeaker extends AutoCloseable {
  /** Power loss of the speaker: nothing more is sent, nothing is cleaned up. */
  void crash();

  /** Graceful stop (SIGTERM), without waiting. */
  void terminate();

  /** The exit status after {@link #terminate()}, or -1 if not done within {@code seconds}. */
  int awaitExit(long seconds);

  boolean isAlive();

  /** True once the speaker runs its election (it entered BACKUP or MASTER). */
  boolean isReady();

  /** What it logged, for failure messages. */
  String log();

  @Override
  void close();
}
