package io.hakit.vrrp.config;

import io.hakit.vrrp.GarpSettings;
import io.hakit.vrrp.transport.ThreadScheduling;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The VRRP part of a keepalived.conf, read by {@link KeepalivedConfigReader}.
 *
 * @param routerId {@code global_defs router_id} (keepalived's default: the host name)
 * @param vrrpVersion {@code global_defs vrrp_version}, or null (then 2)
 * @param garp the {@code vrrp_garp_*} settings of {@code global_defs}
 * @param scripts the {@code vrrp_script} blocks by name
 * @param instances the {@code vrrp_instance} blocks in file order
 * @param syncGroups the {@code vrrp_sync_group} blocks
 * @param warnings what was ignored or adjusted, each with file:line
 * @param scheduling {@code global_defs vrrp_priority}, {@code vrrp_rt_priority} and {@code vrrp_no_swap}
 *     for the VRRP threads
 */
public record KeepalivedConfig(String routerId, @Nullable Integer vrrpVersion, GarpSettings garp,
    Map<String, VrrpScriptSpec> scripts, List<VrrpInstanceSpec> instances, List<SyncGroupSpec> syncGroups,
    List<ConfigDiagnostic> warnings, ThreadScheduling scheduling) {
  public KeepalivedConfig {
    Objects.requireNonNull(routerId, "routerId");
    Objects.requireNonNull(garp, "garp");
    Objects.requireNonNull(scheduling, "scheduling");
    scripts = Map.copyOf(scripts);
    instances = List.copyOf(instances);
    syncGroups = List.copyOf(syncGroups);
    warnings = List.copyOf(warnings);
  }

  /** A configuration whose VRRP threads keep the JVM's scheduling. */
  public KeepalivedConfig(String routerId, @Nullable Integer vrrpVersion, GarpSettings garp,
      Map<String, VrrpScriptSpec> scripts, List<VrrpInstanceSpec> instances, List<SyncGroupSpec> syncGroups,
      List<ConfigDiagnostic> warnings) {
    this(routerId, vrrpVersion, garp, scripts, instances, syncGroups, warnings, ThreadScheduling.UNCHANGED);
  }

  /** The instance of this name, or null. */
  public @Nullable VrrpInstanceSpec instance(String name) {
    for (VrrpInstanceSpec i : instances) {
      if (i.name().equals(name)) {
        return i;
      }
    }
    return null;
  }
}
