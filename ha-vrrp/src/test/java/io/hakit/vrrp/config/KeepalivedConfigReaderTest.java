package io.hakit.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.vrrp.fsm.VrrpState;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepalivedConfigReaderTest {
  private static Path resource(String name) throws URISyntaxException {
    return Path.of(KeepalivedConfigReaderTest.class.getResource("/keepalived/" + name).toURI());
  }

  private static KeepalivedConfigException failure(String text) {
    try {
      KeepalivedConfigReader.parse("k.conf", text);
    } catch (KeepalivedConfigException e) {
      return e;
    }
    throw new AssertionError("no error for:\n" + text);
  }

  private static List<String> warnings(KeepalivedConfig c) {
    return c.warnings().stream().map(ConfigDiagnostic::toString).toList();
  }

  @Test
  void read_haproxyPairWithInclude_everyField() throws Exception {
    KeepalivedConfig c = KeepalivedConfigReader.read(resource("haproxy-pair.conf"));
    assertThat(c.routerId()).isEqualTo("LVS_DEVEL");
    assertThat(c.garp().repeat()).isEqualTo(3);
    assertThat(c.garp().secondBurstDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.garp().spacing()).isEqualTo(Duration.ofMillis(1));

    VrrpScriptSpec chk = c.scripts().get("chk_haproxy");
    assertThat(chk.script()).isEqualTo("killall -0 haproxy");
    assertThat(chk.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(chk.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(chk.weight()).isEqualTo(-20);
    assertThat(chk.fall()).isEqualTo(2);
    assertThat(chk.rise()).isEqualTo(3);

    VrrpInstanceSpec vi1 = c.instance("VI_1");
    assertThat(vi1.state()).isEqualTo(VrrpState.MASTER);
    assertThat(vi1.interfaceName()).isEqualTo("eth0");
    assertThat(vi1.vrid()).isEqualTo(51);
    assertThat(vi1.priority()).isEqualTo(150);
    assertThat(vi1.version()).isEqualTo(2);
    assertThat(vi1.advertInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(vi1.password()).isEqualTo("1111");
    assertThat(vi1.virtualAddresses()).singleElement().hasToString("198.18.0.200/24 dev eth0 label eth0:1");
    assertThat(vi1.sourceAddress()).isEqualTo(InetAddress.getByName("198.18.0.11"));
    assertThat(vi1.unicastPeers()).containsExactly(InetAddress.getByName("198.18.0.12"));
    assertThat(vi1.trackScripts()).extracting(TrackRef::name, TrackRef::weight).containsExactly(
        org.assertj.core.groups.Tuple.tuple("chk_haproxy", null));
    assertThat(vi1.trackInterfaces()).extracting(TrackRef::name, TrackRef::weight).containsExactly(
        org.assertj.core.groups.Tuple.tuple("eth1", -10));
    assertThat(vi1.notifyScripts().master()).isEqualTo("/etc/keepalived/notify.sh master");
    assertThat(vi1.notifyScripts().generic()).isEqualTo("/etc/keepalived/notify-all.sh");
    assertThat(vi1.garp().repeat()).isEqualTo(3);
    assertThat(vi1.origin().toString()).endsWith("haproxy-pair.conf:20");

    VrrpInstanceSpec vi6 = c.instance("VI_6");
    assertThat(vi6.version()).isEqualTo(3);
    assertThat(vi6.advertInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(vi6.preempt()).isFalse();
    assertThat(vi6.priority()).isEqualTo(100);
    assertThat(vi6.password()).isNull();
    assertThat(vi6.virtualAddresses()).singleElement().hasToString("2001:db8:51:0:0:0:0:200/64 dev eth0");
    assertThat(vi6.origin().toString()).contains("conf.d").endsWith("v3.conf:1");

    assertThat(c.syncGroups()).singleElement().satisfies(g -> {
      assertThat(g.members()).containsExactly("VI_1", "VI_6");
      assertThat(g.notifyScripts().fault()).isEqualTo("/bin/true");
    });

    assertThat(warnings(c)).anySatisfy(w -> assertThat(w).endsWith("haproxy-pair.conf:3: warning: 'notification_email'"
        + " in global_defs is not supported by HAKit (e-mail alerts are not sent); ignored"));
    assertThat(warnings(c)).noneMatch(w -> w.contains("haproxy-pair.conf:31")); // the label is applied now
    assertThat(warnings(c)).anySatisfy(w -> assertThat(w).contains("v3.conf:12")
        .contains("VRRP version 3 does not support authentication. Ignoring."));
  }

  @Test
  void parse_defaults_keepalivedRules() {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", """
        global_defs { vrrp_version 3 }
        vrrp_instance A { state MASTER
          interface eth0
          virtual_router_id 1
          virtual_ipaddress { 198.18.0.1 }
          nopreempt
        }
        vrrp_instance B {
          interface eth0
          virtual_router_id 2
          version 2
          advert_int 1.4
          preempt_delay 5
          virtual_ipaddress { 198.18.0.2 }
        }
        """);
    VrrpInstanceSpec a = c.instance("A");
    assertThat(a.priority()).as("state MASTER without priority").isEqualTo(255);
    assertThat(a.version()).as("global vrrp_version").isEqualTo(3);
    assertThat(a.preempt()).as("nopreempt cleared for MASTER").isTrue();
    assertThat(a.virtualAddresses()).singleElement().hasToString("198.18.0.1/32 dev eth0");
    VrrpInstanceSpec b = c.instance("B");
    assertThat(b.priority()).isEqualTo(100);
    assertThat(b.advertInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.preemptDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(warnings(c)).anySatisfy(w -> assertThat(w).startsWith("k.conf:6:").contains("clearing nopreempt"));
    assertThat(warnings(c)).anySatisfy(w -> assertThat(w).startsWith("k.conf:12:").contains("must be an integer. rounding"));
  }

  @Test
  void parse_excludedAddresses_otherFamilyAllowed() {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", """
        vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 1
          virtual_ipaddress { 198.18.0.1/24 }
          virtual_ipaddress_excluded {
            2001:db8::1/64
            198.18.9.1/24 dev eth9
          }
        }
        """);
    VrrpInstanceSpec vi = c.instance("VI_1");
    assertThat(vi.virtualAddresses()).extracting(Object::toString).containsExactly("198.18.0.1/24 dev eth0");
    assertThat(vi.excludedAddresses()).extracting(Object::toString)
        .containsExactly("2001:db8:0:0:0:0:0:1/64 dev eth0", "198.18.9.1/24 dev eth9");
  }

  @Test
  void parse_errors_allReportedWithFileAndLine() {
    KeepalivedConfigException e = failure("""
        vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 256
          priority high
          state SOMETIMES
          track_script { chk_missing }
        }
        vrrp_instance VI_2 {
          virtual_router_id 3
        }
        """);
    assertThat(e.errors()).extracting(ConfigDiagnostic::toString).containsExactly(
        "k.conf:3: 'virtual_router_id': '256' (expected: an integer 1-255)",
        "k.conf:4: 'priority': 'high' (expected: an integer 1-255)",
        "k.conf:5: 'state': 'SOMETIMES' (expected: MASTER or BACKUP)",
        "k.conf:1: vrrp_instance VI_1: no 'virtual_router_id' (expected: 1-255)",
        "k.conf:8: vrrp_instance VI_2: no 'interface' (expected: interface eth0)");
    assertThat(e.getMessage()).contains("k.conf:3: 'virtual_router_id'");
  }

  @Test
  void parse_unknownKeywordAndSection_warnedNotDropped() {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", """
        virtual_server 198.18.0.1 80 {
          real_server 198.18.0.2 80 { weight 1 }
        }
        vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 1
          priorty 120
          use_vmac
          virtual_ipaddress { 198.18.0.1 }
        }
        """);
    assertThat(warnings(c)).contains(
        "k.conf:1: warning: 'virtual_server' is not supported by HAKit (VRRP only); ignored",
        "k.conf:7: warning: unknown keyword 'priorty' in vrrp_instance VI_1; ignored (did you mean 'priority'?)",
        "k.conf:8: warning: 'use_vmac' in vrrp_instance VI_1 is not supported by HAKit (the VIP lives on the real"
            + " interface (keepalived's default)); ignored");
  }

  @Test
  void parse_unbalancedBraces_errors() {
    assertThat(failure("vrrp_instance VI_1 {\n interface eth0\n").errors()).extracting(ConfigDiagnostic::toString)
        .contains("k.conf:1: '{' opened here is never closed");
    assertThat(failure("}\nvrrp_instance X { interface e\n virtual_router_id 1 }").errors())
        .extracting(ConfigDiagnostic::toString).containsExactly("k.conf:1: unexpected '}' (no block is open)");
  }

  @Test
  void parse_v3AuthAh_andDuplicateVrid() {
    KeepalivedConfigException e = failure("""
        vrrp_instance A { interface eth0
          virtual_router_id 9
          authentication { auth_type AH
            auth_pass x }
          virtual_ipaddress { 198.18.0.1 } }
        vrrp_instance B { interface eth0
          virtual_router_id 9
          virtual_ipaddress { 198.18.0.2 } }
        """);
    assertThat(e.errors()).extracting(ConfigDiagnostic::toString).containsExactly(
        "k.conf:3: vrrp_instance A: auth_type AH is not supported by HAKit (expected: PASS, or no authentication)",
        "k.conf:6: vrrp_instance B: virtual_router_id 9 on eth0 is already used by A (k.conf:1)");
  }

  @Test
  void parse_parametersContinuationsAndQuotes() {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", """
        $IF=eth7
        vrrp_script chk { script "/usr/bin/test -f /tmp/x # not a comment"
        }
        vrrp_instance VI_1 {
          interface $IF
          virtual_router_id \\
             42
          track_script { chk weight 30 }
          virtual_ipaddress { 198.18.0.1 }
          @node2 priority 50
        }
        """);
    assertThat(c.scripts().get("chk").script()).isEqualTo("/usr/bin/test -f /tmp/x # not a comment");
    VrrpInstanceSpec vi = c.instance("VI_1");
    assertThat(vi.interfaceName()).isEqualTo("eth7");
    assertThat(vi.vrid()).isEqualTo(42);
    assertThat(vi.trackScripts()).singleElement().extracting(TrackRef::weight).isEqualTo(30);
    assertThat(warnings(c)).anySatisfy(w -> assertThat(w).startsWith("k.conf:10:").contains("conditional"));
  }

  @Test
  void read_missingFile_errorNamesIt() {
    assertThatThrownBy(() -> KeepalivedConfigReader.read(Path.of("/nonexistent/keepalived.conf")))
        .isInstanceOf(KeepalivedConfigException.class).hasMessageContaining("cannot read /nonexistent/keepalived.conf");
  }

  private static final String VIP_HEAD = """
      vrrp_instance VI_1 {
        interface eth0
        virtual_router_id 51
        virtual_ipaddress {
      """;

  @Test
  void parse_virtualAddressOptions_appliedAsKeepalivedReadsThem() throws Exception {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", VIP_HEAD + """
            198.18.0.10/24 brd + label eth0:vip scope link
            198.18.0.11/24 brd - label eth0:v2
            198.18.0.12/24 broadcast 198.18.0.99 dev eth1 scope host no_track
            198.18.0.13/30 brd +
            198.18.0.14/31 brd +
            198.18.0.15/24 scope 200 noprefixroute -nodad
            198.18.0.16 scope bogus
          }
        }
        """);

    assertThat(c.instance("VI_1").virtualAddresses()).map(Object::toString).containsExactly(
        "198.18.0.10/24 brd 198.18.0.255 dev eth0 scope link label eth0:vip",
        "198.18.0.11/24 brd 198.18.0.0 dev eth0 label eth0:v2",
        "198.18.0.12/24 brd 198.18.0.99 dev eth1 scope host no_track",
        "198.18.0.13/30 brd 198.18.0.15 dev eth0",
        "198.18.0.14/31 dev eth0",
        "198.18.0.15/24 dev eth0 scope site noprefixroute",
        "198.18.0.16/32 dev eth0");
    assertThat(warnings(c)).anySatisfy(w -> assertThat(w).contains("k.conf:9").contains("prefix length 31 too long"))
        .anySatisfy(w -> assertThat(w).contains("k.conf:11").contains("invalid scope 'bogus'"))
        .noneMatch(w -> w.contains("not applied"));
  }

  @Test
  void parse_ipv6VirtualAddressWithLabelOrScope_warnedAndIgnored() throws Exception {
    KeepalivedConfig c = KeepalivedConfigReader.parse("k.conf", VIP_HEAD.replace("interface eth0", "interface eth0\n  version 3")
        + """
            2001:db8::5/64 label eth0:x scope link
            2001:db8::6/64 label
          }
        }
        """);

    assertThat(c.instance("VI_1").virtualAddresses()).map(Object::toString)
        .containsExactly("2001:db8:0:0:0:0:0:5/64 dev eth0", "2001:db8:0:0:0:0:0:6/64 dev eth0");
    assertThat(warnings(c)).anySatisfy(w -> assertThat(w).contains("cannot specify label for IPv6 address"))
        .anySatisfy(w -> assertThat(w).contains("no label parameter specified for 2001:db8::6/64"));
  }

  @Test
  void parse_virtualAddressesKeepalivedDrops_errorsNamingTheLine() {
    KeepalivedConfigException e = failure(VIP_HEAD.replace("interface eth0", "interface eth0\n  version 3") + """
            198.18.0.10/24 brd bogus
            198.18.0.11/24 label eth0:muchtoolonglabel
            198.18.0.12/24 dev eth0 dev eth1
          }
        }
        vrrp_instance VI_6 {
          interface eth0
          virtual_router_id 52
          version 3
          virtual_ipaddress {
            2001:db8::5/64 brd +
          }
        }
        """);

    assertThat(e.diagnostics()).map(Object::toString)
        .anySatisfy(d -> assertThat(d).contains("k.conf:6").contains("invalid broadcast 'bogus'"))
        .anySatisfy(d -> assertThat(d).contains("k.conf:7").contains("longer than 15 bytes"))
        .anySatisfy(d -> assertThat(d).contains("k.conf:8").contains("'dev' given twice"))
        .anySatisfy(d -> assertThat(d).contains("k.conf:16").contains("an IPv6 address has no broadcast"));
  }
}
