package io.hakit.core.model;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a backend probes its servers that have {@code check}: a TCP connect by default; with
 * {@code option httpchk [<method>] [<uri>] [<version>]} an HTTP request whose answer must match the
 * {@code http-check expect} rules (default: any 2xx or 3xx). Other {@code http-check} /
 * {@code tcp-check} steps and check kinds (ssl-hello-chk, mysql-check, ...) are kept as written.
 */
public record HealthCheckSpec(Kind kind, String method, String uri, @Nullable String version,
    List<HttpCheckExpect> expects, List<Setting> steps, Origin origin) {

  /** The probe family. */
  public enum Kind {
    TCP,
    HTTP,
    /** A protocol-specific check HAKit keeps but does not run yet (its option name in {@code steps}). */
    OTHER
  }

  public static final HealthCheckSpec TCP_CONNECT =
      new HealthCheckSpec(Kind.TCP, "OPTIONS", "/", null, List.of(), List.of(), Origin.UNKNOWN);

  public HealthCheckSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    expects = List.copyOf(expects);
    steps = List.copyOf(steps);
    Objects.requireNonNull(origin, "origin");
  }

  /** {@code option httpchk} with HAProxy's defaults (OPTIONS / HTTP/1.0). */
  public static HealthCheckSpec http(String method, String uri) {
    return new HealthCheckSpec(Kind.HTTP, method, uri, null, List.of(), List.of(), Origin.UNKNOWN);
  }
}
