package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.Origin;
import io.hakit.core.model.Backend;
import io.hakit.core.model.Frontend;
import io.hakit.core.model.HashSpec;
import io.hakit.core.model.HttpConnectionMode;
import io.hakit.core.model.Mode;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.Setting;
import io.hakit.core.model.TimeoutKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults inheritance, modifiers, reference checks and other reader rules of HAProxy 2.6. */
class ReaderBehaviourTest {
  private static final HaproxyConfigReader READER =
      new HaproxyConfigReader(new HaproxyConfigReader.Options(false, Map.of("EXTRA", "check")));

  private static ProxyModel read(String text) {
    return READER.read("t.cfg", text).model();
  }

  private static List<String> errors(String text) {
    try {
      READER.read("t.cfg", text);
    } catch (ConfigException e) {
      return e.errors().stream().map(Diagnostic::toString).toList();
    }
    throw new AssertionError("expected errors in:\n" + text);
  }

  @Test
  void read_logFormat_keepsItsOwnLineHereOrInTheDefaults() {
    ProxyModel m = read("""
        defaults
            mode http
            log-format "%ci %ST"
        frontend inherits
            bind :8000
        frontend own
            bind :8001
            log-format "%ci"
        frontend styled
            bind :8002
            option httplog
        """);
    assertThat(m.frontend("inherits").orElseThrow().log().formatOrigin()).isEqualTo(Origin.of("t.cfg", 3));
    assertThat(m.frontend("own").orElseThrow().log().formatOrigin()).isEqualTo(Origin.of("t.cfg", 8));
    assertThat(m.frontend("own").orElseThrow().origin().line()).isEqualTo(6);
    assertThat(m.frontend("styled").orElseThrow().log().formatOrigin()).isEqualTo(Origin.UNKNOWN);
  }

  @Test
  void read_httpVariablesInTcpProxyFormats_errorsAtTheFormatLinesAsHaproxy() {
    // haproxy 2.6.12 -c: the TCP frontend fails (log-format from the defaults, its own unique-id),
    // the HTTP one inheriting the same log-format does not.
    assertThat(errors("""
        defaults
            mode tcp
            log-format "%ci %{+Q}r %[src]"
        frontend fe
            bind :8000
            unique-id-format "%ci_%HM"
        frontend fe2
            mode http
            bind :8001
        """)).containsExactly(
        "t.cfg:3: failed to parse log-format : format variable 'r' is reserved for HTTP mode.",
        "t.cfg:6: failed to parse unique-id : format variable 'HM' is reserved for HTTP mode.");
    assertThat(LogFormats.httpOnlyVariable("%%r %[req.hdr(x)] %ST %B %ts")).isNull();
    assertThat(LogFormats.httpOnlyVariable("%ci %{+Q}Ta")).isEqualTo("Ta");
  }

  @Test
  void read_badUniqueIdFormat_errorAtItsLineAsHaproxy() {
    assertThat(errors("frontend f\n    bind :8000\n    unique-id-format \"%[nosuch]\"\n"))
        .containsExactly("t.cfg:3: failed to parse unique-id : failed to parse sample expression <nosuch]> : unknown"
            + " fetch method 'nosuch'.");
    assertThat(read("frontend f\n    bind :8000\n    unique-id-format \"%ci_%[src]\"\n").frontend("f").orElseThrow()
        .extras()).anyMatch(x -> x.keyword().equals("unique-id-format") && x.origin().line() == 3);
  }

  @Test
  void read_hashTypeConsistentAlone_isSdbmWithAvalanche() {
    ProxyModel m = read("""
        backend a
            hash-type consistent
            hash-balance-factor 150
            server s 127.0.0.1:1
        backend b
            hash-type consistent sdbm
            server s 127.0.0.1:1
        """);
    assertThat(m.backend("a").orElseThrow().balance().hash()).isEqualTo(new HashSpec("consistent", "sdbm", "avalanche"));
    assertThat(m.backend("b").orElseThrow().balance().hash()).isEqualTo(new HashSpec("consistent", "sdbm", null));
    assertThat(m.backend("a").orElseThrow().extras()).extracting(Setting::keyword).contains("hash-balance-factor");
    assertThat(errors("backend a\n hash-balance-factor 100\n server s 127.0.0.1:1\n"))
        .containsExactly("t.cfg:2: 'hash-balance-factor' must be 0 or greater than 100.");
  }

  @Test
  void read_balanceHash_expressionKeptAndUnknownFetchNamedLikeHaproxy() {
    ProxyModel m = read("backend a\n balance hash req.hdr(x-key),lower\n server s 127.0.0.1:1\n");
    assertThat(m.backend("a").orElseThrow().balance().args()).containsExactly("req.hdr(x-key),lower");
    assertThat(errors("backend a\n balance hash req.cookie(id)\n server s 127.0.0.1:1\n"))
        .containsExactly("t.cfg:2: failed to parse 'balance hash' expression 'req.cookie(id)' in : unknown fetch method"
            + " 'req.cookie'.");
    assertThat(READER.read("t.cfg", "backend a\n mode tcp\n balance rdp-cookie(mstshash)\n server s 127.0.0.1:1\n")
        .warnings()).extracting(Object::toString).anyMatch(w -> w.startsWith("t.cfg:3: 'balance rdp-cookie(mstshash)'"
            + " is supported by HAProxy, not by HAKit"));
  }

