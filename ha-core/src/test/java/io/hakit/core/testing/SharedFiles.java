package io.hakit.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's {@code shared/} folder (seed, design notes, golden VRRP vectors), which
 * lies beside the repository: the build passes it as {@code HAKIT_SHARED_DIR}; otherwise the
 * working directory's ancestors are searched.
 */
public final class SharedFiles {
  private SharedFiles() {}

  public static Path dir() {
    String env = System.getenv("HAKIT_SHARED_DIR");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Path.of(env).normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared");
      if (Files.isDirectory(candidate.resolve("vectors"))) {
        return candidate;
      }
      Path sibling = p.resolveSibling("shared");
      if (Files.isDirectory(sibling.resolve("vectors"))) {
        return sibling;
      }
    }
    throw new IllegalStateException("shared/ not found: set HAKIT_SHARED_DIR");
  }

  public static Path resolve(String relative) {
    return dir().resolve(relative);
  }
}
