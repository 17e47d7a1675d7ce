package io.hakit.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw socket exchanges for malformed traffic: send bytes, read until close or a time limit. */
public final class RawClient {
  private RawClient() {}

  /** Sends {@code request} and returns everything received until the proxy closes or {@code millis} pass. */
  public static String exchange(int port, String request, long millis) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readUntilClose(s, millis);
    }
  }

  public static String readUntilClose(Socket s, long millis) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long deadline = System.currentTimeMillis() + millis;
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    while (true) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      s.setSoTimeout((int) left);
      try {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
      } catch (SocketTimeoutException e) {
        break;
      } catch (IOException e) {
        break;
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
