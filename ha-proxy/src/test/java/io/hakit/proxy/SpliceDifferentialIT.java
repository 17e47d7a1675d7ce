package io.hakit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.transport.TransportKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TCP mode with {@code option splice-auto} under haproxy 2.6 ({@code -db}, log to stdout) and
 * under HAKit (log to a UDP socket of this test), the same exchanges through both to one origin:
 * the client receives the same bytes, and the access log lines carry the same byte counts (%U,
 * %B) and termination state.
 */
@ExtendWith(LeakGuard.class)
class SpliceDifferentialIT {
  private static final int MIB = 1024 * 1024;
  private static final Pattern LINE = Pattern.compile("SPLICE in=(\\d+) out=(\\d+) ts=(\\S+) srv=(\\S+)");
  private static ServerSocket origin;
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static int haproxyPort;
  private static DatagramChannel hakitSyslog;
  private static final StringBuilder hakitLog = new StringBuilder();

  static String config(int port, int originPort, String logTarget) {
    return String.join("\n",
        "global",
        "    maxconn 100",
        "defaults",
        "    mode tcp",
        "    log " + logTarget + " format raw local0",
        // haproxy's readiness probe (HaproxyProcess) sends nothing: no line for it.
        "    option dontlognull",
        "    timeout connect 5s",
        "    timeout client 5s",
        "    timeout server 5s",
        "frontend fe_splice",
        "    bind 127.0.0.1:" + port,
        "    option splice-auto",
        "    log-format \"SPLICE in=%U out=%B ts=%ts srv=%b/%s\"",
        "    default_backend be",
        "backend be",
        "    server s1 127.0.0.1:" + originPort,
        "");
  }

  /**
   * The origin: reads the request up to the client's FIN, then answers with its length, its
   * SHA-256 and a reply of the size the request's first four bytes ask for (seeded by it), and
   * closes.
   */
  private static void serve(Socket s) throws Exception {
    try (s) {
      byte[] request = s.getInputStream().readAllBytes();
      int size = ((request[0] & 0xff) << 24) | ((request[1] & 0xff) << 16) | ((request[2] & 0xff) << 8)
          | (request[3] & 0xff);
      OutputStream out = s.getOutputStream();
      out.write((request.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(MessageDigest.getInstance("SHA-256").digest(request));
      out.write(random(size, size));
      out.flush();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(() -> {
      while (!origin.isClosed()) {
        try {
          Socket s = origin.accept();
          Thread t = new Thread(() -> {
            try {
              serve(s);
            } catch (Exception e) {
              // the client went away
            }
          }, "splice-origin");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "splice-origin-accept");
    accept.setDaemon(true);
    accept.start();
    haproxyPort = FreePorts.next();
    int hakitPort = FreePorts.next();
    haproxy = new HaproxyProcess(config(haproxyPort, origin.getLocalPort(), "stdout"), haproxyPort);
    hakitSyslog = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    hakitSyslog.configureBlocking(false);
    String target = "127.0.0.1:" + ((InetSocketAddress) hakitSyslog.getLocalAddress()).getPort();
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg",
        config(hakitPort, origin.getLocalPort(), target)).model(), hakitPort, TransportKind.EPOLL);
  }

  @AfterAll
  static void stop() throws Exception {
    if (hakit != null) {
      hakit.close();
    }
    if (haproxy != null) {
      haproxy.close();
    }
    if (origin != null) {
      origin.close();
    }
    if (hakitSyslog != null) {
      hakitSyslog.close();
    }
  }

  /** HAKit's lines so far: what its syslog socket holds is read first (at most 100 datagrams a call). */
  private static String hakitLines() {
    ByteBuffer buf = ByteBuffer.allocate(4096);
    for (int i = 0; i < 100; i++) {
      buf.clear();
      try {
        if (hakitSyslog.receive(buf) == null) {
          break;
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      buf.flip();
      hakitLog.append(StandardCharsets.UTF_8.decode(buf)).append('\n');
    }
    return hakitLog.toString();
  }

  private static byte[] random(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A request asking for {@code replySize} bytes, {@code requestSize} bytes long in all. */
  private static byte[] request(int requestSize, int replySize, long seed) {
    byte[] r = random(seed, requestSize);
    r[0] = (byte) (replySize >>> 24);
    r[1] = (byte) (replySize >>> 16);
    r[2] = (byte) (replySize >>> 8);
    r[3] = (byte) replySize;
    return r;
  }

  /** Sends the request (concurrently with reading), half-closes, returns everything received. */
  private static byte[] exchange(int port, byte[] request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          OutputStream out = s.getOutputStream();
          for (int off = 0; off < request.length; off += 64 * 1024) {
            out.write(request, off, Math.min(64 * 1024, request.length - off));
          }
          s.shutdownOutput();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      InputStream in = s.getInputStream();
      byte[] all = in.readAllBytes();
      writer.get(10, TimeUnit.SECONDS);
      return all;
    }
  }

  private static List<String[]> lines(Supplier<String> log, int count, String who) throws InterruptedException {
    List<String[]> out = new ArrayList<>();
    Await.until(count + " SPLICE line(s) from " + who, Duration.ofSeconds(10), () -> {
      out.clear();
      Matcher m = LINE.matcher(log.get());
      while (m.find()) {
        out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
      }
      return out.size() >= count;
    });
    return out;
  }

  @Test
  void spliceAuto_sameBytesAndSameLogCounts() throws Exception {
    byte[][] requests = {request(200, 3 * MIB + 11, 1), request(2 * MIB + 5, 1 * MIB, 2),
        request(4 * MIB, 4 * MIB + 1, 3), request(10, 100, 4)};
    for (byte[] r : requests) {
      byte[] viaHaproxy = exchange(haproxyPort, r);
      byte[] viaHakit = exchange(hakit.port, r);
      assertThat(viaHakit.length).as("reply length").isEqualTo(viaHaproxy.length);
      assertThat(MessageDigest.getInstance("SHA-256").digest(viaHakit))
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(viaHaproxy));
      assertThat(new String(viaHakit, 0, 12, StandardCharsets.US_ASCII)).startsWith(r.length + " ");
    }
    List<String[]> theirs = lines(haproxy::log, requests.length, "haproxy");
    List<String[]> ours = lines(SpliceDifferentialIT::hakitLines, requests.length, "HAKit");
    for (int i = 0; i < requests.length; i++) {
      assertThat(ours.get(i)).as("line " + i).containsExactly(theirs.get(i));
    }
    // The bulk directions of the first three exchanges were spliced by HAKit.
    assertThat(hakit.proxy.splicedDirections()).isGreaterThanOrEqualTo(3);
  }
}
