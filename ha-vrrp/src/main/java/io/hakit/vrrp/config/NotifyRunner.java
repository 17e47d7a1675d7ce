package io.hakit.vrrp.config;

import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.VrrpStateListener;
import io.hakit.vrrp.fsm.VrrpState;
import org.jspecify.annotations.Nullable;

/**
 * Runs an instance's notify scripts on its transitions, like keepalived: {@code notify_master},
 * {@code notify_backup}, {@code notify_fault}, {@code notify_stop} as written, then {@code notify}
 * with four more arguments, {@code INSTANCE NAME MASTER|BACKUP|FAULT|STOP PRIORITY}. Called on the
 * instance's address thread; the scripts start on the runner's {@link NotifyLauncher}.
 */
final class NotifyRunner implements VrrpStateListener {
  private final NotifyScripts scripts;
  private final NotifyLauncher launcher;

  NotifyRunner(NotifyScripts scripts, NotifyLauncher launcher) {
    this.scripts = scripts;
    this.launcher = launcher;
  }

  @Override
  public void onStateChange(StateChange change) {
    run(launcher, change.instance(), scripts, "INSTANCE", keyword(change.to()), change.priority());
  }

  /** keepalived's word for a state in notify arguments: STOP for a stopped (INIT) instance. */
  static String keyword(VrrpState state) {
    return switch (state) {
      case MASTER -> "MASTER";
      case BACKUP -> "BACKUP";
      case FAULT -> "FAULT";
      case INIT -> "STOP";
    };
  }

  /**
   * Launches the state's own script, then the generic one with {@code KIND NAME STATE PRIORITY}
   * (keepalived 2.2.7 passes priority 0 for a GROUP).
   */
  static void run(NotifyLauncher launcher, String name, NotifyScripts scripts, String kind, String state,
      int priority) {
    String specific = switch (state) {
      case "MASTER" -> scripts.master();
      case "BACKUP" -> scripts.backup();
      case "FAULT" -> scripts.fault();
      default -> scripts.stop();
    };
    launchIfSet(launcher, name, specific);
    String generic = scripts.generic();
    if (generic != null) {
      launcher.launch(name, generic + " " + kind + " " + quote(name) + " " + state + " " + priority);
    }
  }

  private static void launchIfSet(NotifyLauncher launcher, String name, @Nullable String command) {
    if (command != null) {
      launcher.launch(name, command);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
