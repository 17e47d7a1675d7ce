package io.hakit.vrrp.config;

import io.hakit.vrrp.address.AddressOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@code virtual_ipaddress} line, read as keepalived 2.2.7 reads it:
 * {@code ADDRESS[/PREFIX] [dev IF] [brd IP|+|-] [scope SCOPE] [label LABEL] [noprefixroute] [no_track]}.
 * {@code brd +} is the prefix's last address, {@code brd -} its first (iproute2's meaning); both
 * are ignored with a warning for /31 and /32, which have no broadcast. IPv6 addresses take no
 * label or scope (warned and ignored) and no broadcast (an error: keepalived drops such a line).
 * A missing option value ends the options, with a warning, as in keepalived.
 */
final class VirtualAddressLine {
  private VirtualAddressLine() {}

  static InstanceReader.@Nullable VipLine read(ConfNode c, Values v) {
    Diagnostics d = v.diagnostics();
    String text = c.keyword();
    int slash = text.indexOf('/');
    InetAddress a = v.address(c, slash < 0 ? text : text.substring(0, slash));
    if (a == null) {
      return null;
    }
    boolean ipv4 = a instanceof Inet4Address;
    int max = ipv4 ? 32 : 128;
    Integer prefix = slash < 0 ? Integer.valueOf(max) : v.integer(c, text.substring(slash + 1), 0, max);
    if (prefix == null) {
      return null;
    }
    String dev = null;
    String label = null;
    String broadcast = null;
    int scope = 0;
    boolean noPrefixRoute = false;
    boolean tracked = true;
    List<String> args = c.args();
    for (int k = 0; k < args.size(); k++) {
      String opt = args.get(k);
      switch (opt) {
        case "noprefixroute" -> {
          noPrefixRoute = true;
          continue;
        }
        case "no_track" -> {
          tracked = false;
          continue;
        }
        case "-nodad" -> {
          continue; // HAKit, like keepalived, adds every IPv6 virtual address without DAD
        }
        case "home", "autojoin" -> {
          d.warn(c.origin(), "virtual_ipaddress flag '" + opt + "' is not applied by HAKit");
          continue;
        }
        case "dev", "label", "brd", "broadcast", "scope", "peer", "preferred_lft", "track_group" -> { }
        default -> {
          d.warn(c.origin(), "unknown virtual_ipaddress option '" + opt + "' for " + text + "; ignored");
          continue;
        }
      }
      if (k + 1 >= args.size()) {
        d.warn(c.origin(), "no " + opt + " parameter specified for " + text + "; the options end here");
        break;
      }
      String value = args.get(++k);
      switch (opt) {
        case "dev" -> {
          if (dev != null) {
            d.error(c.origin(), "virtual_ipaddress " + text + ": 'dev' given twice");
            return null;
          }
          dev = value;
        }
        case "label" -> label = value;
        case "brd", "broadcast" -> broadcast = value;
        case "scope" -> {
          int s = AddressOptions.parseScope(value);
          if (s < 0) {
            d.warn(c.origin(), "invalid scope '" + value + "' for " + text
                + " (expected: host, link, site, global, nowhere or 0-255); ignored");
          } else {
            scope = s;
          }
        }
        default -> d.warn(c.origin(), "virtual_ipaddress option '" + opt + " " + value
            + "' is not applied by HAKit; the address is added without it");
      }
    }
    if (!ipv4 && (label != null || scope != 0)) {
      d.warn(c.origin(), "cannot specify " + (label != null ? "label" : "scope") + " for IPv6 address " + text
          + "; ignored (as keepalived does)");
      label = null;
      scope = 0;
    }
    if (label != null && label.getBytes(StandardCharsets.UTF_8).length > AddressOptions.MAX_LABEL_BYTES) {
      d.error(c.origin(), "virtual_ipaddress " + text + ": label " + label + " is longer than "
          + AddressOptions.MAX_LABEL_BYTES + " bytes (keepalived drops the address)");
      return null;
    }
    Inet4Address brd = null;
    if (broadcast != null) {
      if (!ipv4) {
        d.error(c.origin(), "virtual_ipaddress " + text + ": an IPv6 address has no broadcast ('brd "
            + broadcast + "'; keepalived drops the address)");
        return null;
      }
      brd = broadcast(c, d, (Inet4Address) a, prefix, broadcast);
      if (brd == null && !broadcast.equals("+") && !broadcast.equals("-")) {
        return null;
      }
    }
    return new InstanceReader.VipLine(a, prefix, dev, new AddressOptions(label, brd, scope, noPrefixRoute, tracked),
        c.origin());
  }

  /** {@code brd IP}, {@code brd +} (all host bits set) or {@code brd -} (none set); null when ignored or invalid. */
  private static @Nullable Inet4Address broadcast(ConfNode c, Diagnostics d, Inet4Address a, int prefix, String word) {
    if (word.equals("+") || word.equals("-")) {
      if (prefix >= 31) {
        d.warn(c.origin(), "address prefix length " + prefix + " too long for broadcast; 'brd " + word + "' ignored"
            + " for " + a.getHostAddress() + "/" + prefix);
        return null;
      }
      int bits = ((a.getAddress()[0] & 0xff) << 24) | ((a.getAddress()[1] & 0xff) << 16)
          | ((a.getAddress()[2] & 0xff) << 8) | (a.getAddress()[3] & 0xff);
      int hostMask = prefix == 0 ? -1 : (1 << (32 - prefix)) - 1;
      int result = word.equals("+") ? bits | hostMask : bits & ~hostMask;
      return ipv4(result);
    }
    InetAddress parsed = io.hakit.vrrp.internal.InetLiterals.parse(word);
    if (parsed instanceof Inet4Address b) {
      return b;
    }
    d.error(c.origin(), "virtual_ipaddress " + c.keyword() + ": invalid broadcast '" + word
        + "' (expected: an IPv4 address, + or -; keepalived drops the address)");
    return null;
  }

  private static Inet4Address ipv4(int bits) {
    byte[] raw = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    try {
      return (Inet4Address) InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }
}
