package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import java.util.List;
import java.util.Objects;

/** A {@code vrrp_sync_group}: instances that must move together, and the group's notify hooks. */
public record SyncGroupSpec(String name, List<String> members, NotifyScripts notifyScripts, Origin origin) {
  public SyncGroupSpec {
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
    Objects.requireNonNull(notifyScripts, "notifyScripts");
    Objects.requireNonNull(origin, "origin");
  }
}
