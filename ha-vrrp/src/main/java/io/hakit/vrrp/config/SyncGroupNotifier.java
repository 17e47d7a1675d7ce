package io.hakit.vrrp.config;

import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.VrrpStateListener;
import io.hakit.vrrp.fsm.VrrpState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code vrrp_sync_group}'s notify scripts, run as keepalived runs them: {@code notify_master},
 * {@code notify_backup}, {@code notify_fault}, {@code notify_stop}, then the generic {@code notify}
 * with {@code GROUP NAME STATE 0}, once per change of the group's state. The group is FAULT while
 * a member is; otherwise it turns MASTER when a member enters MASTER (the sync group brings the
 * others along), BACKUP when a member enters BACKUP, and STOP when the last member has stopped.
 *
 * <p>Every member has this listener after its own {@link NotifyRunner}, so the group's scripts are
 * launched right after those of the member transition that moved the group (for STOP, after every
 * member's). Threading: members call it on their own address threads; one lock orders them.
 */
final class SyncGroupNotifier implements VrrpStateListener {
  private static final Logger logger = LoggerFactory.getLogger(SyncGroupNotifier.class);

  private final String group;
  private final List<String> members;
  private final NotifyScripts scripts;
  private final NotifyLauncher launcher;
  private final Map<String, VrrpState> states = new HashMap<>(); // guarded by this
  private @Nullable String state; // guarded by this; null before the first member reported

  SyncGroupNotifier(String group, List<String> members, NotifyScripts scripts, NotifyLauncher launcher) {
    this.group = group;
    this.members = List.copyOf(members);
    this.scripts = scripts;
    this.launcher = launcher;
  }

  @Override
  public synchronized void onStateChange(StateChange change) {
    states.put(change.instance(), change.to());
    String next = next(change.to());
    if (next != null && !next.equals(state)) {
      logger.info("VRRP_Group({}) {} ({} entered {})", group, next, change.instance(), change.to());
      state = next;
      NotifyRunner.run(launcher, group, scripts, "GROUP", next, 0);
    }
  }

  /** The group's state after a member entered {@code entered}, or null for "unchanged". */
  private @Nullable String next(VrrpState entered) {
    if (states.containsValue(VrrpState.FAULT)) {
      return "FAULT";
    }
    return switch (entered) {
      case MASTER -> "MASTER";
      case BACKUP -> "BACKUP";
      case FAULT -> "FAULT";
      case INIT -> allStopped() ? "STOP" : null;
    };
  }

  private boolean allStopped() {
    for (String m : members) {
      if (states.get(m) != VrrpState.INIT) {
        return false;
      }
    }
    return true;
  }

  /** The group's state as its scripts last heard it (MASTER, BACKUP, FAULT, STOP), or null. */
  synchronized @Nullable String state() {
    return state;
  }
}
