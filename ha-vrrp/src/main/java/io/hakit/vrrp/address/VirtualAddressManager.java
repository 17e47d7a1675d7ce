package io.hakit.vrrp.address;

import java.io.IOException;

/**
 * Puts virtual addresses on this node and takes them off: rtnetlink plus gratuitous ARP /
 * unsolicited neighbour advertisement on Linux, a callback for clouds and the no-root demo.
 * Called by the VRRP instance on its own thread when it enters or leaves MASTER.
 */
public interface VirtualAddressManager {

  /** Adds the address (idempotent: present already is fine). */
  void add(VirtualAddress address) throws IOException;

  /** Removes the address (idempotent: absent already is fine). */
  void remove(VirtualAddress address) throws IOException;

  /** True when the address is currently configured on its interface. */
  boolean isPresent(VirtualAddress address) throws IOException;

  /**
   * Tells the link that this node now owns the address: one gratuitous ARP (IPv4) or unsolicited
   * neighbour advertisement (IPv6). The instance repeats it as configured ({@code vrrp_garp_*}).
   */
  void announce(VirtualAddress address) throws IOException;
}
