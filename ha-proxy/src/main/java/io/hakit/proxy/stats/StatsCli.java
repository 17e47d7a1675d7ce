package io.hakit.proxy.stats;

/** Runs a stats socket command line in-process, at admin level (the embedding application's own CLI). */
public final class StatsCli {
  private StatsCli() {}

  /** The output {@code socat} would print for this line ({@code ;}-separated commands). */
  public static String run(ProxyStats stats, String commandLine) {
    CliSession session = new CliSession(new CliCommands(stats), CliLevel.ADMIN);
    return session.onLine(commandLine);
  }
}
