package io.hakit.vrrp.address;

import java.net.Inet4Address;
import org.jspecify.annotations.Nullable;

/**
 * What keepalived's {@code virtual_ipaddress} lines say about an address besides its interface
 * (iproute2's {@code ip addr add} options): {@code label eth0:vip}, {@code brd 198.18.0.255} (an
 * IPv4 broadcast; {@code brd +} and {@code brd -} are resolved to one when the line is read),
 * {@code scope host|link|site|global|N}, {@code noprefixroute}, and {@code no_track}.
 *
 * @param label the address label (IFA_LABEL), at most 15 bytes; IPv4 only
 * @param broadcast the broadcast address (IFA_BROADCAST); IPv4 only
 * @param scope the address scope (ifa_scope): 0 global (the default), 200 site, 253 link, 254 host
 * @param noPrefixRoute no prefix route for the address (IFA_F_NOPREFIXROUTE)
 * @param tracked false with {@code no_track}: keepalived would not react to the address being
 *     removed by someone else; HAKit does not watch for that in any case
 */
public record AddressOptions(@Nullable String label, @Nullable Inet4Address broadcast, int scope,
    boolean noPrefixRoute, boolean tracked) {
  /** No options: what a bare {@code 198.18.0.200/24} line means. */
  public static final AddressOptions NONE = new AddressOptions(null, null, 0, false, true);
  /** IFNAMSIZ - 1: the kernel's limit for a label. */
  public static final int MAX_LABEL_BYTES = 15;

  public AddressOptions {
    if (label != null && (label.isEmpty() || label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > MAX_LABEL_BYTES)) {
      throw new IllegalArgumentException("label: '" + label + "' (expected: 1-" + MAX_LABEL_BYTES + " bytes)");
    }
    if (scope < 0 || scope > 255) {
      throw new IllegalArgumentException("scope: " + scope + " (expected: 0-255)");
    }
  }

  /** The options IPv6 addresses can have: neither label, broadcast nor scope. */
  boolean fitsIpv6() {
    return label == null && broadcast == null && scope == 0;
  }

  /** iproute2's name of a scope, else its number. */
  public static String scopeName(int scope) {
    return switch (scope) {
      case 0 -> "global";
      case 200 -> "site";
      case 253 -> "link";
      case 254 -> "host";
      case 255 -> "nowhere";
      default -> Integer.toString(scope);
    };
  }

  /** The scope named as iproute2 names them ({@code host}, {@code link}...) or as a number 0-255, else -1. */
  public static int parseScope(String text) {
    return switch (text) {
      case "global", "universe" -> 0;
      case "site" -> 200;
      case "link" -> 253;
      case "host" -> 254;
      case "nowhere" -> 255;
      default -> {
        try {
          int n = Integer.parseInt(text);
          yield n >= 0 && n <= 255 ? n : -1;
        } catch (NumberFormatException e) {
          yield -1;
        }
      }
    };
  }
}
