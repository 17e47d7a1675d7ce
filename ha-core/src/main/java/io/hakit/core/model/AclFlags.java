package io.hakit.core.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The flags between an ACL's fetch and its patterns: {@code -i} (ignore case), {@code -m <method>}
 * (match method: str, beg, end, sub, reg, dom, dir, len, found, bool, int, ip), {@code -f <file>}
 * (patterns from files), {@code -n} (no DNS resolution). {@code --} only ends the flags.
 */
public record AclFlags(boolean ignoreCase, @Nullable String matchMethod, List<String> patternFiles, boolean noDns) {
  public static final AclFlags NONE = new AclFlags(false, null, List.of(), false);

  public AclFlags {
    patternFiles = List.copyOf(patternFiles);
  }
}