  @Test
  void read_proxy_copiesTheLastDefaultsReadBeforeIt() {
    ProxyModel m = read("""
        defaults
            mode http
            timeout server 5s
        backend a
            server s 127.0.0.1:1
        defaults
            timeout connect 2s
        backend b
            server s 127.0.0.1:1
        """);
    Backend a = m.backend("a").orElseThrow();
    Backend b = m.backend("b").orElseThrow();
    assertThat(a.mode()).isEqualTo(Mode.HTTP);
    assertThat(a.timeouts().values()).containsOnlyKeys(TimeoutKind.SERVER);
    assertThat(b.mode()).as("a new defaults section resets, it does not accumulate").isEqualTo(Mode.TCP);
    assertThat(b.timeouts().values()).containsOnlyKeys(TimeoutKind.CONNECT);
  }

  @Test
  void read_from_picksTheNamedDefaults() {
    ProxyModel m = read("""
        defaults web
            mode http
            option http-server-close
        defaults tcp
            mode tcp
        backend a from web
            server s 127.0.0.1:1
        backend b
            server s 127.0.0.1:1
        """);
    assertThat(m.backend("a").orElseThrow().mode()).isEqualTo(Mode.HTTP);
    assertThat(m.backend("a").orElseThrow().connectionMode()).isEqualTo(HttpConnectionMode.SERVER_CLOSE);
    assertThat(m.backend("b").orElseThrow().mode()).isEqualTo(Mode.TCP);
  }

  @Test
  void read_noOption_overridesDefaults() {
    ProxyModel m = read("""
        defaults
            option abortonclose
            option redispatch
            option dontlognull
        backend a
            no option abortonclose
            no option redispatch
        frontend f
            bind :8000
            no option dontlognull
            default_backend a
        """);
    Backend a = m.backend("a").orElseThrow();
    assertThat(a.options()).containsEntry("abortonclose", false);
    assertThat(a.redispatch()).isFalse();
    assertThat(m.frontend("f").orElseThrow().log().dontLogNull()).isFalse();
  }

