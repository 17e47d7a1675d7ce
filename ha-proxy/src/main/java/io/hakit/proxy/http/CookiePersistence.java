package io.hakit.proxy.http;

import io.hakit.core.HaException;
import io.hakit.core.model.Backend;
import io.hakit.core.model.CookieSpec;
import io.hakit.core.model.Mode;
import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A backend's {@code cookie} persistence compiled for the hot path, with HAProxy 2.6's semantics
 * (established against haproxy 2.6.12): the request's persistence cookie designates a server
 * (the first one in config order whose {@code cookie} value it is, UP, or DOWN under
 * {@code option persist}), bypassing the balancer; {@code insert} adds a {@code Set-Cookie} when
 * the client did not designate the server that answered, {@code rewrite} and {@code prefix} edit
 * the server's own cookie, {@code indirect} hides the cookie from the server, {@code maxidle} and
 * {@code maxlife} date inserted cookies. Immutable and shared by every event loop; the state of
 * one transaction is a {@link CookieTransaction}.
 */
final class CookiePersistence {
  enum Kind { PASSIVE, INSERT, REWRITE, PREFIX }

  private static final String EXPIRED = "=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/";

  final String name;
  final Kind kind;
  final boolean indirect;
  final boolean nocache;
  final boolean postonly;
  final boolean preserve;
  /** {@code option persist}: a cookie designating a DOWN server still goes there. */
  final boolean persist;
  /** Seconds, 0 = not set. */
  final long maxIdle;
  final long maxLife;
  /** {@code ; domain=...; HttpOnly; Secure; attr...}, appended to every inserted cookie. */
  private final String attributes;
  private final ServerState[] servers;
  /** The servers' {@code cookie} values, index-aligned with {@link #servers}; null for none. */
  private final @Nullable String[] values;

  private CookiePersistence(CookieSpec spec, Backend model, List<ServerState> servers) {
    this.name = spec.name();
    Kind k = Kind.PASSIVE;
    boolean ind = false;
    boolean noc = false;
    boolean post = false;
    boolean pres = false;
    boolean httpOnly = false;
    boolean secure = false;
    long idle = 0;
    long life = 0;
    StringBuilder domains = new StringBuilder();
    StringBuilder attrs = new StringBuilder();
    List<String> o = spec.options();
    String where = "backend '" + model.name() + "': cookie " + name + " at " + spec.origin() + ": ";
    for (int i = 0; i < o.size(); i++) {
      String w = o.get(i);
      switch (w) {
        case "rewrite", "insert", "prefix" -> {
          if (k != Kind.PASSIVE) {
            throw new HaException(where + "cookie 'rewrite', 'insert' and 'prefix' modes are incompatible.");
          }
          k = Kind.valueOf(w.toUpperCase(Locale.ROOT));
        }
        case "indirect" -> ind = true;
        case "nocache" -> noc = true;
        case "postonly" -> post = true;
        case "preserve" -> pres = true;
        case "httponly" -> httpOnly = true;
        case "secure" -> secure = true;
        // Dynamic cookies (from dynamic-cookie-key) are not generated: the config reader warns.
        case "dynamic" -> { }
        case "domain", "attr", "maxidle", "maxlife" -> {
          if (i + 1 >= o.size() || o.get(i + 1).isEmpty()) {
            throw new HaException(where + "'" + w + "' expects an argument.");
          }
          String v = o.get(++i);
          switch (w) {
            case "domain" -> domains.append("; domain=").append(v);
            case "attr" -> attrs.append("; ").append(v);
            case "maxidle" -> idle = seconds(v, where);
            default -> life = seconds(v, where);
          }
        }
        default -> throw new HaException(where + "'cookie' supports 'rewrite', 'insert', 'prefix', 'indirect',"
            + " 'nocache', 'postonly', 'domain', 'maxidle', 'dynamic', 'maxlife' and 'attr' options.");
      }
    }
    if (k == Kind.REWRITE && ind) {
      throw new HaException(where + "cookie 'rewrite' and 'indirect' modes are incompatible.");
    }
    if (pres && k != Kind.INSERT && !ind) {
      throw new HaException(where + "cookie 'preserve' requires at least 'insert' or 'indirect'.");
    }
    this.kind = k;
    this.indirect = ind;
    this.nocache = noc;
    this.postonly = post;
    this.preserve = pres;
    this.maxIdle = idle;
    this.maxLife = life;
    this.persist = Boolean.TRUE.equals(model.options().get("persist"));
    this.attributes = domains + (httpOnly ? "; HttpOnly" : "") + (secure ? "; Secure" : "") + attrs;
    this.servers = servers.toArray(new ServerState[0]);
    this.values = new String[this.servers.length];
    for (int i = 0; i < this.servers.length; i++) {
      values[i] = this.servers[i].model().cookie();
    }
  }

