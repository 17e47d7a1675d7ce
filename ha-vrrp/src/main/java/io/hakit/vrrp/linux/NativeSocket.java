package io.hakit.vrrp.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;

/**
 * One file descriptor from {@link LibC#socket}, with the calls on it turned into
 * {@link ErrnoException}s that name the operation. Not thread-safe by itself: each user says who
 * may call what (see {@link LinuxRawTransport}).
 */
final class NativeSocket implements AutoCloseable {
  private static final int EPERM = 1;
  private final LibC libc;
  private final int fd;
  private final String name;
  private boolean closed;

  private NativeSocket(LibC libc, int fd, String name) {
    this.libc = libc;
    this.fd = fd;
    this.name = name;
  }

  /** Opens a socket in the calling thread's network namespace. */
  static NativeSocket open(int domain, int type, int protocol, String name) throws IOException {
    LibC libc = LibC.get();
    try {
      return new NativeSocket(libc, libc.socket(domain, type | LibC.SOCK_CLOEXEC, protocol), name);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EPERM) {
        throw new ErrnoException("socket(" + name + ")", EPERM,
            "operation not permitted: raw and packet sockets need CAP_NET_RAW (run as root, or give the service"
                + " AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN)");
      }
      throw failure("socket(" + name + ")", e);
    }
  }

  int fd() {
    return fd;
  }

  String name() {
    return name;
  }

  void setInt(int level, int option, int value, String what) throws IOException {
    setBytes(level, option, NativeStructs.intValue(value), what);
  }

  void setBytes(int level, int option, byte[] value, String what) throws IOException {
    try {
      libc.setsockopt(fd, level, option, value, value.length);
    } catch (LastErrorException e) {
      throw failure("setsockopt(" + name + ", " + what + ")", e);
    }
  }

  void bindToDevice(String interfaceName) throws IOException {
    setBytes(LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, NativeStructs.cString(interfaceName),
        "SO_BINDTODEVICE " + interfaceName);
  }

  /** Attaches a classic BPF program "return 0", so a send-only socket never queues anything. */
  void dropAllReceived() throws IOException {
    try (Memory filter = new Memory(8); Memory program = new Memory(16)) {
      filter.clear();
      filter.setShort(0, (short) 0x06); // BPF_RET | BPF_K, k = 0: accept 0 bytes
      program.clear();
      program.setShort(0, (short) 1);
      program.setPointer(8, filter);
      libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, program, 16);
    } catch (LastErrorException e) {
      throw failure("setsockopt(" + name + ", SO_ATTACH_FILTER)", e);
    }
  }

  void bind(byte[] sockaddr, String what) throws IOException {
    try {
      libc.bind(fd, sockaddr, sockaddr.length);
    } catch (LastErrorException e) {
      throw failure("bind(" + name + ", " + what + ")", e);
    }
  }

  void sendTo(byte[] data, int length, byte[] sockaddr, String what) throws IOException {
    try {
      long sent = libc.sendto(fd, data, length, 0, sockaddr, sockaddr.length);
      if (sent != length) {
        throw new IOException("sendto(" + name + ", " + what + "): sent " + sent + " of " + length + " bytes");
      }
    } catch (LastErrorException e) {
      throw failure("sendto(" + name + ", " + what + ")", e);
    }
  }

  /** One datagram into {@code buffer}; returns its length (MSG_TRUNC: the full length). */
  int receive(byte[] buffer, int flags, String what) throws IOException {
    try {
      return (int) libc.recv(fd, buffer, buffer.length, flags);
    } catch (LastErrorException e) {
      throw failure("recv(" + name + ", " + what + ")", e);
    }
  }

  void ioctl(long request, byte[] argument, String what) throws IOException {
    try {
      libc.ioctl(fd, request, argument);
    } catch (LastErrorException e) {
      throw failure("ioctl(" + name + ", " + what + ")", e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      libc.close(fd);
    } catch (LastErrorException e) {
      // close(2) releases the descriptor even when it reports an error; nothing to retry.
    }
  }

  static ErrnoException failure(String operation, LastErrorException e) {
    return new ErrnoException(operation, e.getErrorCode(), strerror(e));
  }

  /** JNA's message is "[errno] text"; keep the text. */
  private static String strerror(LastErrorException e) {
    String message = String.valueOf(e.getMessage());
    int bracket = message.indexOf("] ");
    return bracket >= 0 ? message.substring(bracket + 2) : message;
  }
}
