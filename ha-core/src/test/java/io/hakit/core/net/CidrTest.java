package io.hakit.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # text                   | canonical         | prefix | ipv4
      127.0.0.0/8              | 127.0.0.0/8       | 8      | true
      10.1.2.3/8               | 10.0.0.0/8        | 8      | true
      192.0.2.77/27            | 192.0.2.64/27     | 27     | true
      198.18.0.0/15            | 198.18.0.0/15     | 15     | true
      198.19.255.255/15        | 198.18.0.0/15     | 15     | true
      127.0.0.1                | 127.0.0.1/32      | 32     | true
      0.0.0.0/0                | 0.0.0.0/0         | 0      | true
      255.255.255.255/0        | 0.0.0.0/0         | 0      | true
      10.0.0.0/255.0.0.0       | 10.0.0.0/8        | 8      | true
      10.9.8.7/255.255.255.240 | 10.9.8.0/28       | 28     | true
      10.9.8.7/0.0.0.0         | 0.0.0.0/0         | 0      | true
      10.9.8.7/255.255.255.255 | 10.9.8.7/32       | 32     | true
      10.0.0.0/08              | 10.0.0.0/8        | 8      | true
      127.000.000.000/8        | 127.0.0.0/8       | 8      | true
      ::1/128                  | ::1/128           | 128    | false
      ::1                      | ::1/128           | 128    | false
      ::/0                     | ::/0              | 0      | false
      2001:DB8:ABCD::1/48      | 2001:db8:abcd::/48 | 48    | false
      2001:db8::ffff/121       | 2001:db8::ff80/121 | 121   | false
      fe80::1/10               | fe80::/10         | 10     | false
      ::ffff:10.1.2.3/104      | ::ffff:a00:0/104  | 104    | false
      """)
  void parse_validNetwork_isCanonicalWithHostBitsCleared(String text, String canonical, int prefix, boolean ipv4) {
    Cidr cidr = Cidr.parse(text);

    assertThat(cidr).hasToString(canonical);
    assertThat(cidr.prefixLength()).isEqualTo(prefix);
    assertThat(cidr.isIpv4()).isEqualTo(ipv4);
    assertThat(Cidr.parse(cidr.toString())).isEqualTo(cidr).hasSameHashCodeAs(cidr);
  }

  @Test
  void network_hostBitsCleared_andDefensivelyCopied() {
    Cidr cidr = Cidr.parse("192.0.2.77/27");
    byte[] network = cidr.network();

    network[3] = 99;

    assertThat(cidr.network()).containsExactly(192 - 256, 0, 2, 64);
  }

  @ParameterizedTest(name = "[{index}] {0} contains {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      127.0.0.0/8        | 127.0.0.1              | true
      127.0.0.0/8        | 127.255.255.255        | true
      127.0.0.0/8        | 128.0.0.1              | false
      127.0.0.0/8        | 126.255.255.255        | false
      192.0.2.64/27      | 192.0.2.64             | true
      192.0.2.64/27      | 192.0.2.95             | true
      192.0.2.64/27      | 192.0.2.96             | false
      192.0.2.64/27      | 192.0.2.63             | false
      198.18.0.0/15      | 198.19.1.1             | true
      198.18.0.0/15      | 198.20.0.1             | false
      10.0.0.1           | 10.0.0.1               | true
      10.0.0.1           | 10.0.0.2               | false
      0.0.0.0/0          | 203.0.113.9            | true
      0.0.0.0/0          | ::1                    | false
      # a dual-stack listener reports IPv4 clients as IPv4-mapped IPv6
      127.0.0.0/8        | ::ffff:127.0.0.1       | true
      127.0.0.0/8        | ::ffff:128.0.0.1       | false
      0.0.0.0/0          | ::ffff:1.2.3.4         | true
      127.0.0.0/8        | ::127.0.0.1            | false
      127.0.0.0/8        | 1::ffff:127.0.0.1      | false
      ::1/128            | ::1                    | true
      ::1/128            | ::2                    | false
      ::1/128            | 0.0.0.1                | false
      ::/0               | 2001:db8::1            | true
      ::/0               | 127.0.0.1              | false
      2001:db8::/32      | 2001:db8:ffff::1       | true
      2001:db8::/32      | 2001:db9::1            | false
      fe80::/10          | febf::1                | true
      fe80::/10          | fec0::1                | false
      2001:db8::ff80/121 | 2001:db8::ffff         | true
      2001:db8::ff80/121 | 2001:db8::ff7f         | false
      ::ffff:0:0/96      | ::ffff:127.0.0.1       | true
      """)
  void contains_address_matchesPrefix(String network, String address, boolean expected) {
    byte[] bytes = literal(address);

    assertThat(Cidr.parse(network).contains(bytes)).isEqualTo(expected);
  }

  @Test
  void contains_inetAddress_sameAsBytes() throws UnknownHostException {
    Cidr loopback = Cidr.parse("127.0.0.0/8");

    assertThat(loopback.contains(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))).isTrue();
    assertThat(loopback.contains(InetAddress.getByAddress(literal("::1")))).isFalse();
  }

  /** contains() agrees with a bit-by-bit comparison, for every prefix length. */
  @Test
  void contains_generatedAddresses_agreesWithBitwiseComparison() {
    Random random = new Random(42);
    for (int n = 0; n < 2_000; n++) {
      byte[] base = new byte[random.nextBoolean() ? 4 : 16];
      random.nextBytes(base);
      int prefix = random.nextInt(base.length * 8 + 1);
      Cidr cidr = Cidr.of(base, prefix);
      byte[] probe = base.clone();
      int flip = random.nextInt(base.length * 8);
      probe[flip / 8] ^= (byte) (0x80 >>> (flip % 8));

      assertThat(cidr.contains(base)).isTrue();
      assertThat(cidr.contains(probe)).as("%s contains bit %d flipped", cidr, flip).isEqualTo(flip >= prefix);
    }
  }

  @Test
  void of_clearsHostBits_andDoesNotAliasInput() {
    byte[] address = {10, 1, 2, 3};

    Cidr cidr = Cidr.of(address, 16);
    address[1] = 99;

    assertThat(cidr).hasToString("10.1.0.0/16").isEqualTo(Cidr.parse("10.1.0.0/16"));
  }

  @Test
  void of_badArguments_namesParameterAndRange() {
    assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(new byte[5], 8))
        .withMessage("address: 5 bytes (expected: 4 or 16)");
    assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(new byte[4], 33))
        .withMessage("prefixLength: 33 (expected: 0-32)");
    assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(new byte[16], -1))
        .withMessage("prefixLength: -1 (expected: 0-128)");
  }

  @Test
  void equals_differentPrefixSameBytes_notEqual() {
    assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/16"));
    assertThat(Cidr.parse("0.0.0.0/0")).isNotEqualTo(Cidr.parse("::/0"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # text                | what the message says after "network '<text>': "
      10.0.0.0/33           | prefix 33 (expected: 0-32)
      ::/129                | prefix 129 (expected: 0-128)
      10.0.0.0/-1           | prefix '-1' (expected: 0-32)
      10.0.0.0/             | prefix '' (expected: 0-32)
      10.0.0.0/8/8          | prefix '8/8' (expected: 0-32)
      10.0.0.0/abc          | prefix 'abc' (expected: 0-32)
      10.0.0.0/1000         | prefix '1000' (expected: 0-32)
      ::1/255.255.255.0     | prefix '255.255.255.0' (expected: 0-128)
      10.0.0.0/255.0.255.0  | mask is not contiguous
      10.0.0.0/0.255.255.255 | mask is not contiguous
      10.0.0/8              | '10.0.0' is not an IPv4 or IPv6 address
      256.0.0.0/8           | '256.0.0.0' is not an IPv4 or IPv6 address
      localhost/8           | 'localhost' is not an IPv4 or IPv6 address
      /8                    | '' is not an IPv4 or IPv6 address
      ""                    | '' is not an IPv4 or IPv6 address
      1::2::3/64            | '1::2::3' is not an IPv4 or IPv6 address
      # haproxy: 'fe80::1%lo' is not a valid IPv4 or IPv6 address
      fe80::1%lo            | zone 'lo' (expected: an address without '%zone')
      fe80::%eth0/10        | zone 'eth0' (expected: an address without '%zone')
      010.0.0.0/8           | '010.0.0.0' has an octet with a leading zero (expected: decimal octets; HAProxy would read it as octal)
      """)
  void parse_badInput_namesNetworkAndExpectation(String text, String expected) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Cidr.parse(text))
        .withMessage("network '" + text + "': " + expected);
  }

  private static byte[] literal(String text) {
    byte[] v4 = IpLiterals.parseIpv4(text);
    if (v4 != null) {
      return v4;
    }
    byte[] v6 = IpLiterals.parseIpv6(text);
    assertThat(v6).as("test literal %s", text).isNotNull();
    return v6;
  }
}