  @Test
  void read_emptyWordMidLine_endsTheArgumentsLike26WithWarning() {
    ConfigResult r = READER.read("t.cfg", "backend b\n    server s 127.0.0.1:1 \"${EXTRA}\" \"\" weight 100\n");
    Backend b = r.model().backend("b").orElseThrow();
    assertThat(b.servers().get(0).check().enabled()).isTrue();
    assertThat(b.servers().get(0).weight()).isEqualTo(1);
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w.toString()).startsWith("t.cfg:2: argument number 4 is empty"));
  }

  @Test
  void read_referenceErrors_pointAtTheirLines() {
    assertThat(errors("""
        frontend f
            bind :8000
            use_backend nope if { path /x }
            default_backend gone
        backend b
            mode tcp
        frontend g
            mode http
            bind :8001
            default_backend b
        """)).containsExactlyInAnyOrder(
        "t.cfg:3: Proxy 'f': unable to find required use_backend: 'nope'.",
        "t.cfg:4: Proxy 'f': unable to find required default_backend: 'gone'.",
        "t.cfg:10: http frontend 'g' (t.cfg:7) tries to use incompatible tcp backend 'b' (t.cfg:5) as its default"
            + " backend (see 'mode').");
  }

  @Test
  void read_duplicates_areErrorsButFrontendAndBackendMayShareAName() {
    assertThat(errors("backend a\nbackend a\n")).containsExactly(
        "t.cfg:2: backend 'a' has the same name as backend 'a' declared at t.cfg:1.");
    assertThat(errors("backend a\n server s 127.0.0.1:1\n server s 127.0.0.1:2\n")).containsExactly(
        "t.cfg:3: backend 'a', another server named 's' was already defined at line 2, please use distinct names.");
    ProxyModel m = read("frontend a\n bind :8000\n default_backend a\nbackend a\n");
    assertThat(m.frontends()).extracting(Frontend::name).containsExactly("a");
    assertThat(m.backends()).extracting(Backend::name).containsExactly("a");
  }

  @Test
  void read_misplacedKeywords_followHaproxySeverity() {
    ConfigResult r = READER.read("t.cfg", "frontend f\n bind :8000\n balance roundrobin\n timeout server 5s\n"
        + " default_backend b\nbackend b\n maxconn 5\n");
    assertThat(r.warnings()).extracting(Diagnostic::toString).contains(
        "t.cfg:3: 'balance' ignored because frontend 'f' has no backend capability.",
        "t.cfg:4: 'timeout server' will be ignored because frontend 'f' has no backend capability",
        "t.cfg:7: 'maxconn' ignored because backend 'b' has no frontend capability. Maybe you want 'fullconn'"
            + " instead ?");
    assertThat(errors("defaults\n bind :80\n acl a path /x\n")).containsExactly(
        "t.cfg:2: 'bind' not allowed in 'defaults' section.",
        "t.cfg:3: 'acl' not allowed in anonymous 'defaults' section.");
    assertThat(errors("frontend f\n server s 127.0.0.1:1\n")).containsExactly(
        "t.cfg:2: 'server' not allowed because frontend 'f' has no backend capability.");
  }

  @Test
  void read_modifierOnOtherKeyword_isAnErrorAndTheLineStillParsed() {
    assertThat(errors("frontend f\n bind :80\n no timeout client\n")).containsExactly(
        "t.cfg:3: negation/default currently supported only for options, log, busy-polling, set-dumpable,"
            + " strict-limits, insecure-fork-wanted and numa-cpu-mapping.",
        "t.cfg:3: 'timeout client' expects an integer value (in milliseconds)");
  }

  @Test
  void read_conditionErrorStopsTheFile() {
    assertThat(errors("frontend f\n bind :80\n use_backend b if nope\n bogus\n")).containsExactly(
        "t.cfg:3: error detected while parsing switching rule : no such ACL : 'nope'.");
  }

  @Test
  void read_otherSections_areAnnouncedAndSkipped() {
    ConfigResult r = READER.read("t.cfg", "userlist u\n user a insecure-password b\n anything goes\n"
        + "frontend f\n bind :80\n default_backend b\nbackend b\n");
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w.toString())
        .isEqualTo("t.cfg:1: section 'userlist u' is supported by HAProxy, ignored by HAKit (its lines are skipped)."));
  }

  @Test
  void read_spliceGlobals_keptForTheProxyWithoutIgnoredWarning() {
    ConfigResult r = READER.read("t.cfg", "global\n nosplice\n maxpipes 64\n nbthread 2\n hard-stop-after 30s\n"
        + "frontend f\n bind :80\n default_backend b\nbackend b\n");
    assertThat(r.model().global().other()).extracting(s -> s.keyword() + " " + String.join(" ", s.args()))
        .contains("nosplice ", "maxpipes 64");
    assertThat(r.warnings()).extracting(Diagnostic::toString)
        .noneMatch(w -> w.contains("nosplice") || w.contains("maxpipes"))
        .contains("t.cfg:5: 'hard-stop-after' is supported by HAProxy, ignored by HAKit.");
  }

  @Test
  void read_keptKeywords_warnAndLandInExtras() {
    ConfigResult r = READER.read("t.cfg", "frontend f\n bind :80\n tcp-request inspect-delay 5s\n"
        + " default_backend b\nbackend b\n stick-table type ip size 1k\n");
    assertThat(r.model().frontend("f").orElseThrow().extras()).singleElement()
        .satisfies(s -> assertThat(s.args()).containsExactly("inspect-delay", "5s"));
    assertThat(r.model().backend("b").orElseThrow().extras()).singleElement()
        .satisfies(s -> assertThat(s.keyword()).isEqualTo("stick-table"));
    assertThat(r.warnings()).extracting(Diagnostic::toString).contains(
        "t.cfg:3: 'tcp-request inspect-delay' is supported by HAProxy, ignored by HAKit.");
  }

  @Test
  void read_directory_readsItsCfgFilesInNameOrder(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("20-backend.cfg"), "backend b\n server s 127.0.0.1:1\n");
    Files.writeString(dir.resolve("10-defaults.cfg"), "defaults\n mode http\n");
    Files.writeString(dir.resolve("notes.txt"), "not a config\n");
    ProxyModel m = READER.read(List.of(dir)).model();
    assertThat(m.backend("b").orElseThrow().mode()).as("defaults carry over across files").isEqualTo(Mode.HTTP);
  }

  @Test
  void read_timeoutsOfDefaults_splitByCapability() {
    ProxyModel m = read("defaults\n timeout client 7s\n timeout server 9s\nfrontend f\n bind :80\n"
        + " default_backend b\nbackend b\n");
    assertThat(m.frontend("f").orElseThrow().timeouts().values()).containsExactlyEntriesOf(
        Map.of(TimeoutKind.CLIENT, Duration.ofSeconds(7)));
    assertThat(m.backend("b").orElseThrow().timeouts().values()).containsExactlyEntriesOf(
        Map.of(TimeoutKind.SERVER, Duration.ofSeconds(9)));
    assertThatThrownBy(() -> READER.read("t.cfg", "defaults\n timeout client 1.5s\n"))
        .isInstanceOf(ConfigException.class).hasMessage("t.cfg:2: unexpected character '.' in 'timeout client'");
  }
}
