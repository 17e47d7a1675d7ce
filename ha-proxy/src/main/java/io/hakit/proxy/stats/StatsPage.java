package io.hakit.proxy.stats;

import io.hakit.core.model.Setting;
import io.hakit.core.model.StatsSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code stats enable} page of one proxy: requests whose URI starts with {@code stats uri}
 * (default {@code /haproxy?stats}) get the HTML report, or with {@code ;csv} the same CSV as
 * {@code show stat}. {@code stats auth} asks for HTTP Basic credentials in {@code stats realm};
 * {@code stats refresh} adds a {@code Refresh} header; {@code stats hide-version} keeps the
 * version off the page. Addresses and algorithms are shown only with {@code stats show-legends}.
 * Immutable; answers on the calling event loop (a page is a few kB of text built from counters).
 */
public final class StatsPage {
  /** HAProxy's realm when {@code stats realm} is not set. */
  static final String DEFAULT_REALM = "HAProxy Statistics";

  private final StatsSpec spec;
  private final ProxyStats stats;
  private final List<String> credentials;
  private final CliLevel level;

  /** An HTTP response ready to write. */
  public record Answer(int status, byte[] bytes) {}

  public StatsPage(StatsSpec spec, ProxyStats stats) {
    this.spec = spec;
    this.stats = stats;
    this.credentials = spec.auth().stream()
        .map(a -> Base64.getEncoder().encodeToString(a.getBytes(StandardCharsets.UTF_8))).toList();
    boolean legends = false;
    for (Setting s : spec.other()) {
      legends |= s.args().size() == 1 && s.args().get(0).equals("show-legends");
    }
    this.level = legends ? CliLevel.OPERATOR : CliLevel.USER;
  }

  /** True when this request is for the stats page. */
  public boolean matches(String uri) {
    return uri.startsWith(spec.uri());
  }

  /**
   * The page for a request that {@link #matches}.
   *
   * @param authorization the request's Authorization header, or null
   */
  public Answer answer(String method, String uri, @Nullable String authorization) {
    if (!credentials.isEmpty() && !authorized(authorization)) {
      String realm = spec.realm() != null ? spec.realm() : DEFAULT_REALM;
      String body = "<html><body><h1>401 Unauthorized</h1>\n"
          + "You need a valid user and password to access this content.\n"
          + "</body></html>\n";
      return response(401, "Unauthorized", "text/html", body,
          "www-authenticate: Basic realm=\"" + realm.replace("\"", "") + "\"\r\n", method);
    }
    String options = uri.substring(spec.uri().length());
    boolean upOnly = options.contains(";up");
    StatCsv.Filter filter = new StatCsv.Filter(null, -1, -1, upOnly, false);
    String csv = StatCsv.render(stats, level, filter);
    if (options.contains(";csv")) {
      return response(200, "OK", "text/plain", csv, "", method);
    }
    String refresh = spec.refresh() != null && !options.contains(";norefresh")
        ? "refresh: " + Math.max(1, spec.refresh().toSeconds()) + "\r\n" : "";
    String html = StatsHtml.render(csv, stats, spec.hideVersion(), spec.uri());
    return response(200, "OK", "text/html", html, refresh, method);
  }

  private boolean authorized(@Nullable String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String given = authorization.substring(6).trim();
    for (String c : credentials) {
      if (java.security.MessageDigest.isEqual(c.getBytes(StandardCharsets.US_ASCII),
          given.getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  private static Answer response(int status, String reason, String type, String body, String extraHeaders,
      String method) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + reason + "\r\ncache-control: no-cache\r\ncontent-type: " + type
        + "\r\ncontent-length: " + content.length + "\r\n" + extraHeaders + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    if (method.equals("HEAD")) {
      return new Answer(status, h);
    }
    byte[] out = new byte[h.length + content.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(content, 0, out, h.length, content.length);
    return new Answer(status, out);
  }
}
