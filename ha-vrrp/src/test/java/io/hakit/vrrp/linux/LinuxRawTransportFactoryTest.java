package io.hakit.vrrp.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakit.vrrp.transport.TransportSpec;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the factory refuses before it touches the kernel. */
class LinuxRawTransportFactoryTest {

  @Test
  void create_sourceOfTheOtherFamily_rejectedNamingIt() throws Exception {
    assumeTrue(LinuxRawTransportFactory.isAvailable(), "Linux LP64 only");
    TransportSpec spec = new TransportSpec("eth0", false, List.of(), InetAddress.getByName("fe80::1"));

    assertThatThrownBy(() -> new LinuxRawTransportFactory().create(spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sourceAddress: fe80:0:0:0:0:0:0:1 (expected: an IPv4 address)");
  }

  @Test
  void create_peerOfTheOtherFamily_rejectedNamingIt() throws Exception {
    assumeTrue(LinuxRawTransportFactory.isAvailable(), "Linux LP64 only");
    TransportSpec spec = new TransportSpec("eth0", true, List.of(InetAddress.getByName("198.18.0.2")), null);

    assertThatThrownBy(() -> new LinuxRawTransportFactory().create(spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unicastPeers: 198.18.0.2 (expected: IPv6 addresses)");
  }

  @Test
  void unavailabilityCause_onLinuxLp64_none() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && "64".equals(System.getProperty("sun.arch.data.model")));

    assertThat(LinuxRawTransportFactory.unavailabilityCause()).isNull();
    assertThat(LinuxRawTransportFactory.isAvailable()).isTrue();
  }
}
