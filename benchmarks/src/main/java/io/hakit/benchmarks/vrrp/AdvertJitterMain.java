package io.hakit.benchmarks.vrrp;

import io.hakit.vrrp.VrrpInstance;
import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.linux.LinuxPacedSenders;
import io.hakit.vrrp.linux.LinuxRawTransportFactory;
import io.hakit.vrrp.transport.PacedSender;
import io.hakit.vrrp.transport.ThreadScheduling;
import io.hakit.vrrp.transport.UdpTransportFactory;
import io.hakit.vrrp.transport.VrrpTransport;
import io.hakit.vrrp.transport.VrrpTransportFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Measures how punctual a master's adverts stay while other threads of the same JVM allocate hard
 * (GC pressure), and whether a backup ever takes over by mistake. The master (priority 150) runs
 * here, under load; the backup (100) runs in a child JVM without load, as on another machine; they
 * talk VRRPv3 on 127.0.0.51/52 (UDP by default; {@code -Dhakit.transport=raw}: raw IP protocol 112
 * on lo, root only, where timed adverts are queued in the kernel). With 100 ms adverts the backup
 * takes over after 361 ms of silence.
 *
 * <p>Reported: the master's send gaps (from the scheduler thread, or the deadlines of kernel-timed
 * adverts), the gaps between adverts as the backup's receive thread saw them (the figure that
 * decides a failover; it adds the backup's own scheduling delays), the false failovers and, for
 * each, how long before it the master last sent and the backup last received. {@code
 * -Dhakit.dumpTimes=FILE} writes every send and arrival time (System.nanoTime, comparable with
 * {@code -Xlog:safepoint} decorated with {@code tn}); {@code -Dhakit.backupJvmArgs="..."} passes
 * options to the child (its collector, its logs); {@code -Dhakit.rtPriority=N} asks for SCHED_RR.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx1g [-XX:+UseZGC] [-Dhakit.transport=raw] -cp benchmarks/target/benchmarks.jar \
 *     io.hakit.benchmarks.vrrp.AdvertJitterMain [seconds] [intervalMs] [allocThreads]
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
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
        "-Dhakit.transport=" + System.getProperty("hakit.transport", "udp"),
        "-Dhakit.rtPriority=" + Integer.getInteger("hakit.rtPriority", 0),
        "-Dhakit.udpPacing=" + System.getProperty("hakit.udpPacing", "true")));
    String childArgs = System.getProperty("hakit.backupJvmArgs", "").trim();
    if (!childArgs.isEmpty()) {
      command.addAll(List.of(childArgs.split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), AdvertJitterMain.class.getName(),
        "--backup", Integer.toString(port), Integer.toString(intervalMs)));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
    AtomicLong backupMasters = new AtomicLong();
    AtomicReference<String> backupState = new AtomicReference<>("INIT");
    List<Long> arrivals = new ArrayList<>();
    List<Long> failovers = new ArrayList<>();
    Thread reader = new Thread(() -> readChild(child, backupState, backupMasters, arrivals, failovers),
        "backup-reader");
    reader.setDaemon(true);
    reader.start();

    long[] sendTimes = new long[seconds * 1000 / intervalMs + 1000];
    AtomicLong sends = new AtomicLong();
    VrrpInstance master = instance("M", 150, intervalMs, MASTER_ADDRESS, BACKUP_ADDRESS,
        recording(transports(port), sendTimes, sends));
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
    long loadStart = System.nanoTime();
    long loadStartEpochMillis = System.currentTimeMillis();
    long firstIndex = sends.get();
    long backupMastersBefore = backupMasters.get();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (monitor) {
      while (System.nanoTime() < end) {
        monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      }
    }
    long loadEnd = System.nanoTime();
    long loadEndEpochMillis = System.currentTimeMillis();
    loading.set(false);
    for (Thread t : loaders) {
      t.join();
    }
    long lastIndex = Math.min(sends.get(), sendTimes.length);
    long gcMillis = gcMillis() - gcBefore;
    long falseFailovers = backupMasters.get() - backupMastersBefore;
    master.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Thread.sleep(500); // the child prints its arrivals every 200 ms
    child.destroy();
    child.waitFor(10, TimeUnit.SECONDS);
    reader.join(5_000);

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
      out.printf("master adverts: %d; |gap - interval|: p50 %.3f ms, p99 %.3f ms, max %.3f ms (kernel-timed ones"
          + " counted at their deadline: the backup line below, or a capture, shows the wire)%n", n + 1,
          deviations[n / 2] / 1e6, deviations[Math.min(n - 1, (int) (n * 0.99))] / 1e6, deviations[n - 1] / 1e6);
    }
    out.printf("scheduler lateness of adverts it sent itself: mean %.3f ms, max %.3f ms%n",
        master.counters().meanAdvertLatenessNanos() / 1e6, master.counters().maxAdvertLatenessNanos() / 1e6);
    out.printf("false failovers (unloaded backup JVM became master during the load): %d%n", falseFailovers);
    out.printf("load window (epoch ms, to cut a packet capture): %d %d%n", loadStartEpochMillis, loadEndEpochMillis);
    long[] arrived;
    synchronized (arrivals) {
      arrived = arrivals.stream().mapToLong(Long::longValue).filter(t -> t >= loadStart && t <= loadEnd).toArray();
    }
    long[] rxGaps = new long[Math.max(0, arrived.length - 1)];
    for (int i = 0; i + 1 < arrived.length; i++) {
      rxGaps[i] = arrived[i + 1] - arrived[i];
    }
    Arrays.sort(rxGaps);
    if (rxGaps.length > 0) {
      int m = rxGaps.length;
      out.printf("backup receive thread: %d adverts; gap p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", arrived.length,
          rxGaps[m / 2] / 1e6, rxGaps[Math.min(m - 1, (int) (m * 0.99))] / 1e6, rxGaps[m - 1] / 1e6);
    }
    long[] sent = Arrays.copyOfRange(sendTimes, (int) firstIndex, (int) lastIndex);
    String dump = System.getProperty("hakit.dumpTimes");
    if (dump != null) { // send and arrival times (System.nanoTime), to correlate with -Xlog:safepoint's timenanos
      StringBuilder sb = new StringBuilder();
      for (long t : sent) {
        sb.append("S ").append(t).append('\n');
      }
      for (long t : arrived) {
        sb.append("R ").append(t).append('\n');
      }
      Files.writeString(Path.of(dump), sb);
    }
    synchronized (failovers) {
      for (long at : failovers) {
        if (at < loadStart || at > loadEnd) {
          continue;
        }
        out.printf("  failover at +%.3f s: last send %.3f ms before, last arrival %.3f ms before%n",
            (at - loadStart) / 1e9, (at - latestBefore(sent, at)) / 1e6, (at - latestBefore(arrived, at)) / 1e6);
      }
    }
  }

  /**
   * UDP on the given port by default, its timed adverts queued in the kernel where io_uring works
   * ({@code -Dhakit.udpPacing=false}: sent from the scheduler thread); {@code -Dhakit.transport=raw}
   * uses raw IP protocol 112 on lo (root only; the same unicast addresses).
   */
  private static VrrpTransportFactory transports(int port) {
    if ("raw".equals(System.getProperty("hakit.transport"))) {
      return new LinuxRawTransportFactory();
    }
    boolean pacing = Boolean.parseBoolean(System.getProperty("hakit.udpPacing", "true"));
    return new UdpTransportFactory(port, null, pacing ? LinuxPacedSenders.ifAvailable() : null);
  }

  private static long latestBefore(long[] times, long at) {
    long best = Long.MIN_VALUE / 2;
    for (long t : times) {
      if (t <= at && t > best) {
        best = t;
      }
    }
    return best;
  }

  private static void readChild(Process child, AtomicReference<String> state, AtomicLong masters,
      List<Long> arrivals, List<Long> failovers) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("RX ")) {
          synchronized (arrivals) {
            arrivals.add(Long.parseLong(line.substring(3)));
          }
        } else if (line.startsWith("STATE ")) {
          String[] parts = line.substring(6).split(" ", 3);
          state.set(parts[0]);
          if (parts[0].equals("MASTER")) {
            masters.incrementAndGet();
            synchronized (failovers) {
              failovers.add(Long.parseLong(parts[1]));
            }
            System.out.println("backup JVM: " + line);
          }
        }
      }
    } catch (IOException e) {
      state.set("GONE");
    }
  }

  /**
   * The child: the backup, printing one STATE line per transition (with its System.nanoTime, the
   * same clock as the parent's on Linux) and RX lines with the arrival times of the adverts on its
   * transport's receive thread, until its parent ends it.
   */
  private static void runBackup(int port, int intervalMs) throws Exception {
    PrintStream out = System.out;
    long[] arrivals = new long[1 << 16];
    AtomicLong received = new AtomicLong();
    VrrpTransportFactory udp = transports(port);
    VrrpTransportFactory stamping = spec -> {
      VrrpTransport t = udp.create(spec);
      return new VrrpTransport() {
        @Override
        public void start(Receiver receiver) throws IOException {
          t.start(m -> {
            long i = received.get();
            arrivals[(int) (i & (arrivals.length - 1))] = System.nanoTime();
            received.lazySet(i + 1);
            receiver.onMessage(m);
          });
        }

        @Override
        public void send(byte[] message, InetAddress destination) throws IOException {
          t.send(message, destination);
        }

        @Override
        public boolean tuneCurrentThread(String who) {
          return t.tuneCurrentThread(who);
        }

        @Override
        public boolean receivePending() {
          return t.receivePending();
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
    VrrpInstance backup = VrrpInstance.builder().name("B").vrid(51).priority(100).interfaceName("lo")
        .virtualAddress("198.18.0.200/24").version(3).advertInterval(Duration.ofMillis(intervalMs))
        .sourceAddress(BACKUP_ADDRESS).unicastPeer(MASTER_ADDRESS)
        .listener(c -> {
          synchronized (out) {
            out.println("STATE " + c.to() + " " + System.nanoTime() + " " + c.reason());
            out.flush();
          }
        })
        .transportFactory(stamping).addressManager(CallbackAddressManager.builder().build())
        .scheduling(scheduling()).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> backup.abandon()));
    backup.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
    long printed = 0;
    Object tick = new Object();
    synchronized (tick) {
      while (true) {
        tick.wait(200);
        long n = received.get();
        synchronized (out) {
          for (; printed < n; printed++) {
            out.println("RX " + arrivals[(int) (printed & (arrivals.length - 1))]);
          }
          out.flush();
        }
      }
    }
  }

  private static VrrpInstance instance(String name, int priority, int intervalMs, String self, String peer,
      VrrpTransportFactory transports) {
    return VrrpInstance.builder().name(name).vrid(51).priority(priority).interfaceName("lo")
        .virtualAddress("198.18.0.200/24").version(3).advertInterval(Duration.ofMillis(intervalMs))
        .sourceAddress(self).unicastPeer(peer)
        .transportFactory(transports).addressManager(CallbackAddressManager.builder().build())
        .scheduling(scheduling()).build();
  }

  /** {@code -Dhakit.rtPriority=N}: SCHED_RR N for both instances' threads (keepalived's vrrp_rt_priority). */
  private static ThreadScheduling scheduling() {
    int rt = Integer.getInteger("hakit.rtPriority", 0);
    return rt == 0 ? ThreadScheduling.UNCHANGED : new ThreadScheduling(0, rt, false);
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
        public @Nullable PacedSender openPacedSender(int capacity) throws IOException {
          PacedSender p = t.openPacedSender(capacity);
          return p == null ? null : recordingPaced(p, times, count);
        }

        @Override
        public boolean tuneCurrentThread(String who) {
          return t.tuneCurrentThread(who);
        }

        @Override
        public boolean receivePending() {
          return t.receivePending();
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

  /** Kernel-timed adverts leave at their deadline (an hrtimer); the send is recorded at that deadline once reaped. */
  private static PacedSender recordingPaced(PacedSender p, long[] times, AtomicLong count) {
    return new PacedSender() {
      @Override
      public int capacity() {
        return p.capacity();
      }

      @Override
      public int queued() {
        return p.queued();
      }

      @Override
      public void sendAt(byte[] message, InetAddress destination, long deadlineNanos) throws IOException {
        p.sendAt(message, destination, deadlineNanos);
      }

      @Override
      public void cancelAll() throws IOException {
        p.cancelAll();
      }

      @Override
      public void reap(Outcomes outcomes) {
        p.reap(new Outcomes() {
          @Override
          public void sent(long deadlineNanos) {
            long i = count.getAndIncrement();
            if (i < times.length) {
              times[(int) i] = deadlineNanos;
            }
            outcomes.sent(deadlineNanos);
          }

          @Override
          public void failed(long deadlineNanos, String error) {
            outcomes.failed(deadlineNanos, error);
          }
        });
      }

      @Override
      public void close() {
        p.close();
      }
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
