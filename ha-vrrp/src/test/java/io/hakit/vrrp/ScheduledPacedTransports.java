package io.hakit.vrrp;

import io.hakit.vrrp.transport.PacedSender;
import io.hakit.vrrp.transport.VrrpTransport;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a transport factory so that its transports offer a {@link PacedSender} that sends on its
 * own timer thread at the deadlines (standing in for the kernel's io_uring), and records what went
 * out which way: {@code log} holds "java P" for a send from the scheduler thread, "paced P" for a
 * timed send and "cancel" for a cancellation, P being the advert's priority byte.
 */
final class ScheduledPacedTransports implements VrrpTransportFactory {
  final List<String> log = new CopyOnWriteArrayList<>();
  final AtomicInteger earlySends = new AtomicInteger();
  private final VrrpTransportFactory inner;
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

  ScheduledPacedTransports(VrrpTransportFactory inner) {
    this.inner = inner;
  }

  long count(String prefix) {
    return log.stream().filter(s -> s.startsWith(prefix)).count();
  }

  void shutdown() {
    timer.shutdownNow();
  }

  @Override
  public VrrpTransport create(io.hakit.vrrp.transport.TransportSpec spec) throws IOException {
    VrrpTransport t = inner.create(spec);
    return new VrrpTransport() {
      @Override
      public void start(Receiver receiver) throws IOException {
        t.start(receiver);
      }

      @Override
      public void send(byte[] message, InetAddress destination) throws IOException {
        log.add("java " + (message[2] & 0xff));
        t.send(message, destination);
      }

      @Override
      public PacedSender openPacedSender(int capacity) {
        return new Paced(t, capacity);
      }

      @Override
      public InetAddress sourceAddress() {
        return t.sourceAddress();
      }

      @Override
      public void close() {
        t.close();
      }
    };
  }

  private final class Paced implements PacedSender {
    private final VrrpTransport transport;
    private final int capacity;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>(); // owner thread
    private final ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();

    Paced(VrrpTransport transport, int capacity) {
      this.transport = transport;
      this.capacity = capacity;
    }

    @Override
    public int capacity() {
      return capacity;
    }

    @Override
    public int queued() {
      pending.removeIf(ScheduledFuture::isDone);
      return pending.size();
    }

    @Override
    public void sendAt(byte[] message, InetAddress destination, long deadlineNanos) {
      if (queued() >= capacity) {
        throw new IllegalStateException("full");
      }
      byte[] copy = message.clone();
      pending.add(timer.schedule(() -> {
        if (System.nanoTime() - deadlineNanos < 0) {
          earlySends.incrementAndGet();
        }
        log.add("paced " + (copy[2] & 0xff));
        try {
          transport.send(copy, destination);
          sent.add(deadlineNanos);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void cancelAll() {
      log.add("cancel");
      for (ScheduledFuture<?> f : pending) {
        f.cancel(false);
      }
      pending.clear();
    }

    @Override
    public void reap(Outcomes outcomes) {
      for (Long d = sent.poll(); d != null; d = sent.poll()) {
        outcomes.sent(d);
      }
    }

    @Override
    public void close() {
      cancelAll();
    }
  }
}
