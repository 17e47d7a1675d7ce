package io.hakit.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A small real HTTP/1.1 origin on loopback for tests: answers each request (keep-alive unless
 * asked to close) and records what it received, head and body, so that tests can assert what the
 * proxy forwarded. Thread per connection; closed by {@link #close()}.
 */
public final class TestOrigin implements AutoCloseable {
  /** One request as the origin saw it: head lines (name lower case) and body. */
  public record Received(String requestLine, List<String[]> headers, byte[] body, int connectionId) {
    public String header(String name) {
      for (String[] h : headers) {
        if (h[0].equals(name)) {
          return h[1];
        }
      }
      return null;
    }

    public String path() {
      return requestLine.split(" ")[1];
    }
  }

  private final String name;
  private final ServerSocket socket;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final List<String> proxyLines = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Function<Received, byte[]> responder;
  private volatile boolean closed;
  private int connections;

  public TestOrigin(String name, int port) throws IOException {
    this.name = name;
    this.socket = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
    this.responder = this::defaultResponse;
    Thread t = new Thread(this::acceptLoop, "origin-" + name);
    t.setDaemon(true);
    t.start();
  }

  public static TestOrigin start(String name) throws IOException {
    return new TestOrigin(name, 0);
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String name() {
    return name;
  }

  /** Replaces how requests are answered (raw response bytes; empty = answer nothing). */
  public void respondWith(Function<Received, byte[]> responder) {
    this.responder = responder;
  }

  /** The next request received, waiting up to 5 s; null if none. */
  public Received next() throws InterruptedException {
    return received.poll(5, TimeUnit.SECONDS);
  }

  /** A request received within the given time, or null. */
  public Received poll(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The PROXY protocol lines received, one per connection that started with one, in order. */
  public List<String> proxyLines() {
    return List.copyOf(proxyLines);
  }

  public int receivedCount() {
    return received.size();
  }

  public void clear() {
    received.clear();
  }

  private byte[] defaultResponse(Received r) {
    String body = "origin=" + name + " path=" + r.path() + " body=" + r.body().length;
    boolean close = "close".equalsIgnoreCase(r.header("connection"));
    return ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nX-Origin: " + name + "\r\n"
        + (close ? "Connection: close\r\n" : "") + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        int id;
        synchronized (this) {
          id = ++connections;
        }
        open.add(s);
        Thread t = new Thread(() -> serve(s, id), "origin-" + name + "-" + id);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s, int id) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      boolean first = true;
      while (!closed) {
        String requestLine = line(in);
        if (requestLine == null) {
          return;
        }
        if (first && requestLine.startsWith("PROXY ")) {
          // send-proxy: the PROXY protocol v1 line comes first on the connection.
          proxyLines.add(requestLine);
          requestLine = line(in);
          if (requestLine == null) {
            return;
          }
        }
        first = false;
        List<String[]> headers = new ArrayList<>();
        String l;
        while ((l = line(in)) != null && !l.isEmpty()) {
          int c = l.indexOf(':');
          headers.add(new String[] {l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim()});
        }
        Received r0 = new Received(requestLine, headers, new byte[0], id);
        if ("100-continue".equalsIgnoreCase(r0.header("expect"))) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
        byte[] body = readBody(in, r0);
        Received r = new Received(requestLine, headers, body, id);
        received.add(r);
        byte[] response = responder.apply(r);
        if (response.length > 0) {
          out.write(response);
          out.flush();
        }
        if (new String(response, 0, Math.min(12, response.length), StandardCharsets.ISO_8859_1).equals("HTTP/1.1 101")) {
          // Switched protocols: the rest of the connection is an echo.
          in.transferTo(out);
          return;
        }
        String conn = r.header("connection");
        if ((conn != null && conn.equalsIgnoreCase("close")) || requestLine.endsWith("HTTP/1.0")) {
          return;
        }
      }
    } catch (IOException e) {
      // the peer went away: nothing to record
    } finally {
      open.remove(s);
    }
  }

  private static byte[] readBody(InputStream in, Received r) throws IOException {
    String te = r.header("transfer-encoding");
    String cl = r.header("content-length");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      while (true) {
        String size = line(in);
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
          while (!line(in).isEmpty()) {
            // trailers
          }
          return body.toByteArray();
        }
        body.write(in.readNBytes(n));
        line(in);
      }
    }
    if (cl != null) {
      return in.readNBytes(Integer.parseInt(cl));
    }
    return body.toByteArray();
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** Stops accepting and drops every open connection (as a crashed server would). */
  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
