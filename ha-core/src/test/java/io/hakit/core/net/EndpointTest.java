package io.hakit.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.hakit.core.net.Endpoint.Family;
import io.hakit.core.net.Endpoint.PortKind;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Endpoint parsing as HAProxy 2.6's {@code bind} and {@code server} lines write addresses. The
 * doubtful forms were checked with {@code haproxy -c} on a two-line config (2.6.12): noted beside
 * each case as "haproxy: ...".
 */
class EndpointTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # text                    | family | host                | kind   | low   | high
      *:5000                    | ANY    | ""                  | FIXED  | 5000  | 5000
      :80                       | ANY    | ""                  | FIXED  | 80    | 80
      0.0.0.0:80                | IPV4   | 0.0.0.0             | FIXED  | 80    | 80
      [::]:443                  | IPV6   | ::                  | FIXED  | 443   | 443
      [::1]:8443                | IPV6   | ::1                 | FIXED  | 8443  | 8443
      127.0.0.1:8000-8010       | IPV4   | 127.0.0.1           | FIXED  | 8000  | 8010
      127.0.0.1:1-65535         | IPV4   | 127.0.0.1           | FIXED  | 1     | 65535
      127.0.0.1:65535           | IPV4   | 127.0.0.1           | FIXED  | 65535 | 65535
      127.0.0.1:080             | IPV4   | 127.0.0.1           | FIXED  | 80    | 80
      # leading zeros that octal reads the same way are harmless; the host comes out canonical
      127.000.000.001:80        | IPV4   | 127.0.0.1           | FIXED  | 80    | 80
      007.0.0.1                 | IPV4   | 7.0.0.1             | NONE   | 0     | 0
      ipv4@:80                  | IPV4   | ""                  | FIXED  | 80    | 80
      ipv4@*:80                 | IPV4   | ""                  | FIXED  | 80    | 80
      ipv6@:80                  | IPV6   | ""                  | FIXED  | 80    | 80
      ipv4@127.0.0.1:80         | IPV4   | 127.0.0.1           | FIXED  | 80    | 80
      ipv4@localhost:80         | IPV4   | localhost           | FIXED  | 80    | 80
      ipv6@::1:80               | IPV6   | ::1                 | FIXED  | 80    | 80
      ipv6@[::1]:80             | IPV6   | ::1                 | FIXED  | 80    | 80
      tcp@:80                   | ANY    | ""                  | FIXED  | 80    | 80
      tcp4@127.0.0.1:80         | IPV4   | 127.0.0.1           | FIXED  | 80    | 80
      tcp6@[::1]:80             | IPV6   | ::1                 | FIXED  | 80    | 80
      unix@/run/hakit.sock      | UNIX   | /run/hakit.sock     | NONE   | 0     | 0
      unix@/tmp/a@b.sock        | UNIX   | /tmp/a@b.sock       | NONE   | 0     | 0
      /run/hakit.sock           | UNIX   | /run/hakit.sock     | NONE   | 0     | 0
      /tmp/a@b.sock             | UNIX   | /tmp/a@b.sock       | NONE   | 0     | 0
      /tmp/a:b.sock             | UNIX   | /tmp/a:b.sock       | NONE   | 0     | 0
      localhost:8080            | ANY    | localhost           | FIXED  | 8080  | 8080
      app-1.example.com:80      | ANY    | app-1.example.com   | FIXED  | 80    | 80
      localhost                 | ANY    | localhost           | NONE   | 0     | 0
      127.0.0.1                 | IPV4   | 127.0.0.1           | NONE   | 0     | 0
      [::1]                     | IPV6   | ::1                 | NONE   | 0     | 0
      127.0.0.1:+1000           | IPV4   | 127.0.0.1           | OFFSET | 1000  | 1000
      127.0.0.1:-10             | IPV4   | 127.0.0.1           | OFFSET | -10   | -10
      127.0.0.1:+0              | IPV4   | 127.0.0.1           | OFFSET | 0     | 0
      localhost:+65535          | ANY    | localhost           | OFFSET | 65535 | 65535
      # unbracketed IPv6: the port is what follows the last colon (haproxy: all accepted)
      ::1:80                    | IPV6   | ::1                 | FIXED  | 80    | 80
      :::8080                   | IPV6   | ::                  | FIXED  | 8080  | 8080
      2001:db8::1:443           | IPV6   | 2001:db8::1         | FIXED  | 443   | 443
      # IPv6 hosts come out in RFC 5952 form
      [2001:DB8:0:0:0:0:0:1]:80 | IPV6   | 2001:db8::1         | FIXED  | 80    | 80
      [::ffff:127.0.0.1]:80     | IPV6   | ::ffff:7f00:1       | FIXED  | 80    | 80
      """)
  void parse_validForm_givesItsParts(String text, Family family, String host, PortKind kind, int low, int high) {
    Endpoint e = Endpoint.parse(text);

    assertThat(e).isEqualTo(new Endpoint(family, host, kind, low, high));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "*:5000", ":80", "0.0.0.0:80", "[::]:443", "[::1]:8443", "127.0.0.1:8000-8010", "ipv4@:80", "ipv6@:80",
      "ipv4@localhost:80", "ipv6@::1:80", "ipv6@host.example:443", "unix@/run/x.sock", "/run/x.sock",
      "/tmp/a@b.sock", "localhost", "localhost:80", "127.0.0.1", "[::1]", "10.0.0.1:+1000", "10.0.0.1:-1",
      "10.0.0.1:+0", "::1:80", ":::8080", "[2001:DB8::A]:1", "[::ffff:1.2.3.4]:9"})
  void parse_ofToString_equalsOriginal(String text) {
    Endpoint e = Endpoint.parse(text);

    assertThat(Endpoint.parse(e.toString())).isEqualTo(e);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      *:5000               | *:5000
      :80                  | *:80
      ipv6@::1:80          | [::1]:80
      ipv6@:80             | ipv6@*:80
      ipv4@localhost:80    | ipv4@localhost:80
      /run/x.sock          | unix@/run/x.sock
      127.0.0.1:8000-8010  | 127.0.0.1:8000-8010
      10.0.0.1:+1000       | 10.0.0.1:+1000
      10.0.0.1:-5          | 10.0.0.1:-5
      [::1]                | [::1]
      """)
  void toString_parsedForm_isHaproxyNotation(String text, String expected) {
    assertThat(Endpoint.parse(text)).hasToString(expected);
  }

  /** Any endpoint with a canonical host survives toString and parse: generated, seeded, bounded. */
  @Test
  void parse_ofToString_generatedEndpoints_equalsOriginal() {
    Random random = new Random(2);
    String[] names = {"localhost", "app-1.example.com", "db_primary", "x"};
    for (int n = 0; n < 2_000; n++) {
      Family family = Family.values()[random.nextInt(Family.values().length)];
      Endpoint e;
      if (family == Family.UNIX) {
        e = new Endpoint(Family.UNIX, "/run/hakit-" + n + (random.nextBoolean() ? "@x.sock" : ".sock"), PortKind.NONE,
            0, 0);
      } else {
        String host = switch (random.nextInt(3)) {
          case 0 -> names[random.nextInt(names.length)];
          case 1 -> family == Family.ANY ? names[0] : randomLiteral(random, family);
          default -> "";
        };
        PortKind kind = host.isEmpty() ? PortKind.FIXED : PortKind.values()[random.nextInt(PortKind.values().length)];
        int low = kind == PortKind.NONE ? 0 : kind == PortKind.OFFSET ? random.nextInt(131071) - 65535
            : 1 + random.nextInt(65535);
        int high = kind == PortKind.FIXED && random.nextBoolean() ? low + random.nextInt(65536 - low) : low;
        e = new Endpoint(family, host, kind, low, high);
      }

      assertThat(Endpoint.parse(e.toString())).as(e.toString()).isEqualTo(e);
    }
  }

  private static String randomLiteral(Random random, Family family) {
    byte[] bytes = new byte[family == Family.IPV4 ? 4 : 16];
    random.nextBytes(bytes);
    if (bytes.length == 16 && random.nextBoolean()) {
      java.util.Arrays.fill(bytes, 2, 2 + 2 * random.nextInt(7), (byte) 0);
    }
    return AddressFormat.format(bytes);
  }

  /** Each message names the address as written and says what was expected. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # text                  | what the message must say (besides the address)
      # haproxy: invalid port '0'
      127.0.0.1:0             | port 0 (expected: 1-65535)
      # haproxy: invalid port '70000'
      127.0.0.1:70000         | port 70000 (expected: 1-65535)
      :0                      | port 0 (expected: 1-65535)
      127.0.0.1:8000-70000    | port 70000 (expected: 1-65535)
      127.0.0.1:0-10          | port 0 (expected: 1-65535)
      # haproxy: invalid port range '8010-8000'
      127.0.0.1:8010-8000     | port range 8010-8000 (expected: low <= high)
      # haproxy: invalid character 'a' in port number 'abc'
      127.0.0.1:abc           | port 'abc' (expected: 1-65535)
      127.0.0.1:80-           | port '' (expected: 1-65535)
      127.0.0.1:-             | port offset '' (expected: -65535..+65535)
      127.0.0.1:+x            | port offset 'x' (expected: -65535..+65535)
      127.0.0.1:1234567       | port '1234567' (expected: 1-65535)
      127.0.0.1:+70000        | port offset +70000 (expected: -65535..+65535)
      "127.0.0.1: 80"         | port ' 80' (expected: 1-65535)
      # haproxy: missing port specification in '*'
      *                       | missing port (expected: host:port)
      :                       | missing port after ':' (expected: 1-65535)
      ""                      | missing port (expected: host:port)
      # haproxy: invalid address: 'foo@1.2.3.4'
      foo@1.2.3.4:80          | unsupported prefix 'foo@' (expected: ipv4@, ipv6@, tcp@, tcp4@, tcp6@ or unix@)
      abns@name               | unsupported prefix 'abns@'
      # haproxy: could not resolve address 'IPV4@127.0.0.1' (prefixes are case-sensitive)
      IPV4@127.0.0.1:80       | unsupported prefix 'IPV4@'
      unix@                   | missing socket path
      # haproxy: invalid address: '[::1]' in 'ipv4@[::1]:80'
      ipv4@[::1]:80           | '::1' is not an IPv4 address
      # haproxy: invalid address: '127.0.0.1' in 'ipv6@127.0.0.1:80'
      ipv6@127.0.0.1:80       | '127.0.0.1' is not an IPv6 address
      # haproxy: invalid address: ':' in '::80'
      ::80                    | ':' is not an IP address or host name
      # haproxy: could not resolve address ':' (the last colon is the port separator)
      ::1                     | ':' is not an IP address or host name
      ipv6@::1                | ':' is not an IP address or host name
      1::2::3:80              | '1::2::3' is not an IP address or host name
      [::1                    | missing ']' after the IPv6 address
      [::1]80                 | expected ':port' after ']'
      [127.0.0.1]:80          | '127.0.0.1' is not an IPv6 address
      [1.2.3.4::]:80          | '1.2.3.4::' is not an IPv6 address
      [::g]:80                | '::g' is not an IPv6 address
      bad!host:80             | 'bad!host' is not an IP address or host name
      # libc (so HAProxy) reads 010 as octal 8: the same text would be another address
      010.0.0.1:80            | '010.0.0.1' has an octet with a leading zero (expected: decimal octets; HAProxy would read it as octal)
      10.0.0.08:80            | '10.0.0.08' has an octet with a leading zero
      ipv4@0255.0.0.1:80      | '0255.0.0.1' has an octet with a leading zero
      "two words:80"          | 'two words' is not an IP address or host name
      # haproxy: could not resolve address 'fe80::1%lo'; a dropped zone would silently change the address
      [fe80::1%lo]:80         | zone 'lo' (expected: an address without '%zone')
      fe80::1%lo:80           | zone 'lo' (expected: an address without '%zone')
      """)
  void parse_badInput_namesAddressAndExpectation(String text, String expected) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Endpoint.parse(text))
        .withMessageStartingWith("address '" + text + "': ")
        .withMessageContaining(expected);
  }

  @Test
  void parse_hostNameTooLong_isRejected() {
    String longName = "a".repeat(254);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> Endpoint.parse(longName + ":80"))
        .withMessageContaining("is not an IP address or host name");
  }

  @Test
  void constructor_fixedPortOutOfRange_namesPortAndRange() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Endpoint(Family.ANY, "", PortKind.FIXED, 0, 0))
        .withMessage("port: 0 (expected: 1-65535)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Endpoint(Family.ANY, "", PortKind.FIXED, 80, 65536))
        .withMessage("port: 65536 (expected: 1-65535)");
  }

  @Test
  void constructor_reversedRange_namesRange() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Endpoint(Family.IPV4, "127.0.0.1", PortKind.FIXED, 10, 9))
        .withMessage("port range: 10-9 (expected: low <= high)");
  }

  @Test
  void constructor_noneWithPort_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Endpoint(Family.IPV4, "127.0.0.1", PortKind.NONE, 80, 80))
        .withMessage("port: 80 (expected: 0 without a port)");
  }

  @Test
  void constructor_offsetOutOfRangeOrUneven_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Endpoint(Family.IPV4, "127.0.0.1", PortKind.OFFSET, 65536, 65536))
        .withMessageContaining("port offset: 65536 (expected: -65535..+65535)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Endpoint(Family.IPV4, "127.0.0.1", PortKind.OFFSET, 1, 2))
        .withMessageContaining("port offset: 1");
  }

  @Test
  void constructor_unixWithPort_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Endpoint(Family.UNIX, "/run/x.sock", PortKind.FIXED, 80, 80))
        .withMessage("unix socket '/run/x.sock': a socket path takes no port");
  }

  @Test
  void of_literalOrName_setsFamily() {
    assertThat(Endpoint.of("127.0.0.1", 80).family()).isEqualTo(Family.IPV4);
    assertThat(Endpoint.of("::1", 80).family()).isEqualTo(Family.IPV6);
    assertThat(Endpoint.of("localhost", 80).family()).isEqualTo(Family.ANY);
    assertThat(Endpoint.of("::1", 80)).hasToString("[::1]:80");
  }

  @Test
  void wildcard_port_isStarForm() {
    Endpoint e = Endpoint.wildcard(5000);

    assertThat(e).isEqualTo(Endpoint.parse("*:5000"));
    assertThat(e.isWildcard()).isTrue();
    assertThat(e.port()).isEqualTo(5000);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      *:80          | true
      :80           | true
      0.0.0.0:80    | true
      [::]:80       | true
      ipv6@:80      | true
      127.0.0.1:80  | false
      [::1]:80      | false
      localhost:80  | false
      """)
  void isWildcard_address_tellsAllAddresses(String text, boolean wildcard) {
    assertThat(Endpoint.parse(text).isWildcard()).isEqualTo(wildcard);
  }

  @Test
  void port_rangeOffsetOrNone_fails() {
    assertThatIllegalStateException().isThrownBy(() -> Endpoint.parse("127.0.0.1:8000-8010").port())
        .withMessage("address 127.0.0.1:8000-8010 has no single port");
    assertThatIllegalStateException().isThrownBy(() -> Endpoint.parse("127.0.0.1:+1").port());
    assertThatIllegalStateException().isThrownBy(() -> Endpoint.parse("127.0.0.1").port());
  }

  @Test
  void isRange_onlyForSpans() {
    assertThat(Endpoint.parse("127.0.0.1:8000-8010").isRange()).isTrue();
    assertThat(Endpoint.parse("127.0.0.1:8000-8000").isRange()).isFalse();
    assertThat(Endpoint.parse("127.0.0.1:+5").isRange()).isFalse();
  }

  @Test
  void withSinglePort_ofRange_keepsHostAndFamily() {
    Endpoint range = Endpoint.parse("ipv6@::1:8000-8010");

    Endpoint one = range.withSinglePort(8005);

    assertThat(one).isEqualTo(new Endpoint(Family.IPV6, "::1", PortKind.FIXED, 8005, 8005));
    assertThat(one.port()).isEqualTo(8005);
  }

  @Test
  void parse_null_namesParameter() {
    org.assertj.core.api.Assertions.assertThatNullPointerException()
        .isThrownBy(() -> Endpoint.parse(null))
        .withMessage("text");
  }
}
