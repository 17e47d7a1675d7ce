package io.hakit.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashFunctionTest {

  @Test
  void crc32_matchesTheStandardCheckValueAndJavaUtilZip() {
    assertThat(HashFunction.CRC32.hash("123456789", 0, 9)).isEqualTo(0xCBF43926);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      String key = new String(bytes, StandardCharsets.ISO_8859_1);
      java.util.zip.CRC32 reference = new java.util.zip.CRC32();
      reference.update(bytes);
      assertThat(HashFunction.CRC32.hash(key, 0, key.length())).isEqualTo((int) reference.getValue());
    }
  }

  @Test
  void sdbmAndDjb2_followTheirRecurrences() {
    assertThat(HashFunction.SDBM.hash("", 0, 0)).isZero();
    assertThat(HashFunction.DJB2.hash("", 0, 0)).isEqualTo(5381);
    assertThat(HashFunction.SDBM.hash("ab", 0, 2)).isEqualTo('b' + 'a' * 65599);
    assertThat(HashFunction.DJB2.hash("ab", 0, 2)).isEqualTo((5381 * 33 + 'a') * 33 + 'b');
    // Only the range counts, and bytes above 127 are taken unsigned.
    assertThat(HashFunction.SDBM.hash("xaby", 1, 3)).isEqualTo(HashFunction.SDBM.hash("ab", 0, 2));
    assertThat(HashFunction.DJB2.hash("\u00e9", 0, 1)).isEqualTo(5381 * 33 + 0xe9);
  }

  @Test
  void none_readsTheLeadingNumber() {
    assertThat(HashFunction.NONE.hash("12345abc", 0, 8)).isEqualTo(12345);
    assertThat(HashFunction.NONE.hash("id=77", 3, 5)).isEqualTo(77);
    assertThat(HashFunction.NONE.hash("x", 0, 1)).isZero();
  }

  @Test
  void wt6AndAvalanche_spreadNeighbouringKeys() {
    // Keys one bit apart must land far apart: on average about half the 32 bits differ.
    int bits = 0;
    for (int i = 0; i < 1000; i++) {
      bits += Integer.bitCount(HashFunction.avalanche(i) ^ HashFunction.avalanche(i + 1));
      bits += Integer.bitCount(HashFunction.WT6.hash("k" + i, 0, ("k" + i).length())
          ^ HashFunction.WT6.hash("k" + (i + 1), 0, ("k" + (i + 1)).length()));
    }
    assertThat(bits / 2000.0).isBetween(10.0, 22.0);
  }
}
