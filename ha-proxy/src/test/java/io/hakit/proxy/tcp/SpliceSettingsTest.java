package io.hakit.proxy.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.Backend;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.GlobalSettings;
import io.hakit.core.model.Mode;
import io.hakit.core.model.Setting;
import org.junit.jupiter.api.Test;

class SpliceSettingsTest {
  private static final Frontend PLAIN_FE = Frontend.builder("f").mode(Mode.TCP).defaultBackend("b").build();
  private static final Backend PLAIN_BE = Backend.builder("b").mode(Mode.TCP).build();

  @Test
  void of_defaults_onWithBufsizeMinusMaxrewriteAndQuarterOfMaxconn() {
    SpliceSettings s = SpliceSettings.of(GlobalSettings.builder().maxconn(8).build(), true);
    assertThat(s.enabled()).isTrue();
    assertThat(s.fullRead()).isEqualTo(16384 - 1024);
    assertThat(s.takePipe()).isTrue();
    assertThat(s.takePipe()).isTrue();
    assertThat(s.takePipe()).as("maxconn 8: two pipes").isFalse();
    s.returnPipe();
    assertThat(s.takePipe()).isTrue();
  }

  @Test
  void of_maxpipesAndTune_applied() {
    SpliceSettings s = SpliceSettings.of(GlobalSettings.builder().other(Setting.of("maxpipes", "1"))
        .tune("tune.bufsize", "32768").tune("tune.maxrewrite", "20000").build(), true);
    // maxrewrite is capped at half the buffer, as HAProxy does.
    assertThat(s.fullRead()).isEqualTo(16384);
    assertThat(s.takePipe()).isTrue();
    assertThat(s.takePipe()).isFalse();
  }

  @Test
  void of_nospliceOrNio_offAndOptionsIgnored() {
    SpliceSettings nosplice = SpliceSettings.of(GlobalSettings.builder().other(Setting.of("nosplice")).build(), true);
    SpliceSettings nio = SpliceSettings.of(GlobalSettings.DEFAULT, false);
    Frontend fe = Frontend.builder("f").mode(Mode.TCP).defaultBackend("b").option("splice-auto", true).build();
    assertThat(nosplice.enabled()).isFalse();
    assertThat(nosplice.offReason()).isEqualTo("global nosplice");
    assertThat(nio.enabled()).isFalse();
    assertThat(SplicePolicy.of(fe, PLAIN_BE, nosplice)).isEqualTo(SplicePolicy.NONE);
    assertThat(SplicePolicy.of(fe, PLAIN_BE, nio).any()).isFalse();
  }

  @Test
  void policy_frontendOrBackendOption_applies() {
    SpliceSettings on = SpliceSettings.of(GlobalSettings.DEFAULT, true);
    Backend be = Backend.builder("b").mode(Mode.TCP).option("splice-response", true).build();
    Frontend fe = Frontend.builder("f").mode(Mode.TCP).defaultBackend("b").option("splice-request", true).build();
    assertThat(SplicePolicy.of(fe, be, on)).isEqualTo(new SplicePolicy(true, true, false));
    assertThat(SplicePolicy.of(PLAIN_FE, PLAIN_BE, on).any()).isFalse();
  }
}
