package io.hakit.benchmarks.rig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmHeapTest {

  @Test
  void parseUsedBytes_parallelGc_sumsTheGenerationsButNotMetaspace() {
    String info =
        String.join(
            "\n",
            "21894:",
            " PSYoungGen      total 153088K, used 21054K [0x00000000f5580000, 0x0000000100000000)",
            "  eden space 131584K, 16% used [0x00000000f5580000,0x00000000f6a0f808)",
            "  from space 21504K, 0% used [0x00000000feb00000,0x00000000feb00000)",
            " ParOldGen       total 349696K, used 100K [0x00000000e0000000, 0x00000000f5580000)",
            "  object space 349696K, 0% used [0x00000000e0000000,0x00000000e0000000)",
            " Metaspace       used 8940K, committed 9088K, reserved 1114112K",
            "  class space    used 1062K, committed 1152K, reserved 1048576K");

    assertThat(JvmHeap.parseUsedBytes(info)).hasValue((21054L + 100) * 1024);
  }

  @Test
  void parseUsedBytes_g1_readsTheOneHeapLine() {
    String info =
        " garbage-first heap   total 397312K, used 17618K [0x0000000687400000, 0x0000000800000000)\n"
            + "  region size 4096K, 4 young (16384K), 0 survivors (0K)\n"
            + " Metaspace       used 8948K, committed 9088K, reserved 1114112K\n";

    assertThat(JvmHeap.parseUsedBytes(info)).hasValue(17618L * 1024);
  }

  @Test
  void parseUsedBytes_noHeapLine_isEmpty() {
    assertThat(JvmHeap.parseUsedBytes("21894:\nAttachNotSupportedException\n")).isEmpty();
  }
}
