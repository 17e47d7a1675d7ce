package io.hakit.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IP literal parsing checked against {@link InetAddress}, the JDK's own literal parser, over
 * generated addresses (seeded, bounded count). The JDK is asked only about text that it reads as a
 * literal without a DNS lookup: a dotted quad, or text with a colon that starts with a hex digit or
 * a colon and has no zone.
 */
class IpLiteralsTest {
  private static final int SAMPLES = 1_000;
  private static final long SEED = 0x4a4b4954L;

  @Test
  void parseIpv4_generatedDottedQuads_matchInetAddress() throws UnknownHostException {
    Random random = new Random(SEED);
    for (int n = 0; n < SAMPLES; n++) {
      byte[] bytes = new byte[4];
      random.nextBytes(bytes);
      String text = AddressFormat.format(bytes);

      assertThat(IpLiterals.parseIpv4(text)).as(text).isEqualTo(bytes);
      assertThat(InetAddress.getByName(text).getAddress()).as(text).isEqualTo(bytes);
      assertThat(IpLiterals.parseIpv6(text)).as(text).isNull();
      assertThat(IpLiterals.isLiteral(text)).isTrue();
    }
  }

  @Test
  void parseIpv6_generatedAddressesInEveryNotation_matchInetAddress() throws UnknownHostException {
    Random random = new Random(SEED);
    for (int n = 0; n < SAMPLES; n++) {
      byte[] bytes = randomIpv6(random);
      for (String text : notations(bytes)) {
        assertThat(IpLiterals.parseIpv6(text)).as(text).isEqualTo(bytes);
        assertThat(jdkIpv6(text)).as("JDK on " + text).isEqualTo(bytes);
        assertThat(IpLiterals.parseIpv4(text)).as(text).isNull();
      }
    }
  }

