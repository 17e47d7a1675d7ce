package io.hakit.benchmarks.rig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeapHistogramTest {

  private static final String BEFORE =
      String.join(
          "\n",
          "12345:",
          " num     #instances         #bytes  class name (module)",
          "-------------------------------------------------------",
          "   1:          1000          48000  java.lang.String (java.base@17.0.15)",
          "   2:            10            640  io.hakit.proxy.http.HttpSession",
          "   3:             5            400  [B (java.base@17.0.15)",
          "Total          1015          49040");

  private static final String AFTER =
      String.join(
          "\n",
          "12345:",
          " num     #instances         #bytes  class name (module)",
          "-------------------------------------------------------",
          "   1:           110           7040  io.hakit.proxy.http.HttpSession",
          "   2:          1000          48000  java.lang.String (java.base@17.0.15)",
          "   3:           105           8400  [B (java.base@17.0.15)",
          "   4:           100           3200  io.netty.channel.Foo",
          "Total          1315          66640");

  @Test
  void growthSince_twoHistograms_listsChangedClassesLargestFirst() {
    List<HeapHistogram.Growth> growth =
        HeapHistogram.parse(AFTER).growthSince(HeapHistogram.parse(BEFORE), 10);

    assertThat(growth)
        .containsExactly(
            new HeapHistogram.Growth("[B", 100, 8000),
            new HeapHistogram.Growth("io.hakit.proxy.http.HttpSession", 100, 6400),
            new HeapHistogram.Growth("io.netty.channel.Foo", 100, 3200));
  }

  @Test
  void growthSince_limit_keepsTheLargest() {
    List<HeapHistogram.Growth> growth =
        HeapHistogram.parse(AFTER).growthSince(HeapHistogram.parse(BEFORE), 1);

    assertThat(growth).extracting(HeapHistogram.Growth::className).containsExactly("[B");
  }

  @Test
  void format_perConnection_dividesBytesAndInstances() {
    String text = HeapHistogram.format(List.of(new HeapHistogram.Growth("X", 200, 6400)), 100);

    assertThat(text).contains("64.0 B/conn").contains("2.00 obj/conn").contains("X");
  }

  @Test
  void totalBytes_sumsEveryClassRow() {
    assertThat(HeapHistogram.parse(AFTER).totalBytes()).isEqualTo(66640);
  }

  @Test
  void parse_noClassRows_isEmpty() {
    assertThat(HeapHistogram.parse("12345:\nAttachNotSupportedException\n").isEmpty()).isTrue();
  }
}
