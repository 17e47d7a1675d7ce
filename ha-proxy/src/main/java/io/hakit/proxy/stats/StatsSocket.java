package io.hakit.proxy.stats;

import io.hakit.core.HaException;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening stats socket (Unix domain or TCP) and its connections, served by plain java.nio
 * threads of their own: an acceptor, and one short-lived thread per connection (at most {@code
 * stats maxconn}; beyond that clients wait in the backlog, as with HAProxy). The socket is an
 * operator's tool used a few times a minute, so it stays off the proxy's event loops entirely:
 * a slow or stuck CLI client can never delay traffic, and it works the same on epoll and NIO.
 *
 * <p>A Unix socket is bound HAProxy's way: under a temporary name, then renamed over the
 * configured path, so a stale file from a previous run is replaced; the file is removed at close
 * unless another process has replaced it since.
 */
public final class StatsSocket implements Closeable {
  private static final Logger logger = LoggerFactory.getLogger(StatsSocket.class);
  private static final AtomicInteger CONNECTION_IDS = new AtomicInteger();

  private final StatsSocketSpec spec;
  private final CliCommands commands;
  private final ServerSocketChannel server;
  private final @Nullable Object fileKey;
  private final Semaphore slots;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  private StatsSocket(StatsSocketSpec spec, ProxyStats stats, ServerSocketChannel server, @Nullable Object fileKey) {
    this.spec = spec;
    this.commands = new CliCommands(stats);
    this.server = server;
    this.fileKey = fileKey;
    this.slots = new Semaphore(spec.maxconn());
    this.acceptor = new Thread(this::acceptLoop, "hakit-stats-socket " + spec.describe());
    acceptor.setDaemon(true);
  }

  /**
   * Binds the socket and starts serving.
   *
   * @throws HaException as HAProxy refuses to start: {@code cannot bind UNIX socket (reason) [path]}
   */
  public static StatsSocket open(StatsSocketSpec spec, ProxyStats stats) {
    ServerSocketChannel ch = null;
    try {
      Object key = null;
      if (spec.unixPath() != null) {
        ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        key = bindUnix(ch, spec);
      } else {
        ch = ServerSocketChannel.open();
        ch.bind(spec.tcp(), 16);
      }
      StatsSocket s = new StatsSocket(spec, stats, ch, key);
      s.acceptor.start();
      logger.debug("Stats socket listening on {} (level {})", spec.describe(), spec.level().keyword());
      return s;
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch);
      String kind = spec.unixPath() != null ? "UNIX" : "TCP";
      throw new HaException("Binding [" + spec.origin() + "] for frontend GLOBAL: cannot bind " + kind + " socket ("
          + reason(e) + ") [" + spec.describe() + "]", e);
    }
  }

  private static Object bindUnix(ServerSocketChannel ch, StatsSocketSpec spec) throws IOException {
    Path path = spec.unixPath();
    Path dir = path.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(String.valueOf(dir));
    }
    Path tmp = dir.resolve(path.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(tmp);
    ch.bind(UnixDomainSocketAddress.of(tmp), 16);
    try {
      if (spec.mode() >= 0) {
        Files.setPosixFilePermissions(tmp, permissions(spec.mode()));
      }
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        out.add(order[bit]);
      }
    }
    return out;
  }

  /** HAProxy prints strerror(): "No such file or directory", "Address already in use". */
  private static String reason(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  public StatsSocketSpec spec() {
    return spec;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      SocketChannel c;
      try {
        c = server.accept();
      } catch (IOException e) {
        slots.release();
        if (!closed) {
          logger.warn("Stats socket {}: accept failed, closing it: {}", spec.describe(), e.toString());
          close();
        }
        return;
      }
      open.add(c);
      Thread t = new Thread(() -> serve(c), "hakit-stats-cli-" + CONNECTION_IDS.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  /** Reads lines, runs them, writes answers, until the session closes, the peer leaves or it idles too long. */
  private void serve(SocketChannel c) {
    CliSession session = new CliSession(commands, spec.level(), peer(c));
    long timeoutMillis = Math.max(1, spec.timeout().toMillis());
    try (c; Selector selector = Selector.open()) {
      c.configureBlocking(false);
      SelectionKey key = c.register(selector, SelectionKey.OP_READ);
      ByteBuffer in = ByteBuffer.allocate(4096);
      StringBuilder line = new StringBuilder();
      while (!session.isClosed() && !closed) {
        if (selector.select(timeoutMillis) == 0) {
          return;
        }
        selector.selectedKeys().clear();
        int n = c.read(in);
        if (n < 0) {
          return;
        }
        in.flip();
        while (in.hasRemaining() && !session.isClosed()) {
          char ch = (char) (in.get() & 0xff);
          if (ch != '\n') {
            if (line.length() >= CliSession.MAX_LINE) {
              return;
            }
            line.append(ch);
            continue;
          }
          String answer = session.onLine(line.toString());
          line.setLength(0);
          write(c, selector, key, answer, timeoutMillis);
        }
        in.clear();
      }
    } catch (ClosedChannelException e) {
      // closed by close(): nothing to report
    } catch (IOException e) {
      logger.debug("Stats socket {}: connection ended: {}", spec.describe(), e.toString());
    } finally {
      open.remove(c);
      slots.release();
    }
  }

  /** HAProxy's words for a CLI client: {@code unix_stream unix:1}, or {@code tcpv4 ip:port}. */
  private static CliSession.Peer peer(SocketChannel c) {
    try {
      if (c.getRemoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null) {
        String proto = a.getAddress() instanceof java.net.Inet6Address ? "tcpv6" : "tcpv4";
        return CliSession.Peer.of(proto, io.netty.util.NetUtil.toAddressString(a.getAddress()) + ":" + a.getPort());
      }
    } catch (IOException e) {
      logger.debug("Stats socket {}: peer address unknown: {}", "cli", e.toString());
    }
    return CliSession.Peer.of("unix_stream", "unix:1");
  }

  private static void write(SocketChannel c, Selector selector, SelectionKey key, String text, long timeoutMillis)
      throws IOException {
    ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (out.hasRemaining()) {
      if (c.write(out) > 0) {
        continue;
      }
      key.interestOps(SelectionKey.OP_WRITE);
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0 || selector.select(left) == 0) {
        throw new IOException("write timeout");
      }
      selector.selectedKeys().clear();
    }
    key.interestOps(SelectionKey.OP_READ);
  }

  /** Stops listening, ends open connections and removes the socket file if it is still ours. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(server);
    for (SocketChannel c : open) {
      closeQuietly(c);
    }
    Path path = spec.unixPath();
    if (path != null && fileKey != null) {
      try {
        if (fileKey.equals(Files.readAttributes(path, BasicFileAttributes.class).fileKey())) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        logger.debug("Stats socket {}: not removed: {}", path, e.toString());
      }
    }
  }

  private static void closeQuietly(java.nio.channels.@Nullable Channel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        logger.debug("close: {}", e.toString());
      }
    }
  }
}
