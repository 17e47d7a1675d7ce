package io.hakit.vrrp.config;

import io.hakit.vrrp.StateChange;
import io.hakit.vrrp.VrrpStateListener;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an instance's notify scripts on its transitions, like keepalived: {@code notify_master},
 * {@code notify_backup}, {@code notify_fault}, {@code notify_stop} as written, and {@code notify}
 * with four more arguments, {@code INSTANCE NAME MASTER|BACKUP|FAULT|STOP PRIORITY}. Scripts run
 * through {@code /bin/sh -c} and are not waited for (a failure is logged when they exit).
 */
final class NotifyRunner implements VrrpStateListener {
  private static final Logger logger = LoggerFactory.getLogger(NotifyRunner.class);

  private final NotifyScripts scripts;

  NotifyRunner(NotifyScripts scripts) {
    this.scripts = scripts;
  }

  @Override
  public void onStateChange(StateChange change) {
    String state = switch (change.to()) {
      case MASTER -> "MASTER";
      case BACKUP -> "BACKUP";
      case FAULT -> "FAULT";
      case INIT -> "STOP";
    };
    String specific = switch (change.to()) {
      case MASTER -> scripts.master();
      case BACKUP -> scripts.backup();
      case FAULT -> scripts.fault();
      case INIT -> scripts.stop();
    };
    run(change.instance(), specific);
    String generic = scripts.generic();
    if (generic != null) {
      run(change.instance(), generic + " INSTANCE " + quote(change.instance()) + " " + state + " " + change.priority());
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void run(String instance, @Nullable String command) {
    if (command == null) {
      return;
    }
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.onExit().thenAccept(done -> {
        if (done.exitValue() != 0) {
          logger.warn("({}) notify script '{}' exited with status {}", instance, command, done.exitValue());
        }
      });
    } catch (IOException e) {
      logger.warn("({}) cannot run notify script '{}': {}", instance, command, e.getMessage());
    }
  }
}
