package io.hakit.vrrp.linux;

import io.hakit.core.health.Health;
import io.hakit.core.health.HealthListener;
import io.hakit.core.health.HealthSource;
import io.hakit.core.health.ManualHealthSource;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link state of one interface as a {@link HealthSource}: UP while the kernel reports it
 * operationally up (IFF_RUNNING: administratively up with carrier), DOWN otherwise or once it is
 * deleted. keepalived tracks the instance's own interface this way (link down means FAULT) and
 * {@code track_interface} adds more; pass this to {@code VrrpInstanceBuilder.track(source, 0)}.
 *
 * <pre>{@code
 * LinkHealthSource eth0 = LinkHealthSource.open("eth0");   // close() when done
 * }</pre>
 *
 * <p>Threading: a daemon thread ({@code link-NAME}) reads the rtnetlink link group and calls the
 * listeners on a change. The netlink socket is opened by the calling thread of {@link #open}, so in
 * its network namespace. {@link #close} ends the thread within the socket's receive timeout.
 */
public final class LinkHealthSource implements HealthSource, AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(LinkHealthSource.class);
  private static final int POLL_MILLIS = 250; // how soon close() is noticed
  private static final int BUFFER_SIZE = 32 * 1024;

  private final String interfaceName;
  private final int ifindex;
  private final NativeSocket socket;
  private final ManualHealthSource health;
  private final Thread thread;
  private volatile boolean closed;

  private LinkHealthSource(String interfaceName, int ifindex, NativeSocket socket, Health initial) {
    this.interfaceName = interfaceName;
    this.ifindex = ifindex;
    this.socket = socket;
    this.health = new ManualHealthSource("link " + interfaceName, initial);
    this.thread = new Thread(this::run, "link-" + interfaceName);
    this.thread.setDaemon(true);
  }

  /** Subscribes to the link changes of {@code interfaceName} and reads its current state. */
  public static LinkHealthSource open(String interfaceName) throws IOException {
    String cause = LibC.unavailabilityCause();
    if (cause != null) {
      throw new IOException(cause);
    }
    int ifindex = Interfaces.index(interfaceName);
    NativeSocket socket = NativeSocket.open(LibC.AF_NETLINK, LibC.SOCK_RAW, LibC.NETLINK_ROUTE, "link " + interfaceName);
    try {
      socket.setBytes(LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, NativeStructs.timeval(POLL_MILLIS), "SO_RCVTIMEO");
      socket.bind(NativeStructs.sockaddrNl(RtnlMessages.RTMGRP_LINK), "RTMGRP_LINK");
      Health initial = query(socket, interfaceName, ifindex);
      LinkHealthSource source = new LinkHealthSource(interfaceName, ifindex, socket, initial);
      source.thread.start();
      return source;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Asks for the link's state and reads answers (and any events) until it is known. */
  private static Health query(NativeSocket socket, String interfaceName, int ifindex) throws IOException {
    byte[] request = RtnlMessages.linkRequest(1, ifindex);
    socket.sendTo(request, request.length, NativeStructs.sockaddrNl(), "RTM_GETLINK");
    byte[] buffer = new byte[BUFFER_SIZE];
    for (int datagrams = 0; datagrams < 64; datagrams++) {
      int length = socket.receive(buffer, 0, "RTM_GETLINK");
      Integer flags = RtnlMessages.linkFlags(buffer, Math.min(length, buffer.length), ifindex);
      if (flags != null) {
        return health(interfaceName, flags);
      }
    }
    throw new IOException("rtnetlink: no state for interface '" + interfaceName + "'");
  }

  private static Health health(String interfaceName, int flags) {
    if (flags < 0) {
      return Health.down(interfaceName + " deleted");
    }
    return (flags & RtnlMessages.IFF_RUNNING) != 0 ? Health.up(interfaceName + " link up") : Health.down(interfaceName + " link down");
  }

  private void run() {
    byte[] buffer = new byte[BUFFER_SIZE];
    try {
      while (!closed) {
        try {
          int length = socket.receive(buffer, 0, "link events");
          Integer flags = RtnlMessages.linkFlags(buffer, Math.min(length, buffer.length), ifindex);
          if (flags != null) {
            update(health(interfaceName, flags));
          }
        } catch (ErrnoException e) {
          if (e.errno() == LibC.EAGAIN || e.errno() == LibC.EINTR) {
            continue; // the receive timeout: look at `closed` again
          }
          // ENOBUFS: events were lost; ask again rather than trust a stale state.
          logger.debug("({}) link events: {}; asking the kernel again", interfaceName, e.getMessage());
          update(query(socket, interfaceName, ifindex));
        }
      }
    } catch (IOException | RuntimeException e) {
      logger.warn("({}) no more link events, considering the link down: {}", interfaceName, e.toString());
      update(Health.down(interfaceName + " state unknown: " + e.getMessage()));
    } finally {
      socket.close();
    }
  }

  private void update(Health next) {
    if (next.status() != health.current().status()) {
      logger.info("({}) {}", interfaceName, next.reason());
    }
    health.set(next);
  }

  @Override
  public String name() {
    return health.name();
  }

  @Override
  public Health current() {
    return health.current();
  }

  @Override
  public AutoCloseable subscribe(HealthListener listener) {
    return health.subscribe((source, h) -> listener.onHealthChanged(this, h));
  }

  /** Stops listening; idempotent. */
  @Override
  public void close() {
    closed = true;
    if (Thread.currentThread() != thread) {
      try {
        thread.join(4L * POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
