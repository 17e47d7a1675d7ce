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
 * worker, listening on every origin port, serving a 100-byte and a 1 MiB file on keep-alive. One
 * process on the load CPU keeps the origins cheap and out of the proxy's core.
 */
final class NginxOrigin {

  private static final long STARTUP_TIMEOUT_MILLIS = 15_000;

  private final ChildProcess process;

  private NginxOrigin(ChildProcess process) {
    this.process = process;
  }

  static NginxOrigin start(String nginx, RigConfig.OriginPorts ports, Path dir, String cpus) {
    if (!Files.isExecutable(Path.of(nginx))) {
      throw new RigFailure(
          nginx + " not found: install Debian's nginx (apt-get install nginx-light) or pass"
              + " --nginx PATH");
    }
    try {
      Path www = dir.resolve("www");
      Files.createDirectories(www.resolve("static"));
      Files.createDirectories(dir.resolve("nginx-temp"));
      Files.write(www.resolve("small"), body(RigFiles.SMALL_SIZE));
      Files.write(www.resolve("static").resolve("big.bin"), body(RigFiles.BIG_SIZE));
      Path conf = dir.resolve("nginx.conf");
      Files.writeString(conf, config(ports, dir, www), StandardCharsets.US_ASCII);
      ChildProcess process =
          ChildProcess.start(
              "nginx origin", List.of(nginx, "-c", conf.toString()), cpus, dir.resolve("nginx.log"));
      NginxOrigin origin = new NginxOrigin(process);
      for (int port : new int[] {ports.staticServer(), ports.app1(), ports.app2()}) {
        HttpProbe.awaitOk(
            "nginx origin", port, RigFiles.SMALL_PATH, STARTUP_TIMEOUT_MILLIS, process::isAlive);
      }
      return origin;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the origin in " + dir, e);
    }
  }

  void requireAlive() {
    process.requireAlive();
  }

  private static byte[] body(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'x');
    bytes[size - 1] = '\n';
    return bytes;
  }

  private static String config(RigConfig.OriginPorts ports, Path dir, Path www) {
    String temp = dir.resolve("nginx-temp").toString();
    StringBuilder listens = new StringBuilder();
    for (int port : new int[] {ports.staticServer(), ports.app1(), ports.app2()}) {
      listens.append("    listen 127.0.0.1:").append(port).append(" backlog=4096;\n");
    }
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
        + listens
        + "    root " + www + ";\n"
        + "    location / { }\n"
        + "  }\n"
        + "}\n";
  }
}
