package io.hakit.vrrp.config;

import io.hakit.core.Origin;
import io.hakit.vrrp.GarpSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the VRRP part of a keepalived.conf: {@code global_defs}, {@code vrrp_script},
 * {@code vrrp_instance}, {@code vrrp_sync_group}, and {@code include}s, the way keepalived parses
 * them. Every error is collected with its file:line and thrown once as a
 * {@link KeepalivedConfigException}; everything not applied (unsupported sections and keywords,
 * adjusted values) becomes a warning in {@link KeepalivedConfig#warnings()}, also logged.
 *
 * <pre>{@code
 * KeepalivedConfig config = KeepalivedConfigReader.read(Path.of("/etc/keepalived/keepalived.conf"));
 * }</pre>
 */
public final class KeepalivedConfigReader {
  private static final Logger logger = LoggerFactory.getLogger(KeepalivedConfigReader.class);

  private static final Set<String> OTHER_SECTIONS = Set.of("virtual_server", "virtual_server_group", "real_server",
      "static_ipaddress", "static_routes", "static_rules", "vrrp_track_file", "track_file", "vrrp_track_process",
      "track_process", "bfd_instance", "linkbeat_use_polling", "garp_group", "net_namespace", "namespace_with_ipsets",
      "instance", "use_pid_dir", "child_wait_time", "vrrp_linkbeat_interfaces");

  private KeepalivedConfigReader() {}

  /** Reads a file and its includes. */
  public static KeepalivedConfig read(Path file) {
    Diagnostics d = new Diagnostics();
    List<Token> tokens = new ConfigLexer(d).lex(file);
    return interpret(tokens, d);
  }

  /** Reads text (named {@code name} in diagnostics); includes resolve against the working directory. */
  public static KeepalivedConfig parse(String name, String text) {
    Diagnostics d = new Diagnostics();
    List<Token> tokens = new ConfigLexer(d).lexText(name, text, Path.of("").toAbsolutePath());
    return interpret(tokens, d);
  }

  private static KeepalivedConfig interpret(List<Token> tokens, Diagnostics d) {
    List<ConfNode> top = new BlockParser(tokens, d).parse();
    Values v = new Values(d);
    GlobalDefsReader.Globals globals = new GlobalDefsReader.Globals();
    Map<String, VrrpScriptSpec> scripts = new LinkedHashMap<>();
    List<ConfNode> instanceNodes = new ArrayList<>();
    List<ConfNode> groupNodes = new ArrayList<>();
    for (ConfNode n : top) {
      switch (n.keyword()) {
        case "global_defs" -> {
          if (v.needBlock(n)) {
            for (ConfNode c : n.children()) {
              GlobalDefsReader.TABLE.dispatch(c, globals, v, "global_defs");
            }
          }
        }
        case "vrrp_script" -> script(n, scripts, v);
        case "vrrp_instance" -> instanceNodes.add(n);
        case "vrrp_sync_group" -> groupNodes.add(n);
        default -> {
          if (OTHER_SECTIONS.contains(n.keyword())) {
            d.warn(n.origin(), "'" + n.keyword() + "' is not supported by HAKit (VRRP only); ignored");
          } else {
            d.warn(n.origin(), "unknown top-level keyword '" + n.keyword() + "'; ignored");
          }
        }
      }
    }
    GarpSettings globalGarp = globals.garp.over(GarpSettings.KEEPALIVED_DEFAULTS, false);
    List<VrrpInstanceSpec> instances = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfNode n : instanceNodes) {
      String name = sectionName(n, d);
      if (name == null || !v.needBlock(n)) {
        continue;
      }
      if (!names.add(name)) {
        d.error(n.origin(), "vrrp_instance " + name + " is defined twice");
        continue;
      }
      InstanceReader.Instance i = new InstanceReader.Instance();
      for (ConfNode c : n.children()) {
        InstanceReader.TABLE.dispatch(c, i, v, "vrrp_instance " + name);
      }
      VrrpInstanceSpec spec = InstanceReader.build(name, i, n.origin(), globals.vrrpVersion, globalGarp, v);
      if (spec != null) {
        instances.add(spec);
      }
    }
    checkReferences(instances, scripts, d);
    List<SyncGroupSpec> groups = new ArrayList<>();
    for (ConfNode n : groupNodes) {
      SyncGroupSpec g = SyncGroupReader.read(n, names, v);
      if (g != null) {
        groups.add(g);
      }
    }
    if (instances.isEmpty() && !d.hasErrors()) {
      d.warn(Origin.UNKNOWN, "no vrrp_instance in the configuration");
    }
    for (ConfigDiagnostic w : d.warnings()) {
      logger.warn("{}", w);
    }
    if (d.hasErrors()) {
      throw new KeepalivedConfigException(d.all());
    }
    String routerId = globals.routerId != null ? globals.routerId : hostName();
    return new KeepalivedConfig(routerId, globals.vrrpVersion, globalGarp, scripts, instances, groups, d.warnings(),
        globals.scheduling());
  }

  private static void script(ConfNode n, Map<String, VrrpScriptSpec> scripts, Values v) {
    String name = sectionName(n, v.diagnostics());
    if (name == null || !v.needBlock(n)) {
      return;
    }
    ScriptReader.Script s = new ScriptReader.Script();
    for (ConfNode c : n.children()) {
      ScriptReader.TABLE.dispatch(c, s, v, "vrrp_script " + name);
    }
    if (scripts.putIfAbsent(name, ScriptReader.build(name, s, n.origin(), v)) != null) {
      v.diagnostics().error(n.origin(), "vrrp_script " + name + " is defined twice");
    }
  }

  static @Nullable String sectionName(ConfNode n, Diagnostics d) {
    if (n.args().size() != 1) {
      d.error(n.origin(), "'" + n.keyword() + "': " + n.args().size() + " names (expected: one name, e.g. "
          + n.keyword() + " VI_1 { ... })");
      return null;
    }
    return n.args().get(0);
  }

  private static void checkReferences(List<VrrpInstanceSpec> instances, Map<String, VrrpScriptSpec> scripts,
      Diagnostics d) {
    Map<String, VrrpInstanceSpec> byVrid = new LinkedHashMap<>();
    for (VrrpInstanceSpec i : instances) {
      for (TrackRef t : i.trackScripts()) {
        if (!scripts.containsKey(t.name())) {
          d.error(t.origin(), "vrrp_instance " + i.name() + ": track_script '" + t.name()
              + "' is not defined (expected: a vrrp_script " + t.name() + " { ... } block)");
        }
      }
      String key = i.interfaceName() + "/" + i.vrid() + "/" + (i.virtualAddresses().isEmpty()
          || i.virtualAddresses().get(0).isIpv4() ? 4 : 6);
      VrrpInstanceSpec clash = byVrid.putIfAbsent(key, i);
      if (clash != null) {
        d.error(i.origin(), "vrrp_instance " + i.name() + ": virtual_router_id " + i.vrid() + " on "
            + i.interfaceName() + " is already used by " + clash.name() + " (" + clash.origin() + ")");
      }
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
