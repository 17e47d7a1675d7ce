package io.hakit.examples.cli;

import java.util.List;

/** The commands of this build, in help order. Later commands join this list as they land. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(new CheckCommand(), new ProxyCommand(), new VrrpCliCommand(), new NodeCommand(), new DemoCommand());
  }
}