  /** {@code maxidle}/{@code maxlife}: a number of seconds, or with a unit (us, ms, s, m, h, d). */
  private static long seconds(String v, String where) {
    int i = 0;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new HaException(where + "expects a time in seconds, was '" + v + "'.");
    }
    long n = Long.parseLong(v.substring(0, Math.min(i, 12)));
    return switch (v.substring(i)) {
      case "", "s" -> n;
      case "us" -> n / 1_000_000;
      case "ms" -> n / 1000;
      case "m" -> n * 60;
      case "h" -> n * 3600;
      case "d" -> n * 86400;
      default -> throw new HaException(where + "unexpected character '" + v.charAt(i) + "' in a time, was '" + v + "'.");
    };
  }

  /** The persistence of every HTTP backend with a {@code cookie}, by backend (identity). */
  static Map<BackendState, CookiePersistence> compileAll(Collection<BackendState> backends) {
    Map<BackendState, CookiePersistence> out = new IdentityHashMap<>();
    for (BackendState be : backends) {
      CookieSpec spec = be.model().cookie();
      if (spec != null && be.model().mode() == Mode.HTTP) {
        out.put(be, new CookiePersistence(spec, be.model(), be.servers()));
      }
    }
    return out;
  }

  /** Compiles one backend's cookie (tests); null when it has none. */
  static @Nullable CookiePersistence of(BackendState be) {
    return compileAll(List.of(be)).get(be);
  }

  /**
   * HAProxy logs the cookie flags of {@code %tsc} only for rewrite, insert, prefix or indirect
   * (a passive {@code cookie NAME} logs "--").
   */
  boolean logsFlags() {
    return kind != Kind.PASSIVE || indirect;
  }

  // ---------------------------------------------------------------- request

  /**
   * Reads the persistence cookie of every {@code Cookie} header: designates the server (first
   * match wins), records the request flag and dates, and edits the headers as HAProxy does
   * (indirect insert: removed; prefix: {@code SRV~} stripped; spaces around {@code =} dropped).
   */
  void onRequest(HttpHead req, CookieTransaction t, long nowSeconds) {
    for (int i = 0; i < req.headerCount(); i++) {
      if (!req.headerName(i).equals("cookie")) {
        continue;
      }
      String value = req.headerValue(i);
      StringBuilder h = new StringBuilder(value);
      requestHeader(h, t, nowSeconds);
      if (h.length() == 0) {
        req.removeAt(i);
        i--;
      } else if (!CookieText.regionIs(h, 0, h.length(), value)) {
        req.setValue(i, h.toString());
      }
    }
  }

  private void requestHeader(StringBuilder h, CookieTransaction t, long now) {
    int end = h.length();
    int delFrom = -1;
    boolean keepHeader = false;
    boolean first = true;
    int next;
    for (int prev = 0; prev < end; prev = next) {
      int attBeg = first ? prev : prev + 1;
      first = false;
      while (attBeg < end && CookieText.isSpace(h.charAt(attBeg))) {
        attBeg++;
      }
      int equal = attBeg;
      int attEnd = attBeg;
      while (equal < end) {
        char c = h.charAt(equal);
        if (c == '=' || c == ',' || c == ';') {
          break;
        }
        equal++;
        if (!CookieText.isSpace(c)) {
          attEnd = equal;
        }
      }
      int valBeg;
      int valEnd;
      if (equal < end && h.charAt(equal) == '=') {
        valBeg = equal + 1;
        while (valBeg < end && CookieText.isSpace(h.charAt(valBeg))) {
          valBeg++;
        }
        next = CookieText.valueEnd(h, valBeg, end);
        valEnd = next;
        while (valEnd > valBeg && CookieText.isSpace(h.charAt(valEnd - 1))) {
          valEnd--;
        }
      } else {
        valBeg = valEnd = next = equal;
      }
      if (attBeg < end && h.charAt(attBeg) == '$') {
        // RFC 2109 attributes go with the cookie before them.
        continue;
      }
      if (equal == next) {
        // Not a NAME=VALUE: kept; a cookie of ours waiting for removal goes now.
        keepHeader = true;
        if (delFrom >= 0) {
          int[] r = CookieText.removeValue(h, delFrom, prev);
          next += r[1];
          end += r[1];
          delFrom = -1;
        }
        continue;
      }
      if (attEnd != equal || valBeg > equal + 1) {
        int shift = CookieText.tightenEquals(h, attEnd, equal, valBeg);
        equal = attEnd;
        valBeg = attEnd + 1;
        valEnd += shift;
        next += shift;
        end += shift;
      }
      if (CookieText.regionIs(h, attBeg, attEnd, name)) {
        int delim = ours(h, valBeg, valEnd, t, now);
        if (kind == Kind.PREFIX && delim != valEnd) {
          h.delete(valBeg, delim + 1);
          int shift = valBeg - (delim + 1);
          next += shift;
          end += shift;
          delFrom = -1;
          keepHeader = true;
        } else if (delFrom < 0 && kind == Kind.INSERT && indirect) {
          delFrom = prev;
        }
      } else {
        keepHeader = true;
        if (delFrom >= 0) {
          int[] r = CookieText.removeValue(h, delFrom, prev);
          next += r[1];
          end += r[1];
          delFrom = -1;
        }
      }
    }
    if (delFrom >= 0) {
      h.setLength(keepHeader ? delFrom : 0);
    }
  }

  /**
   * One persistence cookie {@code h[valBeg, valEnd)}: its dates, its server. Returns where the
   * server's part ends (the {@code ~} of prefix mode, else the first {@code |} or the end).
   */
  private int ours(StringBuilder h, int valBeg, int valEnd, CookieTransaction t, long now) {
    int delim = valEnd;
    if (kind == Kind.PREFIX) {
      int tilde = CookieText.indexOf(h, '~', valBeg, valEnd);
      delim = tilde < 0 ? valEnd : tilde;
    } else {
      int bar = CookieText.indexOf(h, '|', valBeg, valEnd);
      if (bar >= 0) {
        delim = bar;
        int last = bar + 1;
        if (valEnd - last >= 5) {
          int v = CookieText.decode30(h, last);
          if (v > 0) {
            t.lastDate = (long) v << 2;
          }
        }
        int bar2 = CookieText.indexOf(h, '|', last, valEnd);
        if (bar2 >= 0 && valEnd - bar2 > 5) {
          int v = CookieText.decode30(h, bar2 + 1);
          if (v > 0) {
            t.firstDate = (long) v << 2;
          }
        }
      }
    }
    boolean ignored = false;
    if (t.firstDate != 0 && maxLife != 0 && (now - t.firstDate > maxLife || t.firstDate - now > 86400)) {
      t.request = 'O';
      ignored = true;
    } else if (t.lastDate != 0 && maxIdle != 0 && (now - t.lastDate > maxIdle || t.lastDate - now > 86400)) {
      t.request = 'E';
      ignored = true;
    }
    if (ignored) {
      t.firstDate = 0;
      t.lastDate = 0;
    }
    // An empty value designates no server (not even one without a cookie); once a server is
    // designated, later persistence cookies change nothing.
    boolean found = false;
    if (!ignored && delim != valBeg && t.direct == null) {
      for (int i = 0; i < servers.length; i++) {
        String v = values[i];
        if (v != null && CookieText.regionIs(h, valBeg, delim, v)) {
          ServerState s = servers[i];
          if (s.isUp() || persist) {
            t.request = s.isUp() ? 'V' : 'D';
            t.direct = s;
            found = true;
            break;
          }
          t.request = 'D';
        }
      }
    }
    if (!found && t.request == 'N') {
      t.request = 'I';
    }
    return delim;
  }

  // ---------------------------------------------------------------- response

  /**
   * Processes the server's {@code Set-Cookie} headers and inserts the persistence cookie (and
   * {@code Cache-Control: private} under nocache) as HAProxy does, for a final response of
   * {@code served} to {@code req}.
   */
  void onResponse(HttpHead req, HttpHead resp, ServerState served, CookieTransaction t, long now) {
    String own = served.model().cookie();
    for (int i = 0; i < resp.headerCount(); i++) {
      if (!resp.headerName(i).equals("set-cookie")) {
        continue;
      }
      String value = resp.headerValue(i);
      StringBuilder h = new StringBuilder(value);
      if (responseHeader(h, t, own)) {
        resp.removeAt(i);
        i--;
      } else if (!CookieText.regionIs(h, 0, h.length(), value)) {
        resp.setValue(i, h.toString());
      }
    }
    if (kind != Kind.INSERT || (preserve && t.response == 'P') || (postonly && !req.method.equals("POST"))) {
      return;
    }
    boolean direct = t.direct != null;
    boolean refresh = !direct
        || ((maxIdle != 0 || t.lastDate != 0) && (t.lastDate == 0 || t.lastDate - now < 0))
        || (maxLife != 0 && t.firstDate == 0)
        || (maxLife == 0 && t.firstDate != 0);
    if (!refresh) {
      return;
    }
    StringBuilder c = new StringBuilder(name.length() + 64).append(name);
    if (own == null) {
      c.append(EXPIRED);
    } else {
      c.append('=').append(own);
      if (maxIdle != 0 || maxLife != 0) {
        c.append('|');
        CookieText.encode30(c, (now + 3) >> 2);
        if (maxLife != 0) {
          c.append('|');
          CookieText.encode30(c, t.firstDate != 0 ? t.firstDate >> 2 : (now + 3) >> 2);
        }
      }
      c.append("; path=/");
    }
    c.append(attributes);
    resp.add("set-cookie", c.toString());
    t.response = own != null && direct ? 'U' : 'I';
    if (nocache && Cacheability.cacheable(req, resp)) {
      resp.add("cache-control", "private");
    }
  }

  /** One Set-Cookie value (its first cookie only: commas may be in dates); true when the header must go. */
  private boolean responseHeader(StringBuilder h, CookieTransaction t, @Nullable String own) {
    int end = h.length();
    int attBeg = 0;
    while (attBeg < end && CookieText.isSpace(h.charAt(attBeg))) {
      attBeg++;
    }
    int equal = attBeg;
    int attEnd = attBeg;
    while (equal < end) {
      char c = h.charAt(equal);
      if (c == '=' || c == ';') {
        break;
      }
      equal++;
      if (!CookieText.isSpace(c)) {
        attEnd = equal;
      }
    }
    if (equal >= end || h.charAt(equal) != '=') {
      return false;
    }
    int valBeg = equal + 1;
    while (valBeg < end && CookieText.isSpace(h.charAt(valBeg))) {
      valBeg++;
    }
    int valEnd = CookieText.valueEnd(h, valBeg, end);
    while (valEnd > valBeg && CookieText.isSpace(h.charAt(valEnd - 1))) {
      valEnd--;
    }
    if (attEnd != equal || valBeg > equal + 1) {
      int shift = CookieText.tightenEquals(h, attEnd, equal, valBeg);
      equal = attEnd;
      valBeg = attEnd + 1;
      valEnd += shift;
    }
    if (!CookieText.regionIs(h, attBeg, attEnd, name)) {
      return false;
    }
    t.response = 'P';
    if (preserve) {
      return false;
    }
    if (kind == Kind.INSERT || (t.direct != null && indirect)) {
      t.response = 'D';
      return true;
    }
    if (own != null && kind == Kind.REWRITE) {
      h.replace(valBeg, valEnd, own);
      t.response = 'R';
    } else if (own != null && kind == Kind.PREFIX) {
      h.insert(valBeg, own + '~');
      t.response = 'R';
    }
    return false;
  }
}
