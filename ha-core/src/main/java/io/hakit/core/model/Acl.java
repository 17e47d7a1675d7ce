package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;

/**
 * One {@code acl <name> <fetch> [flags] [patterns...]} line. Several lines with the same name in a
 * proxy are OR-ed together at evaluation. An anonymous ACL ({@code { path_beg /x }} inside a
 * condition) has the name {@link #ANONYMOUS}.
 *
 * @param fetch the sample fetch as written, with arguments and converters ({@code path_beg},
 *     {@code hdr(host)}, {@code req.hdr(host),lower})
 */
public record Acl(String name, String fetch, AclFlags flags, List<String> patterns, Origin origin) {
  public static final String ANONYMOUS = "";

  public Acl {
    Objects.requireNonNull(origin, "origin");
    if (!name.equals(ANONYMOUS)) {
      Checks.name(name, "acl name", origin);
    }
    if (fetch.isEmpty()) {
      throw new ModelException(origin, "acl '" + name + "': fetch: empty (expected: a sample fetch such as path_beg)");
    }
    Objects.requireNonNull(flags, "flags");
    patterns = List.copyOf(patterns);
  }

  public boolean isAnonymous() {
    return name.equals(ANONYMOUS);
  }
}
