package io.hakit.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An origin that fails on request, for retry and reuse tests: the path says how it answers
 * ({@code /len}, {@code /chunked}, {@code /close} (no length, then close), {@code /s503} and
 * other statuses, {@code /empty} (close without a byte), {@code /junk}, {@code /partial} (half a
 * head, then close), {@code /slow} (answers after {@link #slowMillis})). Every response carries
 * {@code x-c: <connection number>}, and each request is recorded with the number of the TCP
 * connection it arrived on. Thread per connection on loopback; closed by {@link #close()}.
 */
final class ScriptedOrigin implements AutoCloseable {
  /**
   * One request as received: the origin's connection number, request line, Connection header (or
   * ""), body length, and a chunked body's bytes as they came (framing included; else "").
   */
  record Hit(int connection, String requestLine, String connectionHeader, int bodyLength, String chunkedWire) {
    String path() {
      return requestLine.split(" ")[1];
    }
  }

  private final ServerSocket socket;
  private final boolean alwaysOk;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  volatile int slowMillis = 1000;
  private volatile boolean closed;

  /** {@code alwaysOk}: answers 200 to every path (a healthy server to redispatch to). */
  ScriptedOrigin(boolean alwaysOk) throws IOException {
    this.alwaysOk = alwaysOk;
    this.socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "scripted-origin-" + socket.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  List<Hit> hits() {
    return List.copyOf(hits);
  }

  void clear() {
    hits.clear();
  }

  /** TCP connections accepted so far. */
  int connectionsAccepted() {
    return connections.get();
  }

  /** TCP connections open now (the peer has not closed them yet). */
  int connectionsOpen() {
    return open.size();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        open.add(s);
        int id = connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s, id), "scripted-origin-conn-" + id);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s, int id) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (!closed) {
        String line = line(in);
        if (line == null) {
          return;
        }
        String connection = "";
        long length = 0;
        boolean chunked = false;
        String h;
        while ((h = line(in)) != null && !h.isEmpty()) {
          String lower = h.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Long.parseLong(lower.substring(15).trim());
          } else if (lower.startsWith("transfer-encoding:")) {
            chunked = lower.contains("chunked");
          } else if (lower.startsWith("connection:")) {
            connection = h.substring(11).trim();
          }
        }
        StringBuilder wire = new StringBuilder();
        int body = chunked ? skipChunked(in, wire) : in.readNBytes((int) length).length;
        hits.add(new Hit(id, line, connection, body, wire.toString()));
        String path = line.split(" ")[1];
        if (!answer(out, id, alwaysOk ? "/len" : path)) {
          return;
        }
        String token = connection.toLowerCase(Locale.ROOT);
        if (token.equals("close") || (line.endsWith("HTTP/1.0") && !token.equals("keep-alive"))) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the peer went away or sent what this origin does not parse: nothing to record
    } finally {
      open.remove(s);
    }
  }

  /** Writes the response the path asks for; false when the connection must close now. */
  private boolean answer(OutputStream out, int id, String path) throws IOException {
    if (path.startsWith("/chunked")) {
      write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-C: " + id
          + "\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    } else if (path.startsWith("/close")) {
      write(out, "HTTP/1.1 200 OK\r\nX-C: " + id + "\r\n\r\nuntil close");
      return false;
    } else if (path.startsWith("/empty")) {
      return false;
    } else if (path.startsWith("/junk")) {
      write(out, "JUNK junk\r\n\r\n");
      return false;
    } else if (path.startsWith("/partial")) {
      write(out, "HTTP/1.1 200 OK\r\nContent-");
      return false;
    } else if (path.startsWith("/s") && path.length() >= 5 && Character.isDigit(path.charAt(2))) {
      int status = Integer.parseInt(path.substring(2, 5));
      write(out, "HTTP/1.1 " + status + " Status " + status + "\r\nContent-Length: 9\r\nX-C: " + id
          + "\r\n\r\nstatus" + status);
    } else {
      if (path.startsWith("/slow")) {
        try {
          Thread.sleep(slowMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      // Fixed width, so that the length does not depend on how many connections came before.
      String body = String.format("conn=%06d path=%s", id, path);
      write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nX-C: " + id + "\r\n\r\n" + body);
    }
    return true;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static int skipChunked(InputStream in, StringBuilder wire) throws IOException {
    int total = 0;
    for (int i = 0; i < 100_000; i++) {
      String size = line(in);
      wire.append(size).append("\r\n");
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        String trailer;
        while (!(trailer = line(in)).isEmpty()) {
          wire.append(trailer).append("\r\n");
        }
        wire.append("\r\n");
        return total;
      }
      byte[] data = in.readNBytes(n);
      total += data.length;
      wire.append(new String(data, StandardCharsets.ISO_8859_1)).append(line(in)).append("\r\n");
    }
    throw new IOException("too many chunks");
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
