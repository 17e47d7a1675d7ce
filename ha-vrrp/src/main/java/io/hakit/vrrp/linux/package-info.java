/**
 * The Linux natives of ha-vrrp: the raw IP protocol 112 transport ({@link
 * io.hakit.vrrp.linux.LinuxRawTransportFactory}) and the rtnetlink address manager with gratuitous
 * ARP / unsolicited neighbour advertisement ({@link io.hakit.vrrp.linux.NetlinkAddressManager}).
 *
 * <p>Everything native goes through JNA in one place, {@code LibC}, with the C structures laid out
 * by {@code NativeStructs} (Linux LP64: x86_64 and aarch64). Needs CAP_NET_RAW and CAP_NET_ADMIN.
 *
 * <p>Namespaces: every socket is opened by the calling thread, so it lives in that thread's network
 * namespace. Interface indexes, MAC and addresses are asked of the kernel through sockets too (never
 * through {@code /proc/net} or {@code /sys}, which follow the process, not the thread).
 */
@NullMarked
package io.hakit.vrrp.linux;

import org.jspecify.annotations.NullMarked;
