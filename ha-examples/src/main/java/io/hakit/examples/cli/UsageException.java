package io.hakit.examples.cli;

/** A command line the command cannot accept; the message says what is wrong. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
