package io.hakit.vrrp.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The only JNA binding of ha-vrrp: the few libc calls the raw transport, rtnetlink and the
 * announcements need, with the Linux constants they use (identical on x86_64 and aarch64).
 * Structures are laid out by {@link NativeStructs}; {@link NativeSocket} wraps the calls with
 * {@link java.io.IOException}s. Sizes are {@code long} because only LP64 Linux is supported
 * ({@link #unavailabilityCause()}).
 *
 * <p>A method declaring {@link LastErrorException} throws it when the call sets errno.
 */
interface LibC extends Library {

  // socket(2) domains, types and protocols
  int AF_INET = 2;
  int AF_INET6 = 10;
  int AF_NETLINK = 16;
  int AF_PACKET = 17;
  int SOCK_DGRAM = 2;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 0x80000;
  int IPPROTO_VRRP = 112; // RFC 5798 section 5.1.1.4
  int NETLINK_ROUTE = 0;

  // setsockopt(2) levels and options
  int SOL_SOCKET = 1;
  int SO_RCVBUF = 8;
  int SO_RCVTIMEO = 20;
  int SO_BINDTODEVICE = 25;
  int SO_ATTACH_FILTER = 26;
  int IPPROTO_IP = 0;
  int IP_TOS = 1;
  int IP_TTL = 2;
  int IP_MULTICAST_IF = 32;
  int IP_MULTICAST_TTL = 33;
  int IP_MULTICAST_LOOP = 34;
  int IP_ADD_MEMBERSHIP = 35;
  int IP_MULTICAST_ALL = 49;
  int IPPROTO_IPV6 = 41;
  int IPV6_CHECKSUM = 7;
  int IPV6_UNICAST_HOPS = 16;
  int IPV6_MULTICAST_IF = 17;
  int IPV6_MULTICAST_HOPS = 18;
  int IPV6_MULTICAST_LOOP = 19;
  int IPV6_ADD_MEMBERSHIP = 20;
  int IPV6_MULTICAST_ALL = 29;
  int IPV6_RECVPKTINFO = 49;
  int IPV6_PKTINFO = 50;
  int IPV6_RECVHOPLIMIT = 51;
  int IPV6_HOPLIMIT = 52;
  int IPV6_TCLASS = 67;

  // flags and events
  int MSG_TRUNC = 0x20;
  int MSG_DONTWAIT = 0x40;
  short POLLIN = 0x1;
  int EFD_CLOEXEC = 0x80000;
  long SIOCGIFHWADDR = 0x8927;

  // scheduling and memory locking
  int PRIO_PROCESS = 0;
  int SCHED_RR = 2;
  int MCL_CURRENT = 1;
  int MCL_FUTURE = 2;
  /** Linux 4.4+: lock pages as they are faulted in instead of populating every mapping at once. */
  int MCL_ONFAULT = 4;

  // errno values this package reacts to
  int EINTR = 4;
  int EAGAIN = 11;
  int EEXIST = 17;
  int ENODEV = 19;
  int EADDRNOTAVAIL = 99;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

  int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

  int bind(int fd, byte[] address, int length) throws LastErrorException;

  long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
      throws LastErrorException;

  long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

  long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

  int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

  int eventfd(int initialValue, int flags) throws LastErrorException;

  long write(int fd, byte[] buffer, long length) throws LastErrorException;

  int ioctl(int fd, long request, byte[] argument) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  int dup(int fd) throws LastErrorException;

  /** syscall(2) for io_uring_setup(entries, params). */
  long syscall(long number, int entries, Pointer params) throws LastErrorException;

  /** syscall(2) for io_uring_enter(fd, toSubmit, minComplete, flags, sig, sigsz). */
  long syscall(long number, int fd, int toSubmit, int minComplete, int flags, Pointer sig, long sigSize)
      throws LastErrorException;

  Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset) throws LastErrorException;

  int munmap(Pointer address, long length) throws LastErrorException;

  /** glibc 2.30+: the calling thread's id, for the per-thread calls below. */
  int gettid();

  /** With which = PRIO_PROCESS and a thread id, sets that thread's nice value. */
  int setpriority(int which, int who, int niceValue) throws LastErrorException;

  /** With a thread id, sets that thread's policy; {@code param} is a struct sched_param (one int). */
  int sched_setscheduler(int tid, int policy, int[] param) throws LastErrorException;

  int mlockall(int flags) throws LastErrorException;

  /** 0 when the interface does not exist (no exception: glibc may leave errno set on success). */
  int if_nametoindex(String name);

  /** Why the natives cannot run here, or null when they can. */
  static @Nullable String unavailabilityCause() {
    if (!Platform.isLinux()) {
      return "the raw VRRP transport needs Linux (os.name=" + System.getProperty("os.name") + ")";
    }
    if (Native.LONG_SIZE != 8 || Native.POINTER_SIZE != 8) {
      return "the raw VRRP transport needs a 64-bit (LP64) Linux";
    }
    return Holder.loadFailure;
  }

  /** The loaded library; throws {@link IllegalStateException} when it cannot be loaded. */
  static LibC get() {
    LibC libc = Holder.instance;
    if (libc == null) {
      throw new IllegalStateException("libc via JNA: " + Holder.loadFailure);
    }
    return libc;
  }

  /** Loads libc once, remembering why it failed instead of failing class initialisation. */
  final class Holder {
    static final @Nullable LibC instance;
    static final @Nullable String loadFailure;

    static {
      LibC loaded = null;
      String failure = null;
      try {
        loaded = Native.load("c", LibC.class);
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        failure = "cannot load libc through JNA: " + e.getMessage();
      }
      instance = loaded;
      loadFailure = failure;
    }

    private Holder() {}
  }
}
