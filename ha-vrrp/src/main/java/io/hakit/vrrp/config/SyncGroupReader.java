package io.hakit.vrrp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code vrrp_sync_group NAME { group { VI_1 VI_2 } notify_* }}. */
final class SyncGroupReader {
  private SyncGroupReader() {}

  static @Nullable SyncGroupSpec read(ConfNode n, Set<String> instanceNames, Values v) {
    Diagnostics d = v.diagnostics();
    String name = KeepalivedConfigReader.sectionName(n, d);
    if (name == null || !v.needBlock(n)) {
      return null;
    }
    List<String> members = new ArrayList<>();
    String master = null;
    String backup = null;
    String fault = null;
    String stop = null;
    String generic = null;
    for (ConfNode c : n.children()) {
      switch (c.keyword()) {
        case "group" -> {
          if (v.needBlock(c)) {
            for (ConfNode m : c.children()) {
              for (String word : m.words()) {
                if (!instanceNames.contains(word)) {
                  d.error(m.origin(), "vrrp_sync_group " + name + ": '" + word + "' is not a vrrp_instance");
                } else {
                  members.add(word);
                }
              }
            }
          }
        }
        case "notify_master" -> master = v.command(c);
        case "notify_backup" -> backup = v.command(c);
        case "notify_fault" -> fault = v.command(c);
        case "notify_stop" -> stop = v.command(c);
        case "notify" -> generic = v.command(c);
        case "smtp_alert", "global_tracking", "sync_group_tracking_weight", "track_script", "track_interface",
            "track_file", "track_process", "track_bfd", "notify_deleted" ->
            d.warn(c.origin(), "'" + c.keyword() + "' in vrrp_sync_group " + name
                + " is not supported by HAKit; ignored");
        default -> d.warn(c.origin(), "unknown keyword '" + c.keyword() + "' in vrrp_sync_group " + name + "; ignored");
      }
    }
    if (members.isEmpty()) {
      d.error(n.origin(), "vrrp_sync_group " + name + ": no members (expected: group { VI_1 VI_2 })");
      return null;
    }
    return new SyncGroupSpec(name, members, new NotifyScripts(master, backup, fault, stop, generic), n.origin());
  }
}
