package io.hakit.vrrp.config;

import org.jspecify.annotations.Nullable;

/**
 * keepalived's notify hooks of an instance or sync group: one command per state, and the generic
 * {@code notify} that receives {@code INSTANCE|GROUP name MASTER|BACKUP|FAULT|STOP priority}.
 */
public record NotifyScripts(@Nullable String master, @Nullable String backup, @Nullable String fault,
    @Nullable String stop, @Nullable String generic) {
  public static final NotifyScripts NONE = new NotifyScripts(null, null, null, null, null);

  public boolean isEmpty() {
    return master == null && backup == null && fault == null && stop == null && generic == null;
  }
}
