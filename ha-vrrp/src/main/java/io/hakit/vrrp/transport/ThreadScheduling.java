package io.hakit.vrrp.transport;

/**
 * How the VRRP threads ask the OS for CPU and memory: keepalived's {@code global_defs}
 * {@code vrrp_priority} (nice), {@code vrrp_rt_priority} (SCHED_RR) and {@code vrrp_no_swap}
 * (mlockall), its answers to a busy machine starving the advert timer. Transports that can (the
 * Linux raw transport) apply them to the instance's scheduler thread and to their receive thread;
 * without the privilege (CAP_SYS_NICE, CAP_IPC_LOCK) they log a warning and carry on unchanged.
 *
 * <p>A real-time priority lets the advert thread preempt every ordinary thread of the machine,
 * this JVM's GC threads included, the moment its deadline comes; it does not help against a GC
 * safepoint (which stops every Java thread whatever its priority): kernel-timed adverts do.
 *
 * @param nice -20 (most favoured) to 19; 0 leaves the threads as they are
 * @param realtimePriority 0 (off) or 1-99: SCHED_RR at that priority
 * @param lockMemory mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) for the whole process (the JVM's
 *     heap included): every page the process touches stays in RAM
 */
public record ThreadScheduling(int nice, int realtimePriority, boolean lockMemory) {
  /** Nothing changed: the threads keep the JVM's defaults. */
  public static final ThreadScheduling UNCHANGED = new ThreadScheduling(0, 0, false);

  public ThreadScheduling {
    if (nice < -20 || nice > 19) {
      throw new IllegalArgumentException("nice: " + nice + " (expected: -20 to 19)");
    }
    if (realtimePriority < 0 || realtimePriority > 99) {
      throw new IllegalArgumentException("realtimePriority: " + realtimePriority + " (expected: 0 for off, or 1-99)");
    }
  }

  public boolean isUnchanged() {
    return nice == 0 && realtimePriority == 0 && !lockMemory;
  }
}
