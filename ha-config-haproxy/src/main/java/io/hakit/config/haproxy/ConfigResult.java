package io.hakit.config.haproxy;

import io.hakit.core.model.ProxyModel;
import java.util.List;
import java.util.Objects;

/**
 * A configuration that passed: its model, plus the warnings and notices HAProxy 2.6 (or HAKit)
 * would print for it.
 */
public record ConfigResult(ProxyModel model, List<Diagnostic> warnings) {
  public ConfigResult {
    Objects.requireNonNull(model, "model");
    warnings = List.copyOf(warnings);
  }
}
