package io.hakit.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.vrrp.address.CallbackAddressManager;
import io.hakit.vrrp.transport.InJvmLink;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VrrpInstanceBuilderTest {
  private static VrrpInstanceBuilder minimal() throws Exception {
    return VrrpInstance.builder().name("VI_1").vrid(51).interfaceName("eth0")
        .transportFactory(new InJvmLink("l").factory(InetAddress.getByName("198.18.0.1")))
        .addressManager(CallbackAddressManager.builder().build());
  }

  @Test
  void setters_outOfRange_messageNamesParameterAndRange() {
    assertThatThrownBy(() -> VrrpInstance.builder().vrid(0)).hasMessage("vrid: 0 (expected: 1-255)");
    assertThatThrownBy(() -> VrrpInstance.builder().vrid(256)).hasMessage("vrid: 256 (expected: 1-255)");
    assertThatThrownBy(() -> VrrpInstance.builder().priority(0)).hasMessage("priority: 0 (expected: 1-255)");
    assertThatThrownBy(() -> VrrpInstance.builder().version(4)).hasMessage("version: 4 (expected: 2 or 3)");
    assertThatThrownBy(() -> VrrpInstance.builder().track(new io.hakit.core.health.ManualHealthSource("x",
        io.hakit.core.health.Health.up("")), 254)).hasMessage("weight: 254 (expected: -253-253)");
    assertThatThrownBy(() -> VrrpInstance.builder().virtualAddress("198.18.0.300/24"))
        .hasMessage("virtualAddress: '198.18.0.300' (expected: an IPv4 or IPv6 address)");
    assertThatThrownBy(() -> VrrpInstance.builder().virtualAddress("198.18.0.3/33"))
        .hasMessage("virtualAddress: '198.18.0.3/33' (expected: prefix length 0-32)");
    assertThatThrownBy(() -> VrrpInstance.builder().preemptDelay(Duration.ofSeconds(1001)))
        .hasMessage("preemptDelay: PT16M41S (expected: 0-1000 s)");
    assertThatThrownBy(() -> VrrpInstance.builder().password("123456789"))
        .hasMessage("password: 9 bytes (expected: 1-8)");
  }

  @Test
  void pacingAndScheduling_outOfRangeOrTwice_rejected() {
    assertThatThrownBy(() -> VrrpInstance.builder().pacedAdvertsAhead(17))
        .hasMessage("pacedAdvertsAhead: 17 (expected: 0-16)");
    assertThatThrownBy(() -> VrrpInstance.builder().pacedAdvertsAhead(0).pacedAdvertsAhead(3))
        .hasMessage("pacedAdvertsAhead was already set to 0");
    assertThatThrownBy(() -> new io.hakit.vrrp.transport.ThreadScheduling(-21, 0, false))
        .hasMessage("nice: -21 (expected: -20 to 19)");
    assertThatThrownBy(() -> new io.hakit.vrrp.transport.ThreadScheduling(0, 100, false))
        .hasMessage("realtimePriority: 100 (expected: 0 for off, or 1-99)");
  }

  @Test
  void defaultPacedAhead_coversOneSecond() {
    assertThat(VrrpInstanceBuilder.defaultPacedAhead(10)).isEqualTo(10);
    assertThat(VrrpInstanceBuilder.defaultPacedAhead(5)).isEqualTo(16); // 50 ms: capped
    assertThat(VrrpInstanceBuilder.defaultPacedAhead(30)).isEqualTo(4);
    assertThat(VrrpInstanceBuilder.defaultPacedAhead(100)).isEqualTo(1);
    assertThat(VrrpInstanceBuilder.defaultPacedAhead(300)).isEqualTo(1);
  }

  @Test
  void setTwice_rejectedNamingCurrentValue() {
    assertThatThrownBy(() -> VrrpInstance.builder().vrid(1).vrid(2)).hasMessage("vrid was already set to 1");
  }

  @Test
  void build_intervalNotValidForVersion_messageNamesRange() throws Exception {
    assertThatThrownBy(() -> minimal().advertInterval(Duration.ofMillis(1500)).build())
        .hasMessage("advertInterval: PT1.5S (expected: whole seconds 1-255 with version 2)");
    assertThatThrownBy(() -> minimal().version(3).advertInterval(Duration.ofMillis(1005)).build())
        .hasMessage("advertInterval: PT1.005S (expected: a multiple of 10 ms from 10 ms to 40.95 s with version 3)");
    assertThat(minimal().version(3).advertInterval(Duration.ofMillis(50)).build().advertInterval())
        .isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void build_ipv6WithVersion2_rejected() throws Exception {
    assertThatThrownBy(() -> minimal().virtualAddress("2001:db8::1/64").build())
        .hasMessage("version: 2 with IPv6 virtual addresses (expected: version 3 for IPv6)");
  }

  @Test
  void build_passwordWithVersion3_rejected() throws Exception {
    assertThatThrownBy(() -> minimal().version(3).password("x").build()).hasMessageContaining("password: set with version 3");
  }

  @Test
  void build_missingRequired_namesIt() {
    assertThatThrownBy(() -> VrrpInstance.builder().name("x").build())
        .hasMessage("vrid: not set (expected: call vrid(...) before build())");
  }

  @Test
  void build_defaults_keepalivedDefaults() throws Exception {
    VrrpInstance vi = minimal().virtualAddress("198.18.0.200").build();
    assertThat(vi.priority()).isEqualTo(100);
    assertThat(vi.version()).isEqualTo(2);
    assertThat(vi.advertInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(vi.virtualAddresses()).singleElement().hasToString("198.18.0.200/32 dev eth0");
  }
}
