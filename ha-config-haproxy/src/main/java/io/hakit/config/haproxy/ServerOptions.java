package io.hakit.config.haproxy;

import java.util.Map;

/**
 * The {@code server} / {@code default-server} options of 2.6 and how many value words each takes
 * ({@code haproxy -dKcfg}, "server &lt;name&gt; &lt;addr&gt; X +1"). The ones the model types are
 * read by {@link ServerKeywords}; the others are kept as written.
 */
final class ServerOptions {
  static final Map<String, Integer> ARITY = Map.ofEntries(
      Map.entry("addr", 1), Map.entry("agent-addr", 1), Map.entry("agent-check", 0), Map.entry("agent-inter", 1),
      Map.entry("agent-port", 1), Map.entry("agent-send", 1), Map.entry("allow-0rtt", 0), Map.entry("alpn", 1),
      Map.entry("backup", 0), Map.entry("ca-file", 1), Map.entry("check", 0), Map.entry("check-alpn", 1),
      Map.entry("check-proto", 1), Map.entry("check-send-proxy", 0), Map.entry("check-sni", 1),
      Map.entry("check-ssl", 0), Map.entry("check-via-socks4", 0), Map.entry("ciphers", 1),
      Map.entry("ciphersuites", 1), Map.entry("cookie", 1), Map.entry("crl-file", 1), Map.entry("crt", 1),
      Map.entry("disabled", 0), Map.entry("downinter", 1), Map.entry("enabled", 0), Map.entry("error-limit", 1),
      Map.entry("fall", 1), Map.entry("fastinter", 1), Map.entry("force-sslv3", 0), Map.entry("force-tlsv10", 0),
      Map.entry("force-tlsv11", 0), Map.entry("force-tlsv12", 0), Map.entry("force-tlsv13", 0), Map.entry("id", 1),
      Map.entry("init-addr", 1), Map.entry("inter", 1), Map.entry("log-proto", 1), Map.entry("max-reuse", 1),
      Map.entry("maxconn", 1), Map.entry("maxqueue", 1), Map.entry("minconn", 1), Map.entry("namespace", 1),
      Map.entry("no-agent-check", 0), Map.entry("no-backup", 0), Map.entry("no-check", 0),
      Map.entry("no-check-ssl", 0), Map.entry("no-send-proxy", 0), Map.entry("no-send-proxy-v2", 0),
      Map.entry("no-send-proxy-v2-ssl", 0), Map.entry("no-send-proxy-v2-ssl-cn", 0), Map.entry("no-ssl", 0),
      Map.entry("no-ssl-reuse", 0), Map.entry("no-sslv3", 0), Map.entry("no-tfo", 0),
      Map.entry("no-tls-tickets", 0), Map.entry("no-tlsv10", 0), Map.entry("no-tlsv11", 0),
      Map.entry("no-tlsv12", 0), Map.entry("no-tlsv13", 0), Map.entry("no-check-send-proxy", 0), Map.entry("usesrc", 1),
      Map.entry("non-stick", 0), Map.entry("npn", 1), Map.entry("observe", 1), Map.entry("on-error", 1),
      Map.entry("on-marked-down", 1), Map.entry("on-marked-up", 1), Map.entry("pool-low-conn", 1),
      Map.entry("pool-max-conn", 1), Map.entry("pool-purge-delay", 1), Map.entry("port", 1), Map.entry("proto", 1),
      Map.entry("proxy-v2-options", 1), Map.entry("redir", 1), Map.entry("resolve-net", 1),
      Map.entry("resolve-opts", 1), Map.entry("resolve-prefer", 1), Map.entry("resolvers", 1), Map.entry("rise", 1),
      Map.entry("send-proxy", 0), Map.entry("send-proxy-v2", 0), Map.entry("send-proxy-v2-ssl", 0),
      Map.entry("send-proxy-v2-ssl-cn", 0), Map.entry("slowstart", 1), Map.entry("sni", 1), Map.entry("socks4", 1),
      Map.entry("source", 1), Map.entry("ssl", 0), Map.entry("ssl-max-ver", 1), Map.entry("ssl-min-ver", 1),
      Map.entry("ssl-reuse", 0), Map.entry("stick", 0), Map.entry("tcp-ut", 1), Map.entry("tfo", 0),
      Map.entry("tls-tickets", 0), Map.entry("track", 1), Map.entry("verify", 1), Map.entry("verifyhost", 1),
      Map.entry("weight", 1), Map.entry("ws", 1));

  private ServerOptions() {}
}
