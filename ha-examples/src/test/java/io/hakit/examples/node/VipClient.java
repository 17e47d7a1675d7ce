package io.hakit.examples.node;

import io.hakit.examples.vrrp.NetnsThread;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The seed's user: an HTTP client in the client namespace asking {@code VIP:5000}. Each request is
 * a new connection (Connection: close) opened on a thread inside the namespace, with a short
 * connect timeout (a SYN to a dead node's MAC is lost, not refused) and a bounded read.
 */
final class VipClient implements AutoCloseable {
  static final int CONNECT_TIMEOUT_MILLIS = 250;
  static final int READ_TIMEOUT_MILLIS = 2000;

  /** What one request got: an HTTP status and body, or the error. */
  record Answer(int status, String body, String error) {
    boolean ok() {
      return status == 200;
    }

    @Override
    public String toString() {
      return error.isEmpty() ? status + " " + body : "error: " + error;
    }
  }

  private final NetnsThread namespace;

  VipClient(NetnsThread namespace) {
    this.namespace = namespace;
  }

  Answer get(String path) {
    try {
      return namespace.call(() -> request(path));
    } catch (Exception e) {
      return new Answer(0, "", e.toString());
    }
  }

  private static Answer request(String path) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(PairConfigs.VIP, PairConfigs.VIP_PORT), CONNECT_TIMEOUT_MILLIS);
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + PairConfigs.VIP + ":" + PairConfigs.VIP_PORT
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return parse(response);
    } catch (IOException e) {
      return new Answer(0, "", e.toString());
    }
  }

  private static Answer parse(String response) {
    int headersEnd = response.indexOf("\r\n\r\n");
    String[] statusLine = response.split(" ", 3);
    if (headersEnd < 0 || statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      return new Answer(0, "", "not an HTTP response: '" + response + "'");
    }
    try {
      return new Answer(Integer.parseInt(statusLine[1]), response.substring(headersEnd + 4).strip(), "");
    } catch (NumberFormatException e) {
      return new Answer(0, "", "bad status line: '" + response + "'");
    }
  }

  @Override
  public void close() {
    namespace.close();
  }
}
