package io.hakit.benchmarks.rig;

/** The rig cannot go on: a proxy or origin did not come up, died, or a tool is missing. */
final class RigFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RigFailure(String message) {
    super(message);
  }

  RigFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
