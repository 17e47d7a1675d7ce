package io.hakit.proxy.transport;

/** Which Netty transport the proxy runs on. */
public enum TransportKind {
  /** Native epoll when it loads on this machine, NIO otherwise. */
  AUTO,
  /** Native epoll (Linux); fails to start when the native library cannot load. */
  EPOLL,
  /** The JDK's NIO selector: portable, a little slower, one shared listener per bind. */
  NIO
}
