package io.hakit.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.HaproxyProcess;
import io.hakit.proxy.ProxyFixture;
import io.hakit.proxy.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code errorfile} pages (the frontend's until a backend is chosen, then the backend's over it,
 * defaults inherited) and {@code monitor-uri}, under the real haproxy and under HAKit: the same
 * bytes reach the client, and the connection closes in the same cases (a page without
 * content-length ends with the connection).
 */
class ErrorPagesDifferentialIT {
  private static Path dir;
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;
  private static int haproxyPort;
  private static int hakitPort;

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    dir = Files.createTempDirectory("hakit-errorfiles");
    // Like Debian's files: HTTP/1.0, mixed-case headers, a connection header, no length.
    Files.writeString(dir.resolve("503.http"), "HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache\r\n"
        + "Connection: close\r\nContent-Type: text/html\r\n\r\n<html><body><h1>busy</h1></body></html>\n");
    Files.writeString(dir.resolve("403fe.http"), "HTTP/1.0 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nfe says no\n");
    Files.writeString(dir.resolve("403be.http"), "HTTP/1.1 403 Forbidden\r\nX-Custom: be\r\nContent-Length: 4\r\n\r\nbe!\n");
    Files.writeString(dir.resolve("200.http"), "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Monitor: yes\r\n\r\nup\n");
    haproxyPort = FreePorts.next();
    hakitPort = FreePorts.next();
    haproxy = new HaproxyProcess(config(haproxyPort), haproxyPort);
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", config(hakitPort)).model(), hakitPort,
        TransportKind.AUTO);
    // A cold JVM may take over a second for its first failed connect and answer: warm both paths up
    // first, so that the half-second "still open?" probe below measures the proxy, not class loading.
    assertThat(exchange(hakitPort, "/", "close", 10_000)).endsWith("<closed>");
    assertThat(exchange(hakitPort, "/bdeny", "close", 10_000)).endsWith("<closed>");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {hakit, haproxy}) {
      if (c != null) {
        c.close();
      }
    }
    if (dir != null) {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  private static String config(int port) {
    return String.join("\n",
        "defaults",
        "    mode http",
        "    timeout connect 2s",
        "    timeout client 10s",
        "    timeout server 10s",
        "    errorfile 503 " + dir.resolve("503.http"),
        "frontend f",
        "    bind 127.0.0.1:" + port,
        "    monitor-uri /mon",
        "    errorfile 200 " + dir.resolve("200.http"),
        "    errorfile 403 " + dir.resolve("403fe.http"),
        "    http-request deny if { path /deny }",
        "    default_backend b",
        "backend b",
        "    retries 0",
        "    errorfile 403 " + dir.resolve("403be.http"),
        "    http-request deny if { path /bdeny }",
        // Nothing listens on port 1 of loopback: the connect is refused at once, and the answer is a 503.
        "    server s1 127.0.0.1:1",
        "");
  }

  /** Everything received for one request, then whether the proxy closed within half a second of the last byte. */
  private static String exchange(int port, String path, String connection) throws Exception {
    return exchange(port, path, connection, 500);
  }

  private static String exchange(int port, String path, String connection, int waitMillis) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: " + connection + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      s.setSoTimeout(waitMillis);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      try {
        for (int i = 0; i < 1_000; i++) {
          int n = in.read(buf);
          if (n < 0) {
            return out.toString(StandardCharsets.ISO_8859_1) + "<closed>";
          }
          out.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        // still open after the answer
      }
      return out.toString(StandardCharsets.ISO_8859_1) + "<open>";
    }
  }

  @Test
  void errorfiles_frontendBackendAndDefaults_sameBytesAsHaproxy() throws Exception {
    for (String path : new String[] {"/", "/deny", "/bdeny"}) {
      for (String connection : new String[] {"close", "keep-alive"}) {
        String expected = exchange(haproxyPort, path, connection);
        assertThat(expected).as("haproxy's answer to %s", path).doesNotContain("<html><body><h1>403 Forbidden");
        assertThat(exchange(hakitPort, path, connection)).as("%s with connection: %s", path, connection)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void monitorUri_answeredBeforeRules_sameBytesAsHaproxy() throws Exception {
    for (String connection : new String[] {"close", "keep-alive"}) {
      String expected = exchange(haproxyPort, "/mon", connection);
      assertThat(expected).startsWith("HTTP/1.1 200 OK");
      assertThat(exchange(hakitPort, "/mon", connection)).isEqualTo(expected);
    }
  }
}
