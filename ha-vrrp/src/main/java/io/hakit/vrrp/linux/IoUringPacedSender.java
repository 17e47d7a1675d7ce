package io.hakit.vrrp.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.hakit.vrrp.transport.PacedSender;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link PacedSender} on an {@link IoUring}: each queued message is an absolute CLOCK_MONOTONIC
 * timeout (the clock of {@link System#nanoTime()} on Linux) linked to a sendmsg(2) on a duplicate of
 * the transport's send socket. The timeout carries IORING_TIMEOUT_ETIME_SUCCESS (Linux 5.16+), so
 * its expiry starts the send instead of breaking the link; removing the timeout cancels the send.
 * Every slot owns its native memory (timespec, msghdr, iovec, sockaddr, data), allocated once; the
 * Java side of queueing allocates only a few short-lived objects (JNA call arguments).
 *
 * <p>Threading: confined to the owner (the instance's scheduler thread).
 */
final class IoUringPacedSender implements PacedSender {
  private static final int ECANCELED = 125;
  private static final int ETIME = 62;
  private static final int KIND_TIMEOUT = 0;
  private static final int KIND_SEND = 1;
  private static final int KIND_REMOVE = 2;
  private static final int KIND_PROBE = 3;
  // slot layout
  private static final int TIMESPEC = 0;
  private static final int MSGHDR = 16;
  private static final int IOVEC = MSGHDR + NativeStructs.MSGHDR_SIZE;
  private static final int SOCKADDR = IOVEC + NativeStructs.IOVEC_SIZE;
  private static final int DATA = SOCKADDR + 32;
  private static final int DATA_CAPACITY = 4096 + 128; // the largest VRRP message: 255 IPv6 addresses
  private static final int CLOSE_WAIT_MILLIS = 1000;
  private static final long POLL_NANOS = 100_000;

  private final LibC libc;
  private final IoUring ring;
  private final int fd;
  private final int ifindex;
  private final int port;
  private final String what;
  private final Memory[] memory;
  private final long[] deadlines;
  private final boolean[] used;
  private final boolean[] timeoutDone;
  private final boolean[] sendDone;
  private final boolean[] removeRequested;
  private final Outcomes ignore = new Outcomes() {
    @Override
    public void sent(long deadlineNanos) {}

    @Override
    public void failed(long deadlineNanos, String error) {}
  };
  private int queued;
  private boolean closed;

  private IoUringPacedSender(LibC libc, IoUring ring, int fd, int ifindex, int port, int capacity, String what) {
    this.libc = libc;
    this.ring = ring;
    this.fd = fd;
    this.ifindex = ifindex;
    this.port = port;
    this.what = what;
    memory = new Memory[capacity];
    deadlines = new long[capacity];
    used = new boolean[capacity];
    timeoutDone = new boolean[capacity];
    sendDone = new boolean[capacity];
    removeRequested = new boolean[capacity];
    for (int i = 0; i < capacity; i++) {
      memory[i] = new Memory(DATA + DATA_CAPACITY);
      memory[i].clear();
    }
  }

  /**
   * Opens a sender on a duplicate of {@code socketFd}; fails (IOException) where io_uring is missing,
   * disabled (kernel.io_uring_disabled, seccomp) or too old for linked absolute timeouts.
   * {@code port} is the destination port (0 for raw IP).
   */
  static IoUringPacedSender open(int socketFd, int ifindex, int port, int capacity, String what) throws IOException {
    if (capacity < 1 || capacity > 64) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1-64)");
    }
    LibC libc = LibC.get();
    IoUring ring = IoUring.create(Integer.highestOneBit(3 * capacity + 2) * 2);
    int fd;
    try {
      fd = libc.dup(socketFd);
    } catch (LastErrorException e) {
      ring.close();
      throw NativeSocket.failure("dup(" + what + ")", e);
    }
    IoUringPacedSender sender = new IoUringPacedSender(libc, ring, fd, ifindex, port, capacity, what);
    try {
      sender.probe();
    } catch (IOException | RuntimeException e) {
      sender.close();
      throw e;
    }
    return sender;
  }

  /** A 1 µs timeout linked to a no-op: the no-op runs only if expiry keeps the link (ETIME_SUCCESS). */
  private void probe() throws IOException {
    Memory timespec = memory[0];
    timespec.setLong(0, 0);
    timespec.setLong(8, 1_000);
    IoUring.prepare(ring.nextSqe(), IoUring.OP_TIMEOUT, IoUring.SQE_IO_LINK, -1, Pointer.nativeValue(timespec), 1, 0,
        IoUring.TIMEOUT_ETIME_SUCCESS, userData(0, KIND_PROBE));
    IoUring.prepare(ring.nextSqe(), IoUring.OP_NOP, (byte) 0, -1, 0, 0, 0, 0, userData(1, KIND_PROBE));
    ring.submit(0);
    int[] results = {Integer.MIN_VALUE, Integer.MIN_VALUE};
    long deadline = System.nanoTime() + 1_000_000_000L;
    // The two completions may come in either order: wait for both.
    while ((results[0] == Integer.MIN_VALUE || results[1] == Integer.MIN_VALUE) && System.nanoTime() < deadline) {
      ring.reap((userData, result) -> results[(int) (userData >>> 2) & 1] = result);
      if (results[0] == Integer.MIN_VALUE || results[1] == Integer.MIN_VALUE) {
        LockSupport.parkNanos(POLL_NANOS); // never block in io_uring_enter: the wait stays bounded
      }
    }
    if (results[0] != -ETIME || results[1] != 0) {
      throw new IOException("io_uring cannot link a send to an expired timeout here (timeout " + results[0]
          + ", linked no-op " + results[1] + "; needs Linux 5.16+)");
    }
  }

  private static long userData(int slot, int kind) {
    return ((long) slot << 2) | kind;
  }

  @Override
  public int capacity() {
    return memory.length;
  }

  @Override
  public int queued() {
    return queued;
  }

  @Override
  public void sendAt(byte[] message, InetAddress destination, long deadlineNanos) throws IOException {
    if (closed) {
      throw new IOException("(" + what + ") paced sender closed");
    }
    if (message.length > DATA_CAPACITY) {
      throw new IllegalArgumentException("message: " + message.length + " bytes (expected: at most " + DATA_CAPACITY + ")");
    }
    int slot = freeSlot();
    if (slot < 0 || ring.freeSlots() < 2) {
      throw new IllegalStateException("(" + what + ") paced sender full: " + queued + " queued");
    }
    Memory m = memory[slot];
    m.setLong(TIMESPEC, Math.floorDiv(deadlineNanos, 1_000_000_000L));
    m.setLong(TIMESPEC + 8, Math.floorMod(deadlineNanos, 1_000_000_000L));
    byte[] sockaddr = NativeStructs.sockaddr(destination, ifindex);
    sockaddr[2] = (byte) (port >>> 8); // sin_port / sin6_port, network order
    sockaddr[3] = (byte) port;
    m.write(SOCKADDR, sockaddr, 0, sockaddr.length);
    m.write(DATA, message, 0, message.length);
    m.setPointer(IOVEC, m.share(DATA));
    m.setLong(IOVEC + 8, message.length);
    m.setPointer(MSGHDR + NativeStructs.MSGHDR_NAME, m.share(SOCKADDR));
    m.setInt(MSGHDR + NativeStructs.MSGHDR_NAMELEN, sockaddr.length);
    m.setPointer(MSGHDR + NativeStructs.MSGHDR_IOV, m.share(IOVEC));
    m.setLong(MSGHDR + NativeStructs.MSGHDR_IOVLEN, 1);
    m.setPointer(MSGHDR + NativeStructs.MSGHDR_CONTROL, Pointer.NULL);
    m.setLong(MSGHDR + NativeStructs.MSGHDR_CONTROLLEN, 0);
    m.setInt(MSGHDR + NativeStructs.MSGHDR_FLAGS, 0);
    long base = Pointer.nativeValue(m);
    IoUring.prepare(ring.nextSqe(), IoUring.OP_TIMEOUT, IoUring.SQE_IO_LINK, -1, base + TIMESPEC, 1, 0,
        IoUring.TIMEOUT_ABS | IoUring.TIMEOUT_ETIME_SUCCESS, userData(slot, KIND_TIMEOUT));
    IoUring.prepare(ring.nextSqe(), IoUring.OP_SENDMSG, (byte) 0, fd, base + MSGHDR, 1, 0, 0,
        userData(slot, KIND_SEND));
    used[slot] = true;
    timeoutDone[slot] = false;
    sendDone[slot] = false;
    removeRequested[slot] = false;
    deadlines[slot] = deadlineNanos;
    queued++;
    ring.submit(0);
  }

  private int freeSlot() {
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void cancelAll() throws IOException {
    int requested = 0;
    for (int i = 0; i < used.length; i++) {
      if (used[i] && !timeoutDone[i] && !removeRequested[i] && ring.freeSlots() > 0) {
        IoUring.prepare(ring.nextSqe(), IoUring.OP_TIMEOUT_REMOVE, (byte) 0, -1, userData(i, KIND_TIMEOUT), 0, 0, 0,
            userData(i, KIND_REMOVE));
        removeRequested[i] = true;
        requested++;
      }
    }
    if (requested > 0) {
      ring.submit(0);
    }
  }

  @Override
  public void reap(Outcomes outcomes) {
    ring.reap((userData, result) -> completed(userData, result, outcomes));
  }

  private void completed(long userData, int result, Outcomes outcomes) {
    int kind = (int) (userData & 3);
    int slot = (int) (userData >>> 2);
    if (kind == KIND_REMOVE || kind == KIND_PROBE || slot >= used.length || !used[slot]) {
      return;
    }
    if (kind == KIND_TIMEOUT) {
      timeoutDone[slot] = true;
    } else {
      sendDone[slot] = true;
      if (result >= 0) {
        outcomes.sent(deadlines[slot]);
      } else if (result != -ECANCELED) {
        outcomes.failed(deadlines[slot], "sendmsg(" + what + "): errno " + -result);
      }
    }
    if (timeoutDone[slot] && sendDone[slot]) {
      used[slot] = false;
      queued--;
    }
  }

  /** Cancels, waits (bounded) until the kernel let go of every slot, then releases ring, socket and memory. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cancelAll();
      long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000L;
      while (queued > 0 && System.nanoTime() < deadline) {
        reap(ignore);
        if (queued > 0) {
          LockSupport.parkNanos(POLL_NANOS);
        }
      }
    } catch (IOException | RuntimeException e) {
      // closing the ring below cancels whatever is left
    }
    ring.close();
    try {
      libc.close(fd);
    } catch (LastErrorException e) {
      // released anyway
    }
    if (queued == 0) {
      for (Memory m : memory) {
        m.close();
      }
    } // else: the kernel may still look at a slot; leave its memory to the garbage collector's cleaner
  }
}
