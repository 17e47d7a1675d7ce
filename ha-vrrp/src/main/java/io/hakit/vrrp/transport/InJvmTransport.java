package io.hakit.vrrp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's end of an {@link InJvmLink}. Received messages queue up (at most
 * {@value #QUEUE_CAPACITY}; more are dropped like a full socket buffer would) and are handed to the
 * receiver on this transport's own thread, {@code vrrp-injvm-ADDRESS}.
 */
public final class InJvmTransport implements VrrpTransport {
  private static final Logger logger = LoggerFactory.getLogger(InJvmTransport.class);
  static final int QUEUE_CAPACITY = 1024;
  private static final ReceivedMessage CLOSE = new ReceivedMessage(InetAddress.getLoopbackAddress(),
      InetAddress.getLoopbackAddress(), 0, new byte[0]);

  private final InJvmLink link;
  private final InetAddress address;
  private final ArrayBlockingQueue<ReceivedMessage> inbox = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 1);
  private volatile boolean started;
  private volatile boolean closed;
  private @Nullable Thread thread;

  InJvmTransport(InJvmLink link, InetAddress address) {
    this.link = link;
    this.address = address;
  }

  @Override
  public synchronized void start(Receiver receiver) throws IOException {
    if (closed) {
      throw new IOException("in-JVM transport " + address.getHostAddress() + " is closed");
    }
    if (started) {
      throw new IllegalStateException("in-JVM transport " + address.getHostAddress() + " already started");
    }
    started = true;
    Thread t = new Thread(() -> receiveLoop(receiver), "vrrp-injvm-" + address.getHostAddress());
    t.setDaemon(true);
    thread = t;
    link.attach(this);
    t.start();
  }

  private void receiveLoop(Receiver receiver) {
    try {
      while (true) {
        ReceivedMessage m = inbox.take();
        if (m == CLOSE || closed) {
          return;
        }
        try {
          receiver.onMessage(m);
        } catch (RuntimeException e) {
          logger.warn("in-JVM transport {}: receiver failed", address.getHostAddress(), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean enqueue(ReceivedMessage m) {
    return !closed && inbox.size() < QUEUE_CAPACITY && inbox.offer(m);
  }

  @Override
  public void send(byte[] vrrpMessage, InetAddress destination) throws IOException {
    if (closed) {
      throw new IOException("in-JVM transport " + address.getHostAddress() + " is closed");
    }
    link.deliver(this, destination, vrrpMessage);
  }

  @Override
  public InetAddress sourceAddress() {
    return address;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    link.detach(this);
    inbox.clear();
    inbox.offer(CLOSE);
  }
}
