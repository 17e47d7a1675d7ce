package io.hakit.vrrp.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.invoke.VarHandle;

/**
 * A minimal io_uring (Linux 5.1+; io_uring_setup(2), io_uring_enter(2)) driven through JNA, used to
 * hand work to the kernel that must happen at a given time whatever the JVM is doing: a request
 * queued here runs even while every Java thread is stopped at a GC safepoint. No SQPOLL, no
 * registered buffers: the submitting thread calls {@link #submit()}, the kernel does the rest.
 *
 * <p>Layouts are those of the uapi header (linux/io_uring.h), identical on x86_64 and aarch64.
 * Threading: confined to one owner thread (the pacer's), including {@link #close()}.
 */
final class IoUring implements AutoCloseable {
  static final long SYS_IO_URING_SETUP = 425; // the same number on every architecture since 5.1
  static final long SYS_IO_URING_ENTER = 426;

  static final byte OP_NOP = 0;
  static final byte OP_SENDMSG = 9;
  static final byte OP_TIMEOUT = 11;
  static final byte OP_TIMEOUT_REMOVE = 12;
  static final byte SQE_IO_LINK = 1 << 2;
  static final int TIMEOUT_ABS = 1;
  static final int TIMEOUT_ETIME_SUCCESS = 1 << 5; // 5.16+: an expired timeout does not break its link
  static final int ENTER_GETEVENTS = 1;
  static final int SQE_SIZE = 64;
  static final int CQE_SIZE = 16;

  private static final int PARAMS_SIZE = 120;
  private static final long OFF_SQ_RING = 0;
  private static final long OFF_CQ_RING = 0x8000000L;
  private static final long OFF_SQES = 0x10000000L;
  private static final int PROT_READ_WRITE = 0x3;
  private static final int MAP_SHARED_POPULATE = 0x01 | 0x8000;

  private final LibC libc;
  private final int fd;
  private final Pointer sqRing;
  private final long sqRingSize;
  private final Pointer cqRing;
  private final long cqRingSize;
  private final Pointer sqes;
  private final long sqesSize;
  private final int sqHead;
  private final int sqTail;
  private final int sqMask;
  private final int sqArray;
  private final int sqEntries;
  private final int cqHead;
  private final int cqTail;
  private final int cqMask;
  private final int cqes;
  private int pending; // SQEs written but not yet submitted
  private boolean closed;

  private IoUring(LibC libc, int fd, Memory params) throws IOException {
    this.libc = libc;
    this.fd = fd;
    sqEntries = params.getInt(0);
    int cqEntries = params.getInt(4);
    sqHead = params.getInt(40);
    sqTail = params.getInt(44);
    int sqMaskOffset = params.getInt(48); // params hold offsets into the rings; the masks live in the rings
    sqArray = params.getInt(64);
    cqHead = params.getInt(80);
    cqTail = params.getInt(84);
    int cqMaskOffset = params.getInt(88);
    cqes = params.getInt(100);
    sqRingSize = sqArray + 4L * sqEntries;
    cqRingSize = cqes + (long) CQE_SIZE * cqEntries;
    sqesSize = (long) SQE_SIZE * sqEntries;
    Pointer sq = null;
    Pointer cq = null;
    try {
      sq = map(sqRingSize, OFF_SQ_RING);
      cq = map(cqRingSize, OFF_CQ_RING);
      sqes = map(sqesSize, OFF_SQES);
    } catch (IOException e) {
      unmap(sq, sqRingSize);
      unmap(cq, cqRingSize);
      closeQuietly();
      throw e;
    }
    sqRing = sq;
    cqRing = cq;
    sqMask = sq.getInt(sqMaskOffset);
    cqMask = cq.getInt(cqMaskOffset);
  }

  /** Creates a ring of at least {@code entries} submission slots. */
  static IoUring create(int entries) throws IOException {
    LibC libc = LibC.get();
    try (Memory params = new Memory(PARAMS_SIZE)) {
      params.clear();
      int fd;
      try {
        fd = (int) libc.syscall(SYS_IO_URING_SETUP, entries, params);
      } catch (LastErrorException e) {
        throw NativeSocket.failure("io_uring_setup", e);
      }
      return new IoUring(libc, fd, params);
    }
  }

