package io.hakit.vrrp.linux;

import com.sun.jna.LastErrorException;
import io.hakit.vrrp.transport.ThreadScheduling;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link ThreadScheduling} to the calling thread (setpriority(2) and
 * sched_setscheduler(2) on its thread id, as keepalived does for its VRRP process) and, once per
 * process, mlockall(2). A refusal (no CAP_SYS_NICE / CAP_IPC_LOCK, RLIMIT_RTPRIO, RLIMIT_MEMLOCK)
 * is logged as a warning and changes nothing else: VRRP still runs, only less protected.
 */
final class ThreadTuning {
  private static final Logger logger = LoggerFactory.getLogger(ThreadTuning.class);
  private static final AtomicBoolean memoryLocked = new AtomicBoolean();
  private static final int EINVAL = 22;

  private ThreadTuning() {}

  /** Applies {@code s} to the calling thread; {@code who} names it in warnings. Returns false if something was refused. */
  static boolean applyToCurrentThread(ThreadScheduling s, String who) {
    if (s.isUnchanged()) {
      return true;
    }
    boolean ok = true;
    LibC libc;
    try {
      libc = LibC.get();
    } catch (IllegalStateException e) {
      logger.warn("({}) thread scheduling not applied: {}", who, e.getMessage());
      return false;
    }
    int tid = libc.gettid();
    if (s.nice() != 0) {
      try {
        libc.setpriority(LibC.PRIO_PROCESS, tid, s.nice());
      } catch (LastErrorException e) {
        ok = false;
        logger.warn("({}) cannot set nice {} (vrrp_priority) on thread {}: {}; a lower nice value needs CAP_SYS_NICE",
            who, s.nice(), tid, NativeSocket.failure("setpriority", e).getMessage());
      }
    }
    if (s.realtimePriority() > 0) {
      try {
        libc.sched_setscheduler(tid, LibC.SCHED_RR, new int[] {s.realtimePriority()});
      } catch (LastErrorException e) {
        ok = false;
        logger.warn("({}) cannot set SCHED_RR priority {} (vrrp_rt_priority) on thread {}: {}; it needs CAP_SYS_NICE"
            + " or RLIMIT_RTPRIO", who, s.realtimePriority(), tid, NativeSocket.failure("sched_setscheduler", e).getMessage());
      }
    }
    if (s.lockMemory() && memoryLocked.compareAndSet(false, true)) {
      try {
        lockMemory(libc);
        logger.info("({}) process memory locked (vrrp_no_swap)", who);
      } catch (LastErrorException e) {
        ok = false;
        logger.warn("({}) cannot lock the process memory (vrrp_no_swap): {}; it needs CAP_IPC_LOCK or a large enough"
            + " RLIMIT_MEMLOCK", who, NativeSocket.failure("mlockall", e).getMessage());
      }
    }
    if (ok) {
      logger.debug("({}) thread {} scheduling: {}", who, tid, s);
    }
    return ok;
  }

  /**
   * keepalived asks for MCL_CURRENT | MCL_FUTURE, which populates every writable mapping at once:
   * harmless for a small C process, but a JVM then pins its code cache, metaspace and GC tables
   * (about 600 MB measured with a 1 GiB heap). MCL_ONFAULT locks the same pages as they are used,
   * which is what keeps the advert path out of swap. A kernel before 4.4 refuses the flag (EINVAL),
   * and gets keepalived's call.
   */
  private static void lockMemory(LibC libc) {
    try {
      libc.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE | LibC.MCL_ONFAULT);
    } catch (LastErrorException e) {
      if (e.getErrorCode() != EINVAL) {
        throw e;
      }
      libc.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE);
    }
  }
}
