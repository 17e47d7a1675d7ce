package io.hakit.benchmarks.vrrp;

import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.transport.UdpTransportFactory;
import io.hakit.vrrp.transport.VrrpTransport;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures how punctual a master's adverts stay while other threads of the same JVM allocate hard
 * (GC pressure), and whether a backup ever takes over by mistake. The master (priority 150) runs
 * here, under load; the backup (100) runs in a child JVM without load, as on another machine; they
 * talk VRRPv3 over UDP on 127.0.0.51/52. The master's send times are compared with the nominal
 * cadence; the child reports every transition, so a MASTER line during the load is a false failover.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx1g [-XX:+UseZGC] -cp benchmarks/target/benchmarks.jar io.hakit.benchmarks.vrrp.AdvertJitterMain \
 *     [seconds] [intervalMs] [allocThreads]
 * </pre>
 * Defaults: 30 s, 100 ms, 2 allocating threads (each keeps a rotating live set of about 135 MB).
 */
public final class AdvertJitterMain {
  private static final String MASTER_ADDRESS = "127.0.0.51";
  private static final String BACKUP_ADDRESS = "127.0.0.52";

  private AdvertJitterMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--backup")) {
      runBackup(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      return;
    }
    PrintStream out = System.out;
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int intervalMs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int allocThreads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int port;
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        AdvertJitterMain.class.getName(), "--backup", Integer.toString(port), Integer.toString(intervalMs))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
    AtomicLong backupMasters = new AtomicLong();
    AtomicReference<String> backupState = new AtomicReference<>("INIT");
    Thread reader = new Thread(() -> readChild(child, backupState, backupMasters), "backup-reader");
    reader.setDaemon(true);
    reader.start();

    long[] sendTimes = new long[seconds * 1000 / intervalMs + 1000];
    AtomicLong sends = new AtomicLong();
    VrrpInstance master = instance("M", 150, intervalMs, MASTER_ADDRESS, BACKUP_ADDRESS,
        recording(new UdpTransportFactory(port), sendTimes, sends));
    master.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Object monitor = new Object();
    synchronized (monitor) {
      while ((master.vrrpState() != VrrpState.MASTER || !backupState.get().equals("BACKUP"))
          && System.nanoTime() < deadline) {
        monitor.wait(10);
      }
    }
    if (!backupState.get().equals("BACKUP")) {
      out.println("backup JVM did not settle in BACKUP (state " + backupState.get() + "); aborting");
      child.destroyForcibly();
      master.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return;
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
    long backupMastersBefore = backupMasters.get();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
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
    long falseFailovers = backupMasters.get() - backupMastersBefore;
    master.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    child.destroy();
    child.waitFor(10, TimeUnit.SECONDS);

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
    out.printf("false failovers (unloaded backup JVM became master during the load): %d%n", falseFailovers);
  }

  private static void readChild(Process child, AtomicReference<String> state, AtomicLong masters) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("STATE ")) {
          String s = line.substring(6).split(" ", 2)[0];
          state.set(s);
          if (s.equals("MASTER")) {
            masters.incrementAndGet();
            System.out.println("backup JVM: " + line);
          }
        }
      }
    } catch (IOException e) {
      state.set("GONE");
    }
  }

  /** The child: the backup, printing one STATE line per transition, until its parent ends it. */
  private static void runBackup(int port, int intervalMs) throws Exception {
    PrintStream out = System.out;
    VrrpInstance backup = VrrpInstance.builder().name("B").vrid(51).priority(100).interfaceName("lo")
        .virtualAddress("198.18.0.200/24").version(3).advertInterval(Duration.ofMillis(intervalMs))
        .sourceAddress(BACKUP_ADDRESS).unicastPeer(MASTER_ADDRESS)
        .listener(c -> {
          synchronized (out) {
            out.println("STATE " + c.to() + " " + c.reason());
            out.flush();
          }
        })
        .transportFactory(new UdpTransportFactory(port)).addressManager(CallbackAddressManager.builder().build())
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> backup.abandon()));
    backup.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    Object forever = new Object();
    synchronized (forever) {
      while (true) {
        forever.wait();
      }
    }
  }

  private static VrrpInstance instance(String name, int priority, int intervalMs, String self, String peer,
      VrrpTransportFactory transports) {
    return VrrpInstance.builder().name(name).vrid(51).priority(priority).interfaceName("lo")
        .virtualAddress("198.18.0.200/24").version(3).advertInterval(Duration.ofMillis(intervalMs))
        .sourceAddress(self).unicastPeer(peer)
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
