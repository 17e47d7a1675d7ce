package io.hakit.proxy.logformat;

import io.hakit.core.model.Capture;
import io.hakit.proxy.acl.RequestSample;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A transaction with values set by the test, as a session would expose them. */
final class TestContext implements LogContext {
  /** A parsed head: request line and headers (lower-case names). */
  static final class Head implements RequestSample {
    String method = "";
    String uri = "";
    String path = "";
    int version = 11;
    final List<String[]> headers = new ArrayList<>();

    Head request(String m, String u) {
      method = m;
      uri = u;
      int q = u.indexOf('?');
      int scheme = u.indexOf("://");
      String p = q < 0 ? u : u.substring(0, q);
      path = scheme > 0 ? p.substring(p.indexOf('/', scheme + 3)) : p;
      return this;
    }

    Head header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public String uri() {
      return uri;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public int version() {
      return version;
    }

    @Override
    public int headerCount() {
      return headers.size();
    }

    @Override
    public String headerName(int i) {
      return headers.get(i)[0];
    }

    @Override
    public String headerValue(int i) {
      return headers.get(i)[1];
    }

    @Override
    public byte[] sourceAddress() {
      return new byte[] {127, 0, 0, 1};
    }
  }

  final Map<Peer, InetSocketAddress> addresses = new EnumMap<>(Peer.class);
  final Map<Timer, Long> timers = new EnumMap<>(Timer.class);
  final Map<Counter, Integer> counters = new EnumMap<>(Counter.class);
  String frontend = "fe1";
  String backend = "be1";
  String server = "s1";
  long acceptDate = 1_764_073_151_487L;
  long requestDate = 1_764_073_151_487L;
  int status = 200;
  long bytesIn = 91;
  long bytesOut = 207;
  String termination = "--";
  @Nullable Head request = new Head().request("GET", "/p/q/r?x=1&y=2");
  @Nullable Head response;
  @Nullable Captured captured;

  TestContext() {
    addresses.put(Peer.CLIENT, new InetSocketAddress("127.0.0.1", 34610));
    addresses.put(Peer.FRONTEND, new InetSocketAddress("127.0.0.1", 23741));
    addresses.put(Peer.SERVER, new InetSocketAddress("127.0.0.1", 23737));
    addresses.put(Peer.BACKEND_SOURCE, new InetSocketAddress("127.0.0.1", 40476));
    for (Timer t : Timer.values()) {
      timers.put(t, (long) t.ordinal());
    }
    for (Counter c : Counter.values()) {
      counters.put(c, 0);
    }
  }

  TestContext captures(List<Capture> spec) {
    captured = new CaptureSpec(spec).newHolder();
    return this;
  }

  @Override
  public @Nullable InetSocketAddress address(Peer peer) {
    return addresses.get(peer);
  }

  @Override
  public String frontendName() {
    return frontend;
  }

  @Override
  public String backendName() {
    return backend;
  }

  @Override
  public String serverName() {
    return server;
  }

  @Override
  public long acceptDate() {
    return acceptDate;
  }

  @Override
  public long requestDate() {
    return requestDate;
  }

  @Override
  public long timer(Timer timer) {
    return timers.get(timer);
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public long bytesIn() {
    return bytesIn;
  }

  @Override
  public long bytesOut() {
    return bytesOut;
  }

  @Override
  public String termination() {
    return termination;
  }

  @Override
  public int counter(Counter counter) {
    return counters.get(counter);
  }

  @Override
  public @Nullable RequestSample request() {
    return request;
  }

  @Override
  public @Nullable RequestSample response() {
    return response;
  }

  @Nullable String uniqueId;
  long requestNumber = 7;

  @Override
  public @Nullable String uniqueId() {
    return uniqueId;
  }

  @Override
  public long requestNumber() {
    return requestNumber;
  }

  @Override
  public @Nullable Captured captured() {
    return captured;
  }
}
