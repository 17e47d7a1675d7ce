package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** One blocking HTTP/1.1 GET on loopback, to see whether a proxy or an origin answers. */
final class HttpProbe {

  private static final int TIMEOUT_MILLIS = 3_000;
  private static final long POLL_MILLIS = 200;

  private HttpProbe() {}

  /**
   * Returns the status code of {@code GET path} on 127.0.0.1:port, or -1 when nothing answered
   * (refused, reset, timed out or not HTTP).
   */
  static int status(int port, String path) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      int read = 0;
      while (read < head.length) {
        int n = in.read(head, read, head.length - read);
        if (n < 0) {
          return -1;
        }
        read += n;
      }
      String statusLine = new String(head, StandardCharsets.US_ASCII);
      if (!statusLine.startsWith("HTTP/1.")) {
        return -1;
      }
      return Integer.parseInt(statusLine.substring(9, 12));
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Polls until {@code GET path} answers 200, at most {@code timeoutMillis}.
   *
   * @param stillRunning checked between attempts: the wait stops at once when the server died
   * @throws RigFailure when the deadline passes or the server died
   */
  static void awaitOk(
      String what, int port, String path, long timeoutMillis, Supplier<Boolean> stillRunning) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    int last = -1;
    while (System.nanoTime() < deadline) {
      if (!stillRunning.get()) {
        throw new RigFailure(what + " exited before answering on port " + port);
      }
      last = status(port, path);
      if (last == 200) {
        return;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RigFailure("interrupted while waiting for " + what, e);
      }
    }
    throw new RigFailure(
        what + " did not answer 200 to GET " + path + " on 127.0.0.1:" + port + " within "
            + timeoutMillis + " ms (last answer: " + (last < 0 ? "none" : "status " + last) + ")");
  }
}
