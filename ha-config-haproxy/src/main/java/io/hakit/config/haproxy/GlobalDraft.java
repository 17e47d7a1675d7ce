package io.hakit.config.haproxy;

import io.hakit.core.model.GlobalSettings;
import java.util.HashSet;
import java.util.Set;

/** The {@code global} section while it is read (it may appear several times). */
final class GlobalDraft {
  final GlobalSettings.Builder settings = GlobalSettings.builder();
  /** JVM-inapplicable directives already warned about: HAKit reports each once. */
  final Set<String> warnedInapplicable = new HashSet<>();
  boolean masterWorker;
  /** {@code ssl-server-verify none}: servers with {@code ssl} need no CA file. */
  boolean serverVerifyNone;
  boolean seen;
}
