package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.proxy.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TCP mode with {@code option splice-*} on epoll: bytes relayed exactly both ways through the
 * kernel, half-close, timeouts, and the byte counts of the access log and the stats. Each test
 * also checks that the kernel really spliced (the proxy's splice counters), so that a silent
 * fallback to the buffered relay fails it.
 */
@ExtendWith(LeakGuard.class)
class TcpSpliceTest {
  private static final int MIB = 1024 * 1024;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureAccessLog() {
    originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void closeAll() throws Exception {
    System.setErr(originalErr);
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  /** What an origin does with one accepted connection. */
  @FunctionalInterface
  private interface Conversation {
    void run(Socket s) throws Exception;
  }

  /** A loopback origin running {@code conversation} on every connection, each on its own thread. */
  private int origin(Conversation conversation) throws IOException {
    ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    closeables.add(ss);
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try {
          Socket s = ss.accept();
          Thread c = new Thread(() -> {
            try (s) {
              conversation.run(s);
            } catch (Exception e) {
              // the peer went away; the test's assertions say whether that was expected
            }
          }, "origin-conn");
          c.setDaemon(true);
          c.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "origin-accept");
    t.setDaemon(true);
    t.start();
    return ss.getLocalPort();
  }

  private ProxyFixture proxy(int origin, String frontendLines, String globalLines) throws Exception {
    int port = FreePorts.next();
    String cfg = String.join("\n", "global", globalLines, "defaults", "  mode tcp", "  option tcplog",
        "  timeout connect 2s", "  timeout client 5s", "  timeout server 5s", "frontend f",
        "  bind 127.0.0.1:" + port, "  log-format \"bytes_in=%U bytes_out=%B term=%ts\"", frontendLines,
        "  default_backend b", "backend b", "  server s 127.0.0.1:" + origin, "");
    ProxyFixture p = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", cfg).model(), port,
        TransportKind.EPOLL);
    closeables.add(p);
    return p;
  }

  private static byte[] random(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] sha(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static Socket connect(ProxyFixture p) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), p.port);
    s.setSoTimeout(10_000);
    return s;
  }

  /** The bytes_in/bytes_out of the access log's lines, once {@code lines} were written. */
  private List<long[]> logLines(int lines) throws InterruptedException {
    Pattern p = Pattern.compile("bytes_in=(\\d+) bytes_out=(\\d+) term=(\\S+)");
    List<long[]> out = new ArrayList<>();
    Await.until(lines + " access log line(s)", Duration.ofSeconds(10), () -> {
      out.clear();
      Matcher m = p.matcher(captured.toString(StandardCharsets.UTF_8));
      while (m.find()) {
        out.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
      }
      return out.size() >= lines;
    });
    return out;
  }

  @Test
  void spliceBothWays_echoOfSeveralMiB_copiedExactly() throws Exception {
    int origin = origin(s -> s.getInputStream().transferTo(s.getOutputStream()));
    ProxyFixture p = proxy(origin, "  option splice-request\n  option splice-response", "");
    byte[] payload = random(1, 6 * MIB + 12345);
    try (Socket s = connect(p)) {
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          OutputStream out = s.getOutputStream();
          for (int off = 0; off < payload.length; off += 100_000) {
            out.write(payload, off, Math.min(100_000, payload.length - off));
          }
          s.shutdownOutput();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      byte[] echoed = s.getInputStream().readAllBytes();
      writer.get(10, TimeUnit.SECONDS);
      assertThat(echoed.length).isEqualTo(payload.length);
      assertThat(sha(echoed)).isEqualTo(sha(payload));
    }
    assertThat(p.proxy.splicedDirections()).isEqualTo(2);
    long[] line = logLines(1).get(0);
    assertThat(line).containsExactly(payload.length, payload.length);
    Await.until("spliced bytes counted", Duration.ofSeconds(5), () -> p.proxy.splicedBytes() > 0);
    // Everything but what was read before the splice started went through the kernel.
    assertThat(p.proxy.splicedBytes()).isGreaterThan(2L * payload.length - 2L * 64 * 1024);
  }

  @Test
  void spliceAuto_halfClosedClientGetsLargeReply_onlyTheBulkDirectionSpliced() throws Exception {
    byte[] reply = random(2, 4 * MIB + 7);
    AtomicReference<byte[]> received = new AtomicReference<>();
    int origin = origin(s -> {
      received.set(s.getInputStream().readAllBytes());
      s.getOutputStream().write(reply);
    });
    ProxyFixture p = proxy(origin, "  option splice-auto", "");
    byte[] request = "small request, then the client's FIN".getBytes(StandardCharsets.US_ASCII);
    try (Socket s = connect(p)) {
      s.getOutputStream().write(request);
      s.shutdownOutput();
      byte[] got = s.getInputStream().readAllBytes();
      assertThat(got.length).isEqualTo(reply.length);
      assertThat(sha(got)).isEqualTo(sha(reply));
    }
    assertThat(received.get()).isEqualTo(request);
    assertThat(logLines(1).get(0)).containsExactly(request.length, reply.length);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("term=--");
    // A 36-byte request never fills a buffer; a 4 MiB reply does, three reads in a row.
    assertThat(p.proxy.splicedDirections()).isEqualTo(1);
    assertThat(frontendStat(p, "bin")).isEqualTo(request.length);
    assertThat(frontendStat(p, "bout")).isEqualTo(reply.length);
  }

  @Test
  void spliceResponse_serverWritesAndCloses_clientReadsLateStillGetsEveryByte() throws Exception {
    // The origin's FIN arrives while the proxy still holds megabytes (socket and pipe full because
    // the client does not read yet): the bytes left after the FIN must still be relayed.
    byte[] reply = random(3, 8 * MIB + 3);
    CompletableFuture<Void> originDone = new CompletableFuture<>();
    int origin = origin(s -> {
      try {
        s.getOutputStream().write(reply);
      } finally {
        originDone.complete(null);
      }
    });
    ProxyFixture p = proxy(origin, "  option splice-response", "");
    try (Socket s = connect(p)) {
      InputStream in = s.getInputStream();
      byte[] got = new byte[reply.length];
      int first = in.readNBytes(got, 0, MIB);
      try {
        originDone.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // Buffers too small to hold the rest: the relay is then tested without the late-FIN case.
      }
      int rest = in.readNBytes(got, first, reply.length - first);
      assertThat(first + rest).isEqualTo(reply.length);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(sha(got)).isEqualTo(sha(reply));
    }
    assertThat(p.proxy.splicedDirections()).isEqualTo(1);
    assertThat(logLines(1).get(0)).containsExactly(0, reply.length);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("term=--");
  }

  @Test
  void splicedTimeout_silentConnectionClosed_busyConnectionKept() throws Exception {
    int origin = origin(s -> s.getInputStream().transferTo(s.getOutputStream()));
    ProxyFixture p = proxy(origin, "  option splice-request\n  option splice-response\n  timeout client 400ms",
        "");
    try (Socket busy = connect(p); Socket silent = connect(p)) {
      busy.setSoTimeout(2000);
      silent.setSoTimeout(3000);
      long start = System.nanoTime();
      // Busy: a small message every ~100 ms for 1.2 s (three timeouts' worth), each echoed back.
      byte[] message = "ping-0123456789".getBytes(StandardCharsets.US_ASCII);
      byte[] back = new byte[message.length];
      for (int i = 0; i < 12; i++) {
        long due = start + TimeUnit.MILLISECONDS.toNanos(100L * (i + 1));
        busy.getOutputStream().write(message);
        assertThat(busy.getInputStream().readNBytes(back, 0, back.length)).as("echo " + i).isEqualTo(back.length);
        assertThat(back).isEqualTo(message);
        Await.until("next tick", Duration.ofSeconds(2), () -> System.nanoTime() >= due);
      }
      // The silent one was closed by the proxy meanwhile (EOF, not our read timeout).
      assertThat(silent.getInputStream().read()).isEqualTo(-1);
      busy.getOutputStream().write(message);
      assertThat(busy.getInputStream().readNBytes(back, 0, back.length)).isEqualTo(back.length);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the proxy did not close the silent spliced connection", e);
    }
    assertThat(p.proxy.splicedDirections()).isEqualTo(4);
    List<long[]> lines = logLines(2);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("term=cD");
    assertThat(lines).anySatisfy(l -> assertThat(l).containsExactly(0, 0));
    assertThat(lines).anySatisfy(l -> assertThat(l).containsExactly(13L * 15, 13L * 15));
  }

  /** A column of the frontend's row in show stat. */
  private static long frontendStat(ProxyFixture p, String column) {
    String stat = p.proxy.runtimeCommand("show stat");
    List<String> header = List.of(stat.lines().findFirst().orElseThrow().substring(2).split(","));
    String[] row = stat.lines().filter(l -> l.startsWith("f,FRONTEND,")).findFirst().orElseThrow().split(",");
    return Long.parseLong(row[header.indexOf(column)]);
  }

  @Test
  void dontlognull_splicedEmptyConnectionNotLogged_otherLogged() throws Exception {
    int origin = origin(s -> s.getInputStream().transferTo(s.getOutputStream()));
    ProxyFixture p = proxy(origin, "  option splice-request\n  option splice-response\n  option dontlognull", "");
    try (Socket empty = connect(p)) {
      empty.shutdownOutput();
      assertThat(empty.getInputStream().read()).isEqualTo(-1);
    }
    byte[] data = "ten bytes!".getBytes(StandardCharsets.US_ASCII);
    try (Socket s = connect(p)) {
      s.getOutputStream().write(data);
      s.shutdownOutput();
      assertThat(s.getInputStream().readAllBytes()).isEqualTo(data);
    }
    Await.until("both sessions ended", Duration.ofSeconds(5),
        () -> frontendStat(p, "stot") == 2 && frontendStat(p, "scur") == 0);
    assertThat(logLines(1)).singleElement().satisfies(l -> assertThat(l).containsExactly(10, 10));
    // Both responses spliced from the connect; a request only when its FIN came after the connect.
    assertThat(p.proxy.splicedDirections()).isBetween(2L, 4L);
  }

  @Test
  void nosplice_optionIgnored_bufferedRelayStillExact() throws Exception {
    int origin = origin(s -> s.getInputStream().transferTo(s.getOutputStream()));
    ProxyFixture p = proxy(origin, "  option splice-request\n  option splice-response", "  nosplice");
    byte[] payload = random(4, 2 * MIB);
    try (Socket s = connect(p)) {
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          s.getOutputStream().write(payload);
          s.shutdownOutput();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      byte[] echoed = s.getInputStream().readAllBytes();
      writer.get(10, TimeUnit.SECONDS);
      assertThat(sha(echoed)).isEqualTo(sha(payload));
    }
    assertThat(p.proxy.splicedDirections()).isZero();
    assertThat(logLines(1).get(0)).containsExactly(payload.length, payload.length);
  }

  @Test
  void maxpipes_exhausted_laterConnectionsRelayBuffered() throws Exception {
    int origin = origin(s -> s.getInputStream().transferTo(s.getOutputStream()));
    ProxyFixture p = proxy(origin, "  option splice-request\n  option splice-response", "  maxpipes 1");
    byte[] payload = random(5, 256 * 1024);
    try (Socket first = connect(p); Socket second = connect(p)) {
      for (Socket s : List.of(first, second)) {
        s.getOutputStream().write(payload);
        byte[] back = s.getInputStream().readNBytes(payload.length);
        assertThat(sha(back)).isEqualTo(sha(payload));
      }
    }
    // One pipe: the first connection's server-to-client direction got it (started at connect), nothing else did.
    assertThat(p.proxy.splicedDirections()).isEqualTo(1);
  }
}
