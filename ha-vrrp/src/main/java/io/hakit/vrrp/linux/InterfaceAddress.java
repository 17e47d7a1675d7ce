package io.hakit.vrrp.linux;

import java.net.InetAddress;

/**
 * One address the kernel reports on an interface (an RTM_NEWADDR of a dump).
 *
 * @param flags the {@code IFA_F_*} bits of {@code ifaddrmsg} (secondary, nodad, tentative, ...)
 * @param scope {@code RT_SCOPE_*}: 0 universe, 253 link, 254 host
 */
record InterfaceAddress(int ifindex, int family, InetAddress address, int prefixLength, int flags, int scope) {
  boolean isSecondary() {
    return (flags & RtnlMessages.IFA_F_SECONDARY) != 0;
  }
}
