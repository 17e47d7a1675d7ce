package io.hakit.benchmarks.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The origins: one nginx process (Debian's package, {@code apt-get install nginx-light}) with one
 * worker, listening on every origin port, on keep-alive. The static server's port serves only the
 * 1 MiB file and the app servers' ports only the 100-byte one, so a request the proxy routes to
 * the wrong backend gets a 404 and makes the run invalid. One process on the load CPU keeps the
 * origins cheap and out of the proxy's core.
 */
final class NginxOrigin {

  private NginxOrigin() {}

  /** Starts nginx; {@link RunningOrigin} waits until it serves. */
  static ChildProcess start(String nginx, RigConfig.OriginPorts ports, Path dir, String cpus) {
    if (!Files.isExecutable(Path.of(nginx))) {
      throw new RigFailure(
          nginx + " not found: install Debian's nginx (apt-get install nginx-light) or pass"
              + " --nginx PATH, or use --origin builtin");
    }
    try {
      Path staticRoot = dir.resolve("www-static");
      Path appRoot = dir.resolve("www-app");
      Files.createDirectories(staticRoot.resolve("static"));
      Files.createDirectories(appRoot);
      Files.createDirectories(dir.resolve("nginx-temp"));
      Files.write(appRoot.resolve("small"), body(RigFiles.SMALL_SIZE));
      Files.write(staticRoot.resolve("static").resolve("big.bin"), body(RigFiles.BIG_SIZE));
      Path conf = dir.resolve("nginx.conf");
      Files.writeString(conf, config(ports, dir, staticRoot, appRoot), StandardCharsets.US_ASCII);
      return ChildProcess.start(
          "nginx origin", List.of(nginx, "-c", conf.toString()), cpus, dir.resolve("nginx.log"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the origin in " + dir, e);
    }
  }

  private static byte[] body(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'x');
    bytes[size - 1] = '\n';
    return bytes;
  }

  private static String config(
      RigConfig.OriginPorts ports, Path dir, Path staticRoot, Path appRoot) {
    String temp = dir.resolve("nginx-temp").toString();
    // master_process off: one process, so the rig's kill reaches everything nginx started.
    return "daemon off;\n"
        + "master_process off;\n"
        + "worker_processes 1;\n"
        + "worker_rlimit_nofile 19500;\n"
        + "error_log " + dir.resolve("nginx-error.log") + " warn;\n"
        + "pid " + dir.resolve("nginx.pid") + ";\n"
        + "events {\n  worker_connections 19000;\n  multi_accept on;\n}\n"
        + "http {\n"
        + "  access_log off;\n"
        + "  default_type application/octet-stream;\n"
        + "  sendfile on;\n"
        + "  tcp_nodelay on;\n"
        + "  keepalive_requests 100000000;\n"
        + "  keepalive_timeout 300s;\n"
        + "  client_body_temp_path " + temp + "/body;\n"
        + "  proxy_temp_path " + temp + "/proxy;\n"
        + "  fastcgi_temp_path " + temp + "/fastcgi;\n"
        + "  uwsgi_temp_path " + temp + "/uwsgi;\n"
        + "  scgi_temp_path " + temp + "/scgi;\n"
        + "  server {\n"
        + "    listen 127.0.0.1:" + ports.staticServer() + " backlog=4096;\n"
        + "    root " + staticRoot + ";\n"
        + "    location / { }\n"
        + "  }\n"
        + "  server {\n"
        + "    listen 127.0.0.1:" + ports.app1() + " backlog=4096;\n"
        + "    listen 127.0.0.1:" + ports.app2() + " backlog=4096;\n"
        + "    root " + appRoot + ";\n"
        + "    location / { }\n"
        + "  }\n"
        + "}\n";
  }
}
