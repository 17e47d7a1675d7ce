package io.hakit.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5952 text: lower case, no leading zeros, the longest run (first on a tie) of 2+ zero groups as '::'. */
class AddressFormatTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0:0:0:0:0:0:0:0                         | ::
      0:0:0:0:0:0:0:1                         | ::1
      1:0:0:0:0:0:0:0                         | 1::
      2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
      2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1
      2001:0:0:1:0:0:0:1                      | 2001:0:0:1::1
      2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1
      0:1:0:1:0:1:0:1                         | 0:1:0:1:0:1:0:1
      fe80:0:0:0:0:0:0:abcd                   | fe80::abcd
      0:0:0:0:0:ffff:7f00:1                   | ::ffff:7f00:1
      1:2:3:4:5:6:7:0                         | 1:2:3:4:5:6:7:0
      1:2:3:4:5:6:0:0                         | 1:2:3:4:5:6::
      """)
  void format_ipv6_isRfc5952(String text, String expected) {
    assertThat(AddressFormat.format(IpLiterals.parseIpv6(text))).isEqualTo(expected);
  }

  @Test
  void format_ipv4_isDottedDecimal() {
    assertThat(AddressFormat.format(new byte[] {127, 0, 0, 1})).isEqualTo("127.0.0.1");
    assertThat(AddressFormat.format(new byte[] {(byte) 255, (byte) 254, 0, 10})).isEqualTo("255.254.0.10");
  }

  @Test
  void format_generatedAddresses_parsesBackToSameBytes() {
    Random random = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      int start = random.nextInt(8);
      int zeros = random.nextInt(9 - start);
      for (int g = start; g < start + zeros; g++) {
        bytes[2 * g] = 0;
        bytes[2 * g + 1] = 0;
      }

      String text = AddressFormat.format(bytes);

      assertThat(IpLiterals.parseIpv6(text)).as(text).isEqualTo(bytes);
      assertThat(text).as(text).isLowerCase().doesNotContain(":::").doesNotContain(":0000");
    }
  }

  @Test
  void format_wrongLength_namesLength() {
    assertThatIllegalArgumentException().isThrownBy(() -> AddressFormat.format(new byte[6]))
        .withMessage("address: 6 bytes (expected: 4 or 16)");
  }
}
