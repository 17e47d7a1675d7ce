package io.hakit.proxy.http;

import io.hakit.proxy.backend.BackendState;
import io.hakit.proxy.backend.ServerState;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Cookie persistence for one HTTP transaction on a backend with a {@code cookie}: the server the
 * request's cookie designates, the cookie dates, and the two flags HAProxy logs as the 3rd and 4th
 * characters of {@code %tsc}. Created when the request reaches such a backend (never for others);
 * owned by the session, on its event loop.
 */
final class CookieTransaction {
  private static final String REQUEST_FLAGS = "NIDVEOU";
  private static final String RESPONSE_FLAGS = "NPDIRU";
  private static final String[] FLAG_PAIRS = new String[REQUEST_FLAGS.length() * RESPONSE_FLAGS.length()];

  static {
    for (int i = 0; i < REQUEST_FLAGS.length(); i++) {
      for (int j = 0; j < RESPONSE_FLAGS.length(); j++) {
        FLAG_PAIRS[i * RESPONSE_FLAGS.length() + j] = "" + REQUEST_FLAGS.charAt(i) + RESPONSE_FLAGS.charAt(j);
      }
    }
  }

  final CookiePersistence persistence;
  /** The server the cookie designates (SF_DIRECT in HAProxy), null when balanced or redispatched. */
  @Nullable ServerState direct;
  /** N none, I invalid, D down, V valid, E expired (maxidle), O old (maxlife). */
  char request = 'N';
  /** N none, P provided by the server, D deleted, I inserted, R rewritten, U date updated. */
  char response = 'N';
  /** The cookie's dates (epoch seconds, 0 = none). */
  long lastDate;
  long firstDate;

  CookieTransaction(CookiePersistence persistence) {
    this.persistence = persistence;
  }

  /**
   * The request reached backend {@code backend}: when it persists on a cookie, reads (and edits)
   * the request's cookies and returns this transaction's state; null (and nothing allocated) for
   * a backend without a {@code cookie}.
   */
  static @Nullable CookieTransaction begin(Map<BackendState, CookiePersistence> persistences, BackendState backend,
      HttpHead req) {
    if (persistences.isEmpty()) {
      return null;
    }
    CookiePersistence p = persistences.get(backend);
    if (p == null) {
      return null;
    }
    CookieTransaction t = new CookieTransaction(p);
    p.onRequest(req, t, System.currentTimeMillis() / 1000);
    return t;
  }

  /**
   * A request a {@code listen} section answers itself (rules, stats page): haproxy 2.6 logs its
   * cookie flags ("NN"), and for a deny it has read the request's persistence cookie first (its
   * flag, and the designated server in the log).
   */
  static CookieTransaction answeredByListen(CookiePersistence p, HttpHead req, boolean deny) {
    CookieTransaction t = new CookieTransaction(p);
    if (deny) {
      p.onRequest(req, t, System.currentTimeMillis() / 1000);
    }
    return t;
  }

  /**
   * The server to use without balancing, or null. A pick that must avoid a server (a
   * redispatch, {@code excluded} not null) breaks the persistence: the answering server then
   * gets its cookie inserted.
   */
  @Nullable ServerState server(@Nullable ServerState excluded) {
    if (excluded != null) {
      direct = null;
    }
    return direct;
  }

  /**
   * The final response head from {@code served}: Set-Cookie handling and insertion. Returns how
   * much this changed the head's logged size: HAProxy's %B counts the head as the server sent it.
   */
  int onResponse(HttpHead req, HttpHead resp, @Nullable ServerState served) {
    if (served == null) {
      return 0;
    }
    int before = Transaction.loggedSize(resp);
    persistence.onResponse(req, resp, served, this, System.currentTimeMillis() / 1000);
    return Transaction.loggedSize(resp) - before;
  }

  /** The 3rd and 4th characters of {@code %tsc}. */
  String flags() {
    if (!persistence.logsFlags()) {
      return "--";
    }
    return FLAG_PAIRS[REQUEST_FLAGS.indexOf(request) * RESPONSE_FLAGS.length() + RESPONSE_FLAGS.indexOf(response)];
  }
}
