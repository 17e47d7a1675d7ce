package io.hakit.proxy.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection to the stats socket, HAProxy's way: without {@code prompt} it runs the first line
 * (commands separated by {@code ;}) and closes; with {@code prompt} it stays, printing {@code > }
 * after each answer, until {@code quit}. Each answer ends with an empty line. {@code user} and
 * {@code operator} lower the level for the rest of the connection. Confined to one thread.
 */
final class CliSession {
  /** HAProxy's cap on one command line (its buffer), beyond which the line is refused. */
  static final int MAX_LINE = 16384;

  private final CliCommands commands;
  private final Peer peer;
  private CliLevel level;
  private boolean interactive;
  private boolean closed;

  /** Who is connected, for this session's own line in {@code show sess}. */
  record Peer(long id, String proto, String source, long openedNanos) {
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong(1);

    static Peer of(String proto, String source) {
      return new Peer(IDS.getAndIncrement(), proto, source, System.nanoTime());
    }
  }

  CliSession(CliCommands commands, CliLevel level) {
    this(commands, level, Peer.of("unix_stream", "unix:1"));
  }

  CliSession(CliCommands commands, CliLevel level, Peer peer) {
    this.commands = commands;
    this.level = level;
    this.peer = peer;
  }

  boolean isClosed() {
    return closed;
  }

  /** Runs a line (without its newline) and returns what to send back. */
  String onLine(String line) {
    StringBuilder out = new StringBuilder();
    List<List<String>> batch = split(line);
    if (batch.isEmpty()) {
      // An empty line: the prompt again, or (one-shot) HAProxy's list of commands.
      if (interactive) {
        return "> ";
      }
      closed = true;
      return "Unknown command. Please enter one of the following commands only:\n"
          + CliCommands.HELP.substring(CliCommands.HELP.indexOf('\n') + 1) + "\n";
    }
    for (List<String> words : batch) {
      CliCommands.Result r = commands.run(words, level, peer);
      if (r.quit()) {
        closed = true;
        return out.toString();
      }
      if (r.newLevel() != null) {
        level = r.newLevel();
      }
      if (r.togglePrompt()) {
        interactive = !interactive;
      }
      out.append(r.output()).append('\n');
      if (interactive) {
        out.append("> ");
      }
    }
    if (!interactive) {
      closed = true;
    }
    return out.toString();
  }

  /** {@code a b; c d} into [[a, b], [c, d]]; a backslash escapes the next character ({@code \;}, {@code \ }). */
  static List<List<String>> split(String line) {
    List<List<String>> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (c == ' ' || c == '\t' || c == ';' || c == '\r') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        if (c == ';') {
          out.add(words);
          words = new ArrayList<>();
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (!words.isEmpty()) {
      out.add(words);
    }
    out.removeIf(List::isEmpty);
    return out;
  }
}