  private Pointer map(long size, long offset) throws IOException {
    try {
      Pointer p = libc.mmap(Pointer.NULL, size, PROT_READ_WRITE, MAP_SHARED_POPULATE, fd, offset);
      if (Pointer.nativeValue(p) == -1L) {
        throw new IOException("mmap of the io_uring failed");
      }
      return p;
    } catch (LastErrorException e) {
      throw NativeSocket.failure("mmap(io_uring)", e);
    }
  }

  private void unmap(Pointer p, long size) {
    if (p != null) {
      try {
        libc.munmap(p, size);
      } catch (LastErrorException e) {
        // the mapping goes with the process anyway
      }
    }
  }

  /** Free submission slots (what the kernel has consumed plus what was never used). */
  int freeSlots() {
    int head = sqRing.getInt(sqHead);
    VarHandle.acquireFence();
    int tail = sqRing.getInt(sqTail);
    return sqEntries - (tail - head);
  }

  /**
   * Writes the next SQE (zeroed first) and returns a pointer to it; {@link #submit()} hands it to
   * the kernel. The caller checked {@link #freeSlots()}.
   */
  Pointer nextSqe() {
    int tail = sqRing.getInt(sqTail);
    int index = tail & sqMask;
    Pointer sqe = sqes.share((long) index * SQE_SIZE, SQE_SIZE);
    sqe.setMemory(0, SQE_SIZE, (byte) 0);
    sqRing.setInt(sqArray + 4L * index, index);
    VarHandle.releaseFence();
    sqRing.setInt(sqTail, tail + 1);
    pending++;
    return sqe;
  }

  /** Fills an SQE's common fields. */
  static void prepare(Pointer sqe, byte opcode, byte flags, int fd, long addr, int len, long offset, int opFlags,
      long userData) {
    sqe.setByte(0, opcode);
    sqe.setByte(1, flags);
    sqe.setInt(4, fd);
    sqe.setLong(8, offset);
    sqe.setLong(16, addr);
    sqe.setInt(24, len);
    sqe.setInt(28, opFlags);
    sqe.setLong(32, userData);
  }

  /** Submits what {@link #nextSqe()} wrote; with {@code waitFor > 0}, also waits for that many completions. */
  void submit(int waitFor) throws IOException {
    int toSubmit = pending;
    try {
      libc.syscall(SYS_IO_URING_ENTER, fd, toSubmit, waitFor, waitFor > 0 ? ENTER_GETEVENTS : 0, Pointer.NULL, 0L);
      pending = 0;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.EINTR || e.getErrorCode() == LibC.EAGAIN) {
        return; // nothing consumed for EAGAIN; EINTR consumed what it could; the caller retries later
      }
      throw NativeSocket.failure("io_uring_enter", e);
    }
  }

  /** Hands every available completion to {@code sink}, without blocking; returns how many. */
  int reap(CompletionSink sink) {
    int head = cqRing.getInt(cqHead);
    int tail = cqRing.getInt(cqTail);
    VarHandle.acquireFence();
    int n = 0;
    while (head != tail) {
      long offset = cqes + (long) (head & cqMask) * CQE_SIZE;
      sink.completed(cqRing.getLong(offset), cqRing.getInt(offset + 8));
      head++;
      n++;
    }
    VarHandle.releaseFence();
    cqRing.setInt(cqHead, head);
    return n;
  }

  /** Receives one completion: the SQE's user data and its result (a byte count, or -errno). */
  @FunctionalInterface
  interface CompletionSink {
    void completed(long userData, int result);
  }

  /** Closing the ring cancels every request still queued in it (also when the process dies). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    unmap(sqes, sqesSize);
    unmap(cqRing, cqRingSize);
    unmap(sqRing, sqRingSize);
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      libc.close(fd);
    } catch (LastErrorException e) {
      // released anyway
    }
  }
}
