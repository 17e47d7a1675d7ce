/**
 * The Linux natives of ha-vrrp: the raw IP protocol 112 transport ({@link
 * io.hakit.vrrp.linux.LinuxRawTransportFactory}) and the rtnetlink address manager with gratuitous
 * ARP / unsolicited neighbour advertisement ({@link io.hakit.vrrp.linux.NetlinkAddressManager}).
 *
 * <p>Everything native goes through JNA in one place, {@code LibC}, with the C structures laid out
 * by {@code NativeStructs} (Linux LP64: x86_64 and aarch64). Needs CAP_NET_RAW and CAP_NET_ADMIN.
 *
 * <p>Timing: the raw transport queues a master's next timed adverts in the kernel ({@code
 * IoUringPacedSender}: an io_uring absolute timeout linked to a sendmsg, Linux 5.16+), so a GC
 * safepoint does not delay them, and applies keepalived's vrrp_priority / vrrp_rt_priority /
 * vrrp_no_swap to its threads ({@code ThreadTuning}: setpriority, sched_setscheduler, mlockall).
 *
 * <p>Namespaces: every socket is opened by the calling thread, so it lives in that thread's network
 * namespace. Interface indexes, MAC and addresses are asked of the kernel through sockets too (never
 * through {@code /proc/net} or {@code /sys}, which follow the process, not the thread).
 */
@NullMarked
package io.hakit.vrrp.linux;

import org.jspecify.annotations.NullMarked;
