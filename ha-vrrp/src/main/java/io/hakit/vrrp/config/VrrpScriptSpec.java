package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@code vrrp_script} block: a command whose exit status (0 = healthy) is a health source.
 *
 * @param name the block's name ({@code chk_haproxy})
 * @param script the command line, run by {@code /bin/sh -c}
 * @param interval how often it runs (default 1 s)
 * @param timeout when a run counts as failed (default: the interval)
 * @param weight priority adjustment, -253..253 (default 0: failure means FAULT)
 * @param rise successes needed to become healthy (default 1)
 * @param fall failures needed to become unhealthy (default 1)
 * @param initFail start as failed rather than healthy ({@code init_fail})
 */
public record VrrpScriptSpec(String name, String script, Duration interval, Duration timeout, int weight, int rise,
    int fall, boolean initFail, Origin origin) {
  public VrrpScriptSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(origin, "origin");
  }
}
