package io.hakit.proxy.stats;

import io.hakit.proxy.backend.ServerState;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code set server <b>/<s> addr <ip> [port <port>]}, with HAProxy 2.6's answers: an IP literal
 * (never resolved), a port read as a 16-bit number; the answer says what changed and what did
 * not. New connections go to the new address; open ones stay where they are.
 */
final class ServerAddressChange {
  private static final String BY = " by 'stats socket command'\n";
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private ServerAddressChange() {}

  /** @param args the words after {@code addr} */
  static String apply(ServerState s, List<String> args) {
    if (args.isEmpty()) {
      return "set server <b>/<s> addr requires an address and optionally a port.\n";
    }
    String text = args.get(0);
    InetAddress ip = parseIp(text);
    if (ip == null) {
      return "Invalid addr '" + text + "'" + BY;
    }
    InetSocketAddress old = s.socketAddress();
    String oldIp = old.getAddress() != null ? display(old.getAddress()) : old.getHostString();
    String newIp = display(ip);
    StringBuilder out = new StringBuilder();
    boolean ipChanged = old.getAddress() == null || !old.getAddress().equals(ip);
    out.append(ipChanged ? "IP changed from '" + oldIp + "' to '" + newIp + "'"
        : "no need to change the addr");
    int port = old.getPort();
    if (args.size() >= 2 && args.get(1).equals("port")) {
      String p = args.size() >= 3 ? args.get(2) : "";
      if (!DIGITS.matcher(p).matches()) {
        out.append(", problem converting port '").append(p).append("' to an int");
      } else {
        // HAProxy keeps the low 16 bits of what was written.
        int wanted = (int) (Long.parseLong(p.length() > 12 ? p.substring(p.length() - 12) : p) & 0xffff);
        if (wanted == 0) {
          // HAProxy takes port 0 and then fails every connection; HAKit refuses it and changes nothing.
          return "port 0 is not supported; nothing changed" + BY;
        }
        out.append(wanted == port ? ", no need to change the port"
            : ", port changed from '" + port + "' to '" + wanted + "'");
        port = wanted;
      }
    }
    s.setAddress(new InetSocketAddress(ip, port));
    return out.append(BY).toString();
  }

  /** IPv6 in its short form (::1), as HAProxy prints it. */
  private static String display(InetAddress ip) {
    return NetUtil.toAddressString(ip);
  }

  /** An IPv4 or IPv6 literal, never a name to resolve; null if it is not one. */
  private static @Nullable InetAddress parseIp(String text) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
