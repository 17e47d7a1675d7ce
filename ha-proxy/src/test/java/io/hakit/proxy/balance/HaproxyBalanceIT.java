package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.config.haproxy.HaproxyConfigReader;
import io.hakit.core.testing.FreePorts;
import io.hakit.core.testing.Interop;
import io.hakit.proxy.Closing;
import io.hakit.proxy.HaproxyProcess;
import io.hakit.proxy.ProxyFixture;
import io.hakit.proxy.RawClient;
import io.hakit.proxy.TestConfigs;
import io.hakit.proxy.TestOrigin;
import io.hakit.proxy.transport.TransportKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same hashing backends under the real haproxy and under HAKit, with the same five origins
 * (which name themselves in {@code X-Origin}): for each key (a source address, a URI, a header)
 * both must pick the same origin. Map-based hashing is deterministic, so this checks the hash
 * functions, the avalanche step, the weight map and the key extraction against HAProxy's own.
 * {@code static-rr} walks that same map, so sequential requests see the same sequence too.
 */
class HaproxyBalanceIT {
  /** Unequal weights with a common divisor in one backend, so that the map's construction matters. */
  private static final int[] WEIGHTS = {2, 4, 6, 2, 2};
  private static final Pattern ORIGIN = Pattern.compile("(?im)^X-Origin: (\\S+)");

  /** Each backend: its {@code balance} and {@code hash-type} lines. */
  private static final Map<String, String> BACKENDS = new LinkedHashMap<>();

  static {
    BACKENDS.put("source", "balance source");
    BACKENDS.put("source_consistent", "balance source\n    hash-type consistent");
    BACKENDS.put("uri_sdbm", "balance uri");
    BACKENDS.put("uri_djb2", "balance uri\n    hash-type map-based djb2");
    BACKENDS.put("uri_wt6", "balance uri\n    hash-type map-based wt6");
    BACKENDS.put("uri_crc32", "balance uri\n    hash-type map-based crc32");
    BACKENDS.put("uri_avalanche", "balance uri\n    hash-type map-based sdbm avalanche");
    BACKENDS.put("uri_whole_depth", "balance uri whole depth 2");
    BACKENDS.put("uri_len", "balance uri len 6");
    BACKENDS.put("uri_consistent", "balance uri whole\n    hash-type consistent djb2 avalanche");
    BACKENDS.put("url_param", "balance url_param id");
    BACKENDS.put("hdr", "balance hdr(X-Key)");
    BACKENDS.put("hdr_domain", "balance hdr(Host) use_domain_only");
    BACKENDS.put("static_rr", "balance static-rr");
    BACKENDS.put("hash_path", "balance hash path");
    BACKENDS.put("hash_hdr_lower", "balance hash req.hdr(X-Key),lower\n    hash-type consistent");
    BACKENDS.put("hash_src", "balance hash src");
    BACKENDS.put("hash_src_tcp", "mode tcp\n    balance hash src");
  }

  private static final List<TestOrigin> origins = new ArrayList<>();
  private static final Map<String, int[]> ports = new LinkedHashMap<>();
  private static HaproxyProcess haproxy;
  private static ProxyFixture hakit;

  @BeforeAll
  static void start() throws Exception {
    Interop.require(Interop.binary("haproxy"));
    for (int i = 1; i <= WEIGHTS.length; i++) {
      origins.add(TestOrigin.start("s" + i));
    }
    for (String name : BACKENDS.keySet()) {
      ports.put(name, new int[] {FreePorts.next(), FreePorts.next()});
    }
    haproxy = new HaproxyProcess(config(0), ports.values().stream().mapToInt(p -> p[0]).toArray());
    hakit = new ProxyFixture(new HaproxyConfigReader().read("haproxy.cfg", config(1)).model(), 0, TransportKind.AUTO);
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.all(origins, hakit, haproxy);
  }

  /** The config, listening on the ports of column {@code which} (0 = haproxy, 1 = HAKit). */
  private static String config(int which) {
    StringBuilder sb = new StringBuilder(TestConfigs.HTTP_DEFAULTS);
    for (Map.Entry<String, String> b : BACKENDS.entrySet()) {
      sb.append("listen ").append(b.getKey()).append('\n')
          .append("    bind 127.0.0.1:").append(ports.get(b.getKey())[which]).append('\n')
          .append("    ").append(b.getValue()).append('\n');
      for (int i = 0; i < origins.size(); i++) {
        sb.append("    server s").append(i + 1).append(" 127.0.0.1:").append(origins.get(i).port())
            .append(" weight ").append(WEIGHTS[i]).append('\n');
      }
    }
    return sb.toString();
  }

