package io.hakit.proxy.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShowErrorsTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void locate_badRequestLineOrHeaderName_pointsAtTheByte() {
    byte[] target = bytes("GET /bad path HTTP/1.1\r\nHost: t\r\n\r\n");
    assertThat(ErrorPosition.locate(target, 0)).isEqualTo(9);
    byte[] header = bytes("GET / HTTP/1.1\r\nHost: t\r\nBad Header: y\r\n\r\n");
    assertThat(ErrorPosition.locate(header, 25)).isEqualTo(28);
    byte[] method = bytes("G(T / HTTP/1.1\r\n\r\n");
    assertThat(ErrorPosition.locate(method, 0)).isEqualTo(1);
    byte[] control = bytes("GET / HTTP/1.1\r\nZ: a\u0001\r\n\r\n");
    assertThat(ErrorPosition.locate(control, 16)).isEqualTo(20);
  }

  @Test
  void dump_longLinesAndControls_wrappedAndEscaped() {
    StringBuilder out = new StringBuilder();
    ShowErrors.dump(out, bytes("GET /" + "a".repeat(80) + " HTTP/1.1\r\nZ: \u0001\u00ff\t\r\n\r\n"));
    assertThat(out.toString()).isEqualTo(
        "  00000  GET /" + "a".repeat(65) + "\n"
            + "  00070+ " + "a".repeat(15) + " HTTP/1.1\\r\\n\n"
            + "  00096  Z: \\x01\\xFF\\t\\r\\n\n"
            + "  00104  \\r\\n\n");
  }
}
