package io.hakit.benchmarks.vrrp;

import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.InJvmLink;
import io.hakit.vrrp.transport.VrrpTransport;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how punctual a master's adverts stay while other threads of the same JVM allocate hard
 * (GC pressure), and whether the backup ever takes over by mistake. A master (priority 150) and a
 * backup (100) run on an in-JVM link at VRRPv3 with the given interval; the send times of the
 * master are recorded and compared with the nominal cadence.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar io.hakit.benchmarks.vrrp.AdvertJitterMain [seconds] [intervalMs] [allocThreads]
 * </pre>
 * Defaults: 30 s, 100 ms, 2 allocating threads (each keeps a rotating live set of about 150 MB).
 */
public final class AdvertJitterMain {
  private AdvertJitterMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int intervalMs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int allocThreads = args.length > 2 ? Integer.parseInt(args[2]) : 2;

    long[] sendTimes = new long[seconds * 1000 / intervalMs + 1000];
    AtomicLong sends = new AtomicLong();
    InJvmLink link = new InJvmLink("jitter");
    VrrpTransportFactory masterTransports = recording(link.factory(InetAddress.getByName("198.18.0.11")), sendTimes, sends);
    VrrpInstance master = instance("M", 150, intervalMs, masterTransports);
    VrrpInstance backup = instance("B", 100, intervalMs, link.factory(InetAddress.getByName("198.18.0.12")));
    master.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    backup.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (master.vrrpState() != VrrpState.MASTER && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicLong allocatedBytes = new AtomicLong();
    Thread[] loaders = new Thread[allocThreads];
    for (int i = 0; i < allocThreads; i++) {
      loaders[i] = new Thread(() -> allocate(loading, allocatedBytes), "alloc-" + i);
      loaders[i].start();
    }
    long gcBefore = gcMillis();
    long firstIndex = sends.get();
    long backupMastersBefore = backup.counters().becameMaster();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Object monitor = new Object();
    synchronized (monitor) {
      while (System.nanoTime() < end) {
        monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      }
    }
    loading.set(false);
    for (Thread t : loaders) {
      t.join();
    }
    long lastIndex = Math.min(sends.get(), sendTimes.length);
    long gcMillis = gcMillis() - gcBefore;
    master.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    backup.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);

    int n = (int) (lastIndex - firstIndex - 1);
    long[] deviations = new long[Math.max(0, n)];
    long nominal = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    for (int i = 0; i < n; i++) {
      long gap = sendTimes[(int) (firstIndex + i + 1)] - sendTimes[(int) (firstIndex + i)];
      deviations[i] = Math.abs(gap - nominal);
    }
    Arrays.sort(deviations);
    out.printf("VRRPv3 advert interval %d ms, %d s under load from %d allocating threads (%.1f GB allocated,"
        + " %d ms in GC, %s)%n", intervalMs, seconds, allocThreads, allocatedBytes.get() / 1e9, gcMillis,
        gcNames());
    if (n > 0) {
      out.printf("adverts: %d; |gap - interval|: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", n + 1,
          deviations[n / 2] / 1e6, deviations[Math.min(n - 1, (int) (n * 0.99))] / 1e6, deviations[n - 1] / 1e6);
    }
    out.printf("timer lateness (scheduler): mean %.3f ms, max %.3f ms%n",
        master.counters().meanAdvertLatenessNanos() / 1e6, master.counters().maxAdvertLatenessNanos() / 1e6);
    out.printf("false failovers (backup became master under load): %d%n",
        backup.counters().becameMaster() - backupMastersBefore);
  }

  private static VrrpInstance instance(String name, int priority, int intervalMs, VrrpTransportFactory transports) {
    return VrrpInstance.builder().name(name).vrid(51).priority(priority).interfaceName("jvm0")
        .virtualAddress("198.18.0.200/24").version(3).advertInterval(Duration.ofMillis(intervalMs))
        .transportFactory(transports).addressManager(CallbackAddressManager.builder().build()).build();
  }

  private static VrrpTransportFactory recording(VrrpTransportFactory inner, long[] times, AtomicLong count) {
    return spec -> {
      VrrpTransport t = inner.create(spec);
      return new VrrpTransport() {
        @Override
        public void start(Receiver receiver) throws IOException {
          t.start(receiver);
        }

        @Override
        public void send(byte[] message, InetAddress destination) throws IOException {
          long i = count.getAndIncrement();
          if (i < times.length) {
            times[(int) i] = System.nanoTime();
          }
          t.send(message, destination);
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
    };
  }

  /** Allocates 1-64 KiB arrays and keeps the last 4,096 alive, so that some survive into the old generation. */
  private static void allocate(AtomicBoolean loading, AtomicLong allocated) {
    byte[][] live = new byte[4096][];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long local = 0;
    int i = 0;
    while (loading.get()) {
      int size = 1024 + random.nextInt(64 * 1024);
      live[i++ & 4095] = new byte[size];
      local += size;
      if ((i & 1023) == 0) {
        allocated.addAndGet(local);
        local = 0;
      }
    }
    allocated.addAndGet(local);
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static String gcNames() {
    StringBuilder sb = new StringBuilder();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sb.append(sb.length() == 0 ? "" : "/").append(gc.getName());
    }
    return sb.toString();
  }
}
