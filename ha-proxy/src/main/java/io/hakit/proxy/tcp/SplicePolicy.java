package io.hakit.proxy.tcp;

import io.hakit.core.model.Backend;
import io.hakit.core.model.Frontend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which directions of a TCP frontend's connections may splice, HAProxy's way: an option set on
 * the frontend or on its backend applies ({@code splice-request}: client to server always,
 * {@code splice-response}: server to client always, {@code splice-auto}: both, once reads fill
 * the buffer). HTTP mode never splices here: its frontends do not read these options.
 *
 * @param request client to server spliced from the start
 * @param response server to client spliced from the start
 * @param auto a direction not forced starts buffered and switches after three full reads in a row
 */
record SplicePolicy(boolean request, boolean response, boolean auto) {
  private static final Logger logger = LoggerFactory.getLogger(SplicePolicy.class);
  static final SplicePolicy NONE = new SplicePolicy(false, false, false);

  static SplicePolicy of(Frontend fe, Backend be, SpliceSettings settings) {
    SplicePolicy asked = new SplicePolicy(fe.option("splice-request") || be.option("splice-request"),
        fe.option("splice-response") || be.option("splice-response"),
        fe.option("splice-auto") || be.option("splice-auto"));
    if (asked.any() && !settings.enabled()) {
      // HAProxy too relays without splicing where it cannot splice; nothing for the user to fix.
      logger.debug("frontend '{}': option splice-* not applied ({}): buffered relay", fe.name(),
          settings.offReason());
      return NONE;
    }
    return asked;
  }

  /** Whether any direction may splice (server connections are then opened half-closable). */
  boolean any() {
    return request || response || auto;
  }
}
