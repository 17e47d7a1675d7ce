package io.hakit.config.haproxy;

import java.util.Map;

/** The {@code bind} options of 2.6 and how many value words each takes ({@code haproxy -dKcfg}). */
final class BindOptions {
  static final Map<String, Integer> ARITY = Map.ofEntries(
      Map.entry("accept-netscaler-cip", 1), Map.entry("accept-proxy", 0), Map.entry("allow-0rtt", 0),
      Map.entry("alpn", 1), Map.entry("backlog", 1), Map.entry("ca-file", 1), Map.entry("ca-ignore-err", 1),
      Map.entry("ca-sign-file", 1), Map.entry("ca-sign-pass", 1), Map.entry("ca-verify-file", 1),
      Map.entry("ciphers", 1), Map.entry("ciphersuites", 1), Map.entry("crl-file", 1), Map.entry("crt", 1),
      Map.entry("crt-ignore-err", 1), Map.entry("crt-list", 1), Map.entry("curves", 1), Map.entry("defer-accept", 0),
      Map.entry("ecdhe", 1), Map.entry("expose-fd", 1), Map.entry("force-sslv3", 0), Map.entry("force-tlsv10", 0),
      Map.entry("force-tlsv11", 0), Map.entry("force-tlsv12", 0), Map.entry("force-tlsv13", 0),
      Map.entry("generate-certificates", 0), Map.entry("gid", 1), Map.entry("group", 1), Map.entry("id", 1),
      Map.entry("interface", 1), Map.entry("level", 1), Map.entry("maxconn", 1), Map.entry("mode", 1),
      Map.entry("mss", 1), Map.entry("name", 1), Map.entry("namespace", 1), Map.entry("nice", 1),
      Map.entry("no-ca-names", 0), Map.entry("no-sslv3", 0), Map.entry("no-tls-tickets", 0),
      Map.entry("no-tlsv10", 0), Map.entry("no-tlsv11", 0), Map.entry("no-tlsv12", 0), Map.entry("no-tlsv13", 0),
      Map.entry("npn", 1), Map.entry("prefer-client-ciphers", 0), Map.entry("process", 1), Map.entry("proto", 1),
      Map.entry("severity-output", 1), Map.entry("shards", 1), Map.entry("ssl", 0), Map.entry("ssl-max-ver", 1),
      Map.entry("ssl-min-ver", 1), Map.entry("strict-sni", 0), Map.entry("tcp-ut", 1), Map.entry("tfo", 0),
      Map.entry("thread", 1), Map.entry("tls-ticket-keys", 1), Map.entry("transparent", 0), Map.entry("uid", 1),
      Map.entry("user", 1), Map.entry("v4v6", 0), Map.entry("v6only", 0), Map.entry("verify", 1));

  private BindOptions() {}
}