  /** Every one-character mutation of a valid literal is judged as the JDK judges it. */
  @Test
  void parseIpv6_mutatedLiterals_agreeWithInetAddress() {
    Random random = new Random(SEED + 1);
    String alphabet = "0123456789abcdefABCDEFg:.%-+ /x";
    int compared = 0;
    for (int n = 0; n < SAMPLES; n++) {
      List<String> forms = notations(randomIpv6(random));
      StringBuilder text = new StringBuilder(forms.get(random.nextInt(forms.size())));
      int at = random.nextInt(text.length() + 1);
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      switch (random.nextInt(3)) {
        case 0 -> text.insert(at, c);
        case 1 -> text.deleteCharAt(Math.min(at, text.length() - 1));
        default -> text.setCharAt(Math.min(at, text.length() - 1), c);
      }
      String mutated = text.toString();
      if (!safeToAskJdk(mutated)) {
        continue;
      }
      compared++;
      // The JDK takes a group of 5+ digits while its value fits (0f2da); RFC 4291 and inet_pton,
      // and so HAProxy, allow 1-4 digits.
      byte[] expected = hasOverlongGroup(mutated) ? null : jdkIpv6(mutated);
      assertThat(IpLiterals.parseIpv6(mutated)).as(mutated).isEqualTo(expected);
    }
    assertThat(compared).as("mutations compared with the JDK").isGreaterThan(SAMPLES / 2);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "", ".", "1", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "256.0.0.1", "1.2.3.4.5", "1.2.3.-4", "1.2.3.4 ",
      " 1.2.3.4", "a.b.c.d", "1.2.3.4/8", "0x1.2.3.4", "1.2.3.99999999999", "\u0661.2.3.4"})
  void parseIpv4_junk_isNull(String text) {
    assertThat(IpLiterals.parseIpv4(text)).isNull();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "", ":", ":::", "1:::2", "::1::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
      "::1:2:3:4:5:6:7:8", "12345::", "::g", ":1::", "1::2:", "1:2:3:4:5:6:7:8:", ":1:2:3:4:5:6:7:8",
      "1.2.3.4::", "1.2.3.4::1", "::1.2.3.4:1", "::1.2.3", "::1.2.3.256", "1:2:3:4:5:6:7:1.2.3.4",
      "::ffff:1.2.3.4.5", "[::1]", "::0ffff", "00001::", "::1 ", "::-1", "::+1", "::0x1", "::\u0661", "::\uff21", "\uff21::1", "abcd"})
  void parseIpv6_junk_isNull(String text) {
    assertThat(IpLiterals.parseIpv6(text)).isNull();
    assertThat(IpLiterals.isLiteral(text)).isFalse();
    if (safeToAskJdk(text) && !hasOverlongGroup(text)) {
      assertThat(jdkIpv6(text)).as("the JDK agrees that it is junk").isNull();
    }
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      127.0.0.1        | false
      0.0.0.0          | false
      10.20.30.40      | false
      127.000.000.001  | false
      007.0.0.1        | false
      010.0.0.1        | true
      08.0.0.1         | true
      1.2.3.0255       | true
      1.2.00.09        | true
      """)
  void isAmbiguousIpv4_leadingZeros_onlyWhenOctalDiffers(String text, boolean ambiguous) {
    assertThat(IpLiterals.isAmbiguousIpv4(text)).isEqualTo(ambiguous);
  }

  @Test
  void parseIpv6_embeddedIpv4Tail_fillsLastFourBytes() {
    byte[] expected = new byte[16];
    expected[10] = (byte) 0xff;
    expected[11] = (byte) 0xff;
    expected[12] = 127;
    expected[15] = 1;

    assertThat(IpLiterals.parseIpv6("::ffff:127.0.0.1")).isEqualTo(expected);
    assertThat(IpLiterals.parseIpv6("0:0:0:0:0:ffff:127.0.0.1")).isEqualTo(expected);
  }

  @Test
  void parseIpv6_zone_isIgnoredForTheBytes() {
    byte[] expected = IpLiterals.parseIpv6("fe80::1");

    assertThat(IpLiterals.parseIpv6("fe80::1%eth0")).isEqualTo(expected);
  }

  private static byte[] randomIpv6(Random random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    // Zero runs of random position and length, so that '::' appears in every place and size.
    int kind = random.nextInt(4);
    if (kind > 0) {
      int start = random.nextInt(8);
      int length = 1 + random.nextInt(8 - start);
      for (int g = start; g < start + length; g++) {
        bytes[2 * g] = 0;
        bytes[2 * g + 1] = 0;
      }
    }
    if (kind == 3 && random.nextBoolean()) {
      // Small groups too, so that short hex groups and IPv4-mapped addresses occur.
      for (int i = 0; i < 10; i++) {
        bytes[i] = 0;
      }
      bytes[10] = (byte) 0xff;
      bytes[11] = (byte) 0xff;
    }
    return bytes;
  }

  /** The same address written every way RFC 4291 allows. */
  private static List<String> notations(byte[] bytes) {
    List<String> forms = new ArrayList<>();
    String canonical = AddressFormat.format(bytes);
    forms.add(canonical);
    forms.add(canonical.toUpperCase(Locale.ROOT));
    StringBuilder full = new StringBuilder();
    StringBuilder padded = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      int value = ((bytes[2 * g] & 0xff) << 8) | (bytes[2 * g + 1] & 0xff);
      if (g > 0) {
        full.append(':');
        padded.append(':');
      }
      full.append(Integer.toHexString(value));
      padded.append(String.format(Locale.ROOT, "%04x", value));
    }
    forms.add(full.toString());
    forms.add(padded.toString());
    String head = full.substring(0, nthColon(full, 6) + 1);
    forms.add(head + (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "."
        + (bytes[15] & 0xff));
    return forms;
  }

  private static int nthColon(CharSequence text, int n) {
    int seen = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ':' && ++seen == n) {
        return i;
      }
    }
    throw new IllegalStateException("fewer than " + n + " colons in " + text);
  }

  private static boolean hasOverlongGroup(String text) {
    for (String group : text.split("[:.]", -1)) {
      if (group.length() > 4) {
        return true;
      }
    }
    return false;
  }

  /** True when InetAddress.getByName reads the text as an IPv6 literal and never does DNS. */
  private static boolean safeToAskJdk(String text) {
    if (text.isEmpty() || text.indexOf(':') < 0 || text.indexOf('%') >= 0) {
      return false;
    }
    char first = text.charAt(0);
    return first == ':' || (first >= '0' && first <= '9') || (first >= 'a' && first <= 'f')
        || (first >= 'A' && first <= 'F');
  }

  /** The JDK's 16 bytes for an IPv6 literal (IPv4-mapped widened back), or null when it rejects it. */
  private static byte[] jdkIpv6(String text) {
    if (!safeToAskJdk(text)) {
      throw new IllegalArgumentException("would risk a DNS lookup: " + text);
    }
    byte[] raw;
    try {
      raw = InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
    if (raw.length == 16) {
      return raw;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(raw, 0, mapped, 12, 4);
    return mapped;
  }
}