  /** The origin that answered one request, sent from {@code source} on its own connection. */
  private static String origin(int port, InetAddress source, String request) throws Exception {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(source, 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      String response = RawClient.readUntilClose(s, 5000);
      Matcher m = ORIGIN.matcher(response);
      return m.find() ? m.group(1) : "none: " + response;
    }
  }

  /** Sends every request to both proxies; asserts they agree and that more than one origin was used. */
  private static void sameChoices(String backend, List<InetAddress> sources, List<String> requests) throws Exception {
    int[] p = ports.get(backend);
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      InetAddress source = sources.get(i % sources.size());
      expected.add(origin(p[0], source, requests.get(i)));
      actual.add(origin(p[1], source, requests.get(i)));
    }
    assertThat(actual).as("HAKit's picks for %s (haproxy's are the expected ones)", backend).isEqualTo(expected);
    assertThat(new java.util.HashSet<>(expected)).as("servers used for %s", backend).hasSizeGreaterThan(2)
        .allMatch(o -> o.matches("s[1-5]"));
  }

  private static InetAddress loopback(int last) throws Exception {
    return InetAddress.getByAddress(new byte[] {127, 0, (byte) (last / 200), (byte) (1 + last % 200)});
  }

  private static List<String> requests(String path, String headers, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("GET " + path.replace("{i}", Integer.toString(i * 7919)) + " HTTP/1.1\r\n"
          + headers.replace("{i}", Integer.toString(i * 7919)) + "Connection: close\r\n\r\n");
    }
    return out;
  }

  private static final String HOST = "Host: example.com\r\n";

  @Test
  void source_mapBasedAndConsistent_samePickAsHaproxyPerClientAddress() throws Exception {
    List<InetAddress> sources = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sources.add(loopback(i * 37));
    }
    List<String> one = requests("/", HOST, 40);
    sameChoices("source", sources, one);
    sameChoices("source_consistent", sources, one);
  }

  @Test
  void uri_everyHashFunctionAndOption_samePickAsHaproxy() throws Exception {
    List<InetAddress> local = List.of(InetAddress.getLoopbackAddress());
    List<String> paths = requests("/dir{i}/sub/file{i}.html?q={i}&id=u{i}", HOST, 30);
    for (String backend : List.of("uri_sdbm", "uri_djb2", "uri_wt6", "uri_crc32", "uri_avalanche", "uri_whole_depth",
        "uri_consistent", "url_param")) {
      sameChoices(backend, local, paths);
    }
    sameChoices("uri_len", local, requests("/{i}/x", HOST, 30));
  }

  @Test
  void hdr_plainAndDomainOnly_samePickAsHaproxy() throws Exception {
    List<InetAddress> local = List.of(InetAddress.getLoopbackAddress());
    sameChoices("hdr", local, requests("/", HOST + "X-Key: user-{i}\r\n", 30));
    sameChoices("hdr_domain", local, requests("/", "Host: www.site{i}.example\r\n", 30));
  }

  @Test
  void staticRr_sequentialRequests_sameSequenceAsHaproxy() throws Exception {
    // Fresh proxies with no request yet on this backend: both start at the map's first slot.
    sameChoices("static_rr", List.of(InetAddress.getLoopbackAddress()), requests("/", HOST, 16));
  }

  @Test
  void hashExpression_stringAndAddressSamples_samePickAsHaproxy() throws Exception {
    List<InetAddress> local = List.of(InetAddress.getLoopbackAddress());
    sameChoices("hash_path", local, requests("/dir{i}/file?q={i}", HOST, 30));
    sameChoices("hash_hdr_lower", local, requests("/", HOST + "X-Key: User-{i}\r\n", 30));
    List<InetAddress> sources = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sources.add(loopback(i * 41));
    }
    // An address casts to its 4 raw bytes before hashing, not to its text; in TCP mode too.
    sameChoices("hash_src", sources, requests("/", HOST, 30));
    sameChoices("hash_src_tcp", sources, requests("/", HOST, 30));
  }
}
