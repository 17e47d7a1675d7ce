package io.hakit.config.haproxy;

import io.hakit.core.model.Condition;
import io.hakit.core.model.HttpAction;
import io.hakit.core.model.HttpRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code http-request} and {@code http-response} rules (HAPROXY-CFG-DIALECT.md 6.11): the actions
 * the model types (allow, deny, return, redirect, set/add/del/replace-header, replace-value,
 * set-path) are read into {@link HttpAction}s; every other action 2.6 registers is kept as {@link
 * HttpAction.Other} with HAKit's warning; anything else is HAProxy's error.
 */
final class HttpRuleKeywords {
  /** Actions 2.6 registers for http-request ({@code haproxy -dKcfg}); a trailing {@code *} takes glued arguments. */
  private static final Set<String> REQUEST_ACTIONS = Set.of("add-acl*", "add-header", "allow", "auth", "cache-use",
      "capture", "del-acl*", "del-header", "del-map*", "deny", "disable-l7-retry", "do-resolve*", "early-hint",
      "normalize-uri", "redirect", "reject", "replace-header", "replace-path", "replace-pathq", "replace-uri",
      "replace-value", "return", "sc-inc-gpc*", "sc-inc-gpc0*", "sc-inc-gpc1*", "sc-set-gpt*", "sc-set-gpt0*",
      "send-spoe-group", "set-dst", "set-dst-port", "set-header", "set-log-level", "set-map*", "set-mark",
      "set-method", "set-nice", "set-path", "set-pathq", "set-priority-class", "set-priority-offset", "set-query",
      "set-src", "set-src-port", "set-timeout", "set-tos", "set-uri", "set-var*", "set-var-fmt*", "silent-drop",
      "strict-mode", "tarpit", "track-sc*", "unset-var*", "use-service", "wait-for-body", "wait-for-handshake");
  private static final Set<String> RESPONSE_ACTIONS = Set.of("add-acl*", "add-header", "allow", "cache-store",
      "capture", "del-acl*", "del-header", "del-map*", "deny", "redirect", "replace-header", "replace-value",
      "return", "sc-inc-gpc*", "sc-inc-gpc0*", "sc-inc-gpc1*", "sc-set-gpt*", "sc-set-gpt0*", "send-spoe-group",
      "set-header", "set-log-level", "set-map*", "set-mark", "set-nice", "set-status", "set-tos", "set-var*",
      "set-var-fmt*", "silent-drop", "strict-mode", "track-sc*", "unset-var*", "wait-for-body");
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);
  /** The statuses haproxy 2.6 has a built-in error page for: the only ones a deny may answer with. */
  private static final Set<Integer> ERROR_PAGES = Set.of(200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429,
      500, 501, 502, 503, 504);

  private HttpRuleKeywords() {}

  static List<ProxyKeyword> keywords() {
    int where = Cap.DFB | Cap.NAMED_DEFAULTS_ONLY;
    return List.of(
        ProxyKeyword.of("http-request", where, (ctx, st) -> parse(ctx, st, true)),
        ProxyKeyword.of("http-response", where, (ctx, st) -> parse(ctx, st, false)));
  }

  private static boolean known(String action, Set<String> actions) {
    if (actions.contains(action) || action.startsWith("lua.")) {
      return true;
    }
    for (String a : actions) {
      if (a.endsWith("*") && action.startsWith(a.substring(0, a.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  private static void parse(ProxyContext ctx, Statement st, boolean request) {
    String ruleset = st.keyword();
    String action = st.word(1);
    Set<String> actions = request ? REQUEST_ACTIONS : RESPONSE_ACTIONS;
    if (action.isEmpty() || !known(action, actions)) {
      List<String> names = actions.stream().map(a -> a.replace("*", "")).sorted().toList();
      ctx.error("'" + ruleset + "' expects " + String.join(", ", names.stream().map(n -> "'" + n + "'").toList())
          + " but got '" + action + "'" + Suggestions.hint(action, names) + ".");
      return;
    }
    String where = "error detected in " + ctx.proxyLabel() + " while parsing '" + ruleset + " " + action + "' rule : ";
    int condAt = ConditionParser.find(st.words(), 2 + fixedArity(action));
    List<String> args = condAt < 0 ? st.from(2) : st.words().subList(2, condAt);
    HttpAction parsed;
    try {
      parsed = action(action, args, ctx);
      if (!request && parsed instanceof HttpAction.Deny && args.isEmpty()) {
        // A denied response is answered with a 502 unless told otherwise (403 is the request side's).
        parsed = new HttpAction.Deny(502);
      }
    } catch (LineError e) {
      ctx.error(where + e.getMessage());
      return;
    }
    Condition cond = null;
    if (condAt >= 0) {
      cond = ConditionParser.parse(ctx, st.words(), condAt, "an '" + ruleset + " " + action + "' condition");
      if (cond == null) {
        return;
      }
    }
    if (parsed instanceof HttpAction.Other) {
      // Skipping a rule could open what it guards (auth, tarpit, track-sc): HAKit's proxy refuses it instead.
      ctx.warning("'" + ruleset + " " + action + "' is supported by HAProxy, not by HAKit: the proxy refuses to start"
          + " with this rule.");
    }
    HttpRule rule = new HttpRule(parsed, cond, ctx.origin);
    (request ? ctx.draft.httpRequestRules : ctx.draft.httpResponseRules).add(rule);
    if (ctx.draft.isDefaults()) {
      ctx.draft.hasRules = true;
    }
  }

  /** Arguments an action always takes, which may therefore be the words {@code if} or {@code unless}. */
  private static int fixedArity(String action) {
    return switch (action) {
      case "set-header", "add-header" -> 2;
      case "replace-header", "replace-value" -> 3;
      case "set-path", "del-header" -> 1;
      default -> 0;
    };
  }

  private static HttpAction action(String action, List<String> a, ProxyContext ctx) throws LineError {
    switch (action) {
      case "allow" -> {
        exact(a, 0, action);
        return new HttpAction.Allow();
      }
      case "deny" -> {
        if (a.isEmpty()) {
          return new HttpAction.Deny(403);
        }
        if (a.size() == 2 && (a.get(0).equals("deny_status") || a.get(0).equals("status"))) {
          int code = status(a.get(1));
          if (!ERROR_PAGES.contains(code)) {
            throw new LineError("status code '" + code + "' not handled by default with 'default-errorfiles'"
                + " argument.");
          }
          return new HttpAction.Deny(code);
        }
        return new HttpAction.Other(action, a);
      }
      case "set-header", "add-header" -> {
        exact(a, 2, action);
        logFormat(a.get(1));
        return action.equals("set-header") ? new HttpAction.SetHeader(a.get(0), a.get(1))
            : new HttpAction.AddHeader(a.get(0), a.get(1));
      }
      case "del-header" -> {
        if (a.size() == 1) {
          return new HttpAction.DelHeader(a.get(0), null);
        }
        if (a.size() == 3 && a.get(1).equals("-m") && Set.of("str", "beg", "end", "sub", "reg").contains(a.get(2))) {
          return new HttpAction.DelHeader(a.get(0), a.get(2));
        }
        throw new LineError("expects exactly 1 argument or 3 arguments if using '-m' with str, beg, end, sub or"
            + " reg.");
      }
      case "set-path" -> {
        exact(a, 1, action);
        logFormat(a.get(0));
        return new HttpAction.SetPath(a.get(0));
      }
      case "replace-header", "replace-value" -> {
        exact(a, 3, action);
        logFormat(a.get(2));
        return new HttpAction.ReplaceHeader(action, a.get(0), a.get(1), a.get(2));
      }
      case "redirect" -> {
        return redirect(a);
      }
      case "return" -> {
        return returnAction(a, ctx);
      }
      default -> {
        return new HttpAction.Other(action, a);
      }
    }
  }

  private static void logFormat(String fmt) throws LineError {
    String problem = LogFormats.check(fmt);
    if (problem != null) {
      throw new LineError(problem);
    }
  }

  private static void exact(List<String> a, int n, String action) throws LineError {
    if (a.size() != n) {
      throw new LineError("expects exactly " + n + " argument" + (n == 1 ? "" : "s") + " (got " + a.size()
          + ") for '" + action + "'.");
    }
  }

  private static int status(String text) throws LineError {
    Integer s = Values.strictInt(text);
    if (s == null || s < 200 || s > 599) {
      throw new LineError("status code '" + text + "' not handled, using default code.");
    }
    return s;
  }

  private static HttpAction redirect(List<String> a) throws LineError {
    if (a.size() < 2 || !Set.of("location", "prefix", "scheme").contains(a.get(0))) {
      throw new LineError("expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', 'clear-cookie',"
          + " 'drop-query', 'ignore-empty' or 'append-slash' (was '" + (a.isEmpty() ? "" : a.get(0)) + "').");
    }
    int code = 302;
    List<String> options = new ArrayList<>();
    for (int i = 2; i < a.size(); i++) {
      String w = a.get(i);
      switch (w) {
        case "code" -> {
          Integer c = i + 1 < a.size() ? Values.strictInt(a.get(i + 1)) : null;
          if (c == null || !REDIRECT_CODES.contains(c)) {
            throw new LineError("'code' expects a redirect code among 301, 302, 303, 307 and 308.");
          }
          code = c;
          i++;
        }
        case "drop-query", "append-slash", "ignore-empty" -> options.add(w);
        case "set-cookie", "clear-cookie" -> {
          if (i + 1 >= a.size()) {
            throw new LineError("'" + w + "' expects a cookie name.");
          }
          options.add(w);
          options.add(a.get(++i));
        }
        default -> throw new LineError("expects 'code', 'prefix', 'location', 'scheme', 'set-cookie',"
            + " 'clear-cookie', 'drop-query', 'ignore-empty' or 'append-slash' (was '" + w + "').");
      }
    }
    if (!a.get(0).equals("scheme")) {
      logFormat(a.get(1));
    }
    return new HttpAction.Redirect(a.get(0), a.get(1), code, options);
  }

  private static HttpAction returnAction(List<String> a, ProxyContext ctx) throws LineError {
    int status = 200;
    String contentType = null;
    String bodyKind = null;
    String body = null;
    List<HttpAction.Header> headers = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String w = a.get(i);
      String v = i + 1 < a.size() ? a.get(i + 1) : null;
      switch (w) {
        case "status" -> status = status(need(w, v));
        case "content-type" -> contentType = need(w, v);
        case "string", "lf-string", "file", "lf-file", "errorfile" -> {
          if (bodyKind != null) {
            throw new LineError("'" + w + "' : payload already defined.");
          }
          bodyKind = w;
          body = need(w, v);
          if (w.equals("lf-string")) {
            logFormat(body);
          }
          if (w.endsWith("file") && !java.nio.file.Files.isReadable(ctx.baseDir.resolve(body))) {
            throw new LineError("open(\"" + body + "\") failed: No such file or directory.");
          }
          String problem = w.equals("errorfile") ? ErrorFiles.check(ctx.baseDir.resolve(body)) : null;
          if (problem != null) {
            throw new LineError("'" + body + "': " + problem);
          }
        }
        case "hdr" -> {
          if (i + 2 >= a.size()) {
            throw new LineError("'hdr' expects <name> and <value> arguments.");
          }
          headers.add(new HttpAction.Header(a.get(i + 1), a.get(i + 2)));
          i++;
        }
        default -> throw new LineError("'return' expects 'status', 'content-type', 'errorfile', 'file', 'lf-file',"
            + " 'string', 'lf-string' or 'hdr' (got '" + w + "').");
      }
      i++;
    }
    if (bodyKind != null && contentType == null && !bodyKind.equals("errorfile")) {
      throw new LineError("a content-type must be defined when a payload is set.");
    }
    return new HttpAction.Return(status, contentType, bodyKind, body, headers);
  }

  private static String need(String w, @Nullable String v) throws LineError {
    if (v == null) {
      throw new LineError("'" + w + "' expects an argument.");
    }
    return v;
  }
}
