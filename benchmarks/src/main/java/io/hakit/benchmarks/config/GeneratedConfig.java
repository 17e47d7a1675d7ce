package io.hakit.benchmarks.config;

/**
 * A realistic haproxy.cfg of about the requested number of lines, valid for HAProxy 2.6 and HAKit
 * alike: global and defaults sections, then frontends with ACLs, http-request rules and switching
 * rules, and backends with health-checked servers. Deterministic: the same size gives the same
 * text.
 */
public final class GeneratedConfig {
  private GeneratedConfig() {}

  public static String generate(int lines) {
    StringBuilder sb = new StringBuilder(lines * 40);
    sb.append("global\n    log 127.0.0.1 local2\n    maxconn 4000\n    nbthread 2\n\n")
        .append("defaults\n    mode http\n    log global\n    option httplog\n    option dontlognull\n")
        .append("    option http-server-close\n    option forwardfor except 127.0.0.0/8\n    option redispatch\n")
        .append("    retries 3\n    timeout http-request 10s\n    timeout queue 1m\n    timeout connect 10s\n")
        .append("    timeout client 1m\n    timeout server 1m\n    timeout check 10s\n    maxconn 3000\n");
    int count = 22;
    for (int i = 0; count < lines; i++) {
      sb.append("\n# application ").append(i).append('\n')
          .append("frontend fe_").append(i).append('\n')
          .append("    bind 127.0.0.1:").append(10000 + i % 50000).append('\n')
          .append("    acl is_static path_beg -i /static /images /javascript /stylesheets\n")
          .append("    acl is_api hdr_beg(host) -i api.").append(i).append(".example.org\n")
          .append("    acl is_admin src 127.0.0.0/8 ::1\n")
          .append("    http-request deny deny_status 403 if { path_beg /admin } !is_admin\n")
          .append("    http-request set-header X-App \"app ").append(i).append("\"\n")
          .append("    http-request add-header X-Forwarded-Proto http\n")
          .append("    use_backend be_static_").append(i).append(" if is_static\n")
          .append("    use_backend be_api_").append(i).append(" if is_api || { path_beg /api/ }\n")
          .append("    default_backend be_app_").append(i).append('\n');
      count += 13;
      for (String kind : new String[] {"static", "api", "app"}) {
        sb.append("\nbackend be_").append(kind).append('_').append(i).append('\n')
            .append("    balance ").append(kind.equals("api") ? "leastconn" : "roundrobin").append('\n')
            .append("    option httpchk GET /health\n")
            .append("    http-check expect status 200\n")
            .append("    default-server inter 3s fall 3 rise 2\n");
        count += 6;
        for (int s = 0; s < 4; s++) {
          sb.append("    server s").append(s).append(" 127.0.0.").append(1 + s).append(':')
              .append(8000 + (i * 4 + s) % 50000).append(" check weight ").append(10 + s).append(" maxconn 100\n");
          count++;
        }
      }
    }
    return sb.toString();
  }

  /** The number of lines of a text. */
  public static long lines(String text) {
    return text.chars().filter(c -> c == '\n').count();
  }
}
