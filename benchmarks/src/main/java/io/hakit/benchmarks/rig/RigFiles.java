package io.hakit.benchmarks.rig;

/** The paths the origins serve and the sizes of their bodies. */
final class RigFiles {

  /** Routed to backend app (the seed's default_backend). */
  static final String SMALL_PATH = "/small";

  /** Routed to backend static by the seed's {@code path_beg -i /static} ACL. */
  static final String BIG_PATH = "/static/big.bin";

  static final int SMALL_SIZE = 100;
  static final int BIG_SIZE = 1024 * 1024;

  private RigFiles() {}
}
