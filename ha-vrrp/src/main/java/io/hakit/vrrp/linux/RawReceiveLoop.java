package io.hakit.vrrp.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.hakit.vrrp.transport.ReceivedMessage;
import io.hakit.vrrp.transport.ThreadScheduling;
import io.hakit.vrrp.transport.VrrpTransport;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive thread of one {@link LinuxRawTransport}: waits in poll(2) on the raw socket and a
 * {@link Wakeup}, reads each datagram with recvmsg(2), turns it into a {@link ReceivedMessage} and
 * hands it to the receiver. It never dies on bad input: malformed datagrams are dropped and
 * logged (rate-limited), a throwing receiver is logged; only {@link #stop()} ends it.
 *
 * <p>Threading: {@link #run()} runs on the one receive thread, which owns the socket, the native
 * buffers, and closes the socket and the wakeup when it ends. {@link #stop()} may be called from any
 * thread.
 */
final class RawReceiveLoop implements Runnable {
  private static final Logger logger = LoggerFactory.getLogger(RawReceiveLoop.class);
  private static final int DATA_SIZE = 8192; // larger than any VRRP message: 255 IPv6 addresses = 4088 bytes
  private static final int CONTROL_SIZE = 256;
  private static final int ERROR_BACKOFF_MILLIS = 100;

  private final NativeSocket socket;
  private final Wakeup wakeup;
  private final boolean ipv6;
  private final String interfaceName;
  private final VrrpTransport.Receiver receiver;
  private final RateLimitedLog rateLimited = new RateLimitedLog(logger);
  private final ThreadScheduling scheduling;
  private volatile boolean stopping;

  RawReceiveLoop(NativeSocket socket, Wakeup wakeup, boolean ipv6, String interfaceName, VrrpTransport.Receiver receiver,
      ThreadScheduling scheduling) {
    this.scheduling = scheduling;
    this.socket = socket;
    this.wakeup = wakeup;
    this.ipv6 = ipv6;
    this.interfaceName = interfaceName;
    this.receiver = receiver;
  }

  /** Asks the loop to end; it closes its socket on the way out. */
  void stop() {
    stopping = true;
    wakeup.signal();
  }

  @Override
  public void run() {
    // The receive thread stamps arrivals for the backup's down timer: it deserves the advert thread's priority.
    ThreadTuning.applyToCurrentThread(scheduling, interfaceName + " receive");
    LibC libc = LibC.get();
    try (Memory fds = new Memory(16);
        Memory message = new Memory(NativeStructs.MSGHDR_SIZE);
        Memory iov = new Memory(NativeStructs.IOVEC_SIZE);
        Memory name = new Memory(NativeStructs.SOCKADDR_IN6_SIZE);
        Memory data = new Memory(DATA_SIZE);
        Memory control = new Memory(CONTROL_SIZE)) {
      byte[] bytes = new byte[DATA_SIZE];
      byte[] controlBytes = new byte[CONTROL_SIZE];
      byte[] nameBytes = new byte[NativeStructs.SOCKADDR_IN6_SIZE];
      while (!stopping) {
        if (!await(libc, fds, -1)) {
          continue;
        }
        try {
          prepare(message, iov, name, data, control);
          int length = (int) libc.recvmsg(socket.fd(), message, LibC.MSG_DONTWAIT);
          if ((message.getInt(NativeStructs.MSGHDR_FLAGS) & LibC.MSG_TRUNC) != 0) {
            rateLimited.warn("truncated", "({}) dropped a VRRP datagram larger than {} bytes", interfaceName, DATA_SIZE);
            continue;
          }
          data.read(0, bytes, 0, length);
          ReceivedMessage received = ipv6
              ? ipv6Message(message, name, nameBytes, control, controlBytes, bytes, length)
              : Ipv4Datagrams.parse(bytes, length);
          if (received == null) {
            rateLimited.warn("malformed", "({}) dropped a malformed {} datagram of {} bytes", interfaceName,
                ipv6 ? "IPv6" : "IPv4", length);
            continue;
          }
          deliver(received);
        } catch (LastErrorException e) {
          if (e.getErrorCode() != LibC.EAGAIN && e.getErrorCode() != LibC.EINTR) {
            rateLimited.warn("recvmsg " + e.getErrorCode(), "({}) recvmsg on the VRRP socket failed: {}", interfaceName,
                NativeSocket.failure("recvmsg", e).getMessage());
            await(libc, fds, ERROR_BACKOFF_MILLIS); // no busy loop on a persistent error; stop() still wakes it
          }
        } catch (RuntimeException e) {
          rateLimited.warn("receive " + e.getClass().getName(), "({}) dropped a VRRP datagram: {}", interfaceName, e.toString());
        }
      }
    } finally {
      socket.close();
      wakeup.close();
      logger.debug("({}) VRRP receive loop ended", interfaceName);
    }
  }

  /** Whether the socket holds a datagram not read yet (poll(2) without waiting); any thread, while the loop runs. */
  boolean readable() {
    if (stopping) {
      return false;
    }
    try (Memory fd = new Memory(8)) {
      fd.setInt(0, socket.fd());
      fd.setShort(4, LibC.POLLIN);
      fd.setShort(6, (short) 0);
      return LibC.get().poll(fd, 1, 0) > 0 && (fd.getShort(6) & LibC.POLLIN) != 0;
    } catch (LastErrorException e) {
      return false;
    }
  }

  /** poll(2) on the socket and the wakeup; true when the socket may be read and we are not stopping. */
  private boolean await(LibC libc, Memory fds, int timeoutMillis) {
    fds.setInt(0, socket.fd());
    fds.setShort(4, LibC.POLLIN);
    fds.setShort(6, (short) 0);
    fds.setInt(8, wakeup.fd());
    fds.setShort(12, LibC.POLLIN);
    fds.setShort(14, (short) 0);
    try {
      int ready = libc.poll(fds, 2, timeoutMillis);
      return ready > 0 && !stopping && fds.getShort(6) != 0;
    } catch (LastErrorException e) {
      return false; // EINTR; the loop condition decides
    }
  }

  private static void prepare(Memory message, Memory iov, Memory name, Memory data, Memory control) {
    iov.setPointer(0, data);
    iov.setLong(8, DATA_SIZE);
    message.setPointer(NativeStructs.MSGHDR_NAME, name);
    message.setInt(NativeStructs.MSGHDR_NAMELEN, NativeStructs.SOCKADDR_IN6_SIZE);
    message.setPointer(NativeStructs.MSGHDR_IOV, iov);
    message.setLong(NativeStructs.MSGHDR_IOVLEN, 1);
    message.setPointer(NativeStructs.MSGHDR_CONTROL, control);
    message.setLong(NativeStructs.MSGHDR_CONTROLLEN, CONTROL_SIZE);
    message.setInt(NativeStructs.MSGHDR_FLAGS, 0);
  }

  /** Raw IPv6 sockets deliver no IP header: the source is in msg_name, the hop limit in a cmsg. */
  private static @Nullable ReceivedMessage ipv6Message(Memory message, Memory name, byte[] nameBytes, Memory control,
      byte[] controlBytes, byte[] bytes, int length) {
    int nameLength = Math.min(message.getInt(NativeStructs.MSGHDR_NAMELEN), nameBytes.length);
    name.read(0, nameBytes, 0, nameLength);
    int controlLength = (int) Math.min(message.getLong(NativeStructs.MSGHDR_CONTROLLEN), controlBytes.length);
    control.read(0, controlBytes, 0, controlLength);
    InetAddress source = NativeStructs.addressOf(nameBytes, nameLength);
    NativeStructs.Ipv6Ancillary ancillary = NativeStructs.ipv6Ancillary(controlBytes, controlLength);
    if (source == null || ancillary.hopLimit() < 0 || ancillary.destination() == null) {
      return null;
    }
    return new ReceivedMessage(source, ancillary.destination(), ancillary.hopLimit(), NativeStructs.copy(bytes, 0, length));
  }

  private void deliver(ReceivedMessage received) {
    try {
      receiver.onMessage(received);
    } catch (RuntimeException e) {
      rateLimited.warn("receiver", "({}) the VRRP receiver failed on a message from {}: {}", interfaceName,
          received.source().getHostAddress(), e.toString());
    }
  }
}
