package io.hakit.vrrp.transport;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * An in-process "link" that VRRP instances of one JVM share, for tests and the no-root demo: what
 * one transport sends to the group reaches every other transport of the link; what it sends to an
 * address reaches the transport with that address. Each node gets its transports from
 * {@link #factory(InetAddress)} with its own address. Messages arrive with TTL 255, asynchronously,
 * on each transport's own receive thread, as from a network.
 *
 * <p>Failure injection: {@link #disconnect} closes a node's transports abruptly (a crash or a cut
 * cable: nothing more goes out or comes in); {@link #inject} delivers arbitrary bytes with any TTL
 * (malformed packets). Thread-safe.
 */
public final class InJvmLink {
  private final String name;
  private final CopyOnWriteArrayList<InJvmTransport> transports = new CopyOnWriteArrayList<>();

  public InJvmLink(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  public String name() {
    return name;
  }

  /**
   * The transport factory of one node. The transport's address is the spec's source address if it
   * has one, else {@code nodeAddress}.
   */
  public VrrpTransportFactory factory(InetAddress nodeAddress) {
    Objects.requireNonNull(nodeAddress, "nodeAddress");
    return spec -> {
      InetAddress address = spec.sourceAddress() != null ? spec.sourceAddress() : nodeAddress;
      if ((address instanceof Inet6Address) != spec.ipv6()) {
        throw new IOException("in-JVM link " + name + ": node address " + address.getHostAddress()
            + " is not of the instance's family (" + (spec.ipv6() ? "IPv6" : "IPv4") + ")");
      }
      return new InJvmTransport(this, address);
    };
  }

  /** Closes every transport of this node at once, without a goodbye. */
  public void disconnect(InetAddress nodeAddress) {
    for (InJvmTransport t : transports) {
      if (t.sourceAddress().equals(nodeAddress)) {
        t.close();
      }
    }
  }

  /**
   * Delivers raw bytes as if {@code source} had sent them to {@code destination} (a group reaches
   * every transport but the source's) with this TTL. Returns how many transports received them.
   */
  public int inject(InetAddress source, InetAddress destination, int ttl, byte[] payload) {
    return deliver(null, source, destination, ttl, payload);
  }

  void attach(InJvmTransport t) {
    transports.add(t);
  }

  void detach(InJvmTransport t) {
    transports.remove(t);
  }

  int deliver(InJvmTransport sender, InetAddress destination, byte[] payload) {
    return deliver(sender, sender.sourceAddress(), destination, 255, payload);
  }

  private int deliver(@Nullable InJvmTransport sender, InetAddress source, InetAddress destination, int ttl, byte[] payload) {
    boolean group = destination.isMulticastAddress();
    int delivered = 0;
    List<InJvmTransport> snapshot = transports;
    for (InJvmTransport t : snapshot) {
      if (t == sender || t.sourceAddress().equals(source)
          || (t.sourceAddress() instanceof Inet6Address) != (source instanceof Inet6Address)) {
        continue;
      }
      if (group || t.sourceAddress().equals(destination)) {
        delivered += t.enqueue(new ReceivedMessage(source, destination, ttl, payload.clone())) ? 1 : 0;
      }
    }
    return delivered;
  }
}
