package io.hakit.proxy.http;

import io.hakit.core.HaException;
import io.hakit.core.model.Acl;
import io.hakit.core.model.HttpAction;
import io.hakit.core.model.HttpRule;
import io.hakit.proxy.acl.AclCompiler;
import io.hakit.proxy.acl.AclPredicate;
import io.hakit.proxy.logformat.FormatException;
import io.hakit.proxy.logformat.LogContext;
import io.hakit.proxy.logformat.LogFormat;
import io.hakit.proxy.logformat.Usage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * One compiled {@code http-request} or {@code http-response} rule: its condition and what it does
 * (a response rule's condition and edits apply to the response head). Immutable, shared by the
 * event loops. Header values of set-header/add-header are log-format strings (variables and
 * {@code %[...]} expressions), compiled here so that a bad one fails the build, with its file:line.
 */
final class RequestRule {
  /** What a rule's outcome asks the session to do. */
  enum Verdict {
    CONTINUE,
    ALLOW,
    RESPOND
  }

  private final HttpAction action;
  private final AclPredicate condition;
  private final @Nullable ByteBuf response;
  /** set-header/add-header: the lower-case name and the compiled value. */
  private final @Nullable String headerName;
  private final @Nullable LogFormat headerValue;
  /** redirect: the target when it is a format; return: the body and header values when any is one. */
  private final @Nullable LogFormat redirectTarget;
  private final @Nullable FormattedReturn formattedReturn;
  /** replace-header/replace-value, del-header -m reg: the regex; del-header: how names compare. */
  private final @Nullable Pattern regex;
  private final HeaderEdits.@Nullable NameMatch nameMatch;
  /** An http-response rule: a deny is logged PH (the proxy blocked the server's headers), not PR. */
  private final boolean onResponse;

  private RequestRule(HttpAction action, AclPredicate condition, @Nullable ByteBuf response, @Nullable String headerName,
      @Nullable LogFormat headerValue, @Nullable LogFormat redirectTarget, @Nullable FormattedReturn formattedReturn,
      @Nullable Pattern regex, HeaderEdits.@Nullable NameMatch nameMatch, boolean onResponse) {
    this.onResponse = onResponse;
    this.regex = regex;
    this.nameMatch = nameMatch;
    this.action = action;
    this.condition = condition;
    this.response = response;
    this.headerName = headerName;
    this.headerValue = headerValue;
    this.redirectTarget = redirectTarget;
    this.formattedReturn = formattedReturn;
  }

  /** {@code http-request return} with {@code lf-string} or {@code hdr} values that are formats. */
  private record FormattedReturn(int status, @Nullable String contentType, @Nullable LogFormat body,
      String constantBody, String[] names, LogFormat[] values) {
    ByteBuf render(LogContext ctx) {
      String[] evaluated = new String[values.length];
      for (int i = 0; i < values.length; i++) {
        evaluated[i] = values[i].format(ctx);
      }
      String text = body == null ? constantBody : body.format(ctx);
      return Unpooled.wrappedBuffer(returnText(status, contentType, names, evaluated, text)
          .getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  static RequestRule compile(HttpRule rule, List<Acl> acls, String where) {
    return compile(rule, acls, where, false, ErrorPages.BUILT_IN);
  }

  /** The same for an {@code http-response} rule when {@code onResponse}; a deny answers with {@code pages}. */
  static RequestRule compile(HttpRule rule, List<Acl> acls, String where, boolean onResponse, ErrorPages pages) {
    String ruleset = onResponse ? "http-response" : "http-request";
    Usage use = onResponse ? Usage.LOG : Usage.HTTP_REQUEST;
    AclPredicate condition;
    try {
      condition = AclCompiler.compile(rule.condition(), acls);
    } catch (IllegalArgumentException e) {
      throw new HaException(where + ": " + ruleset + " " + rule.action().keyword() + ": " + e.getMessage() + " at "
          + rule.origin(), e);
    }
    HttpAction a = rule.action();
    ByteBuf response = null;
    String headerName = null;
    LogFormat headerValue = null;
    LogFormat redirectTarget = null;
    FormattedReturn formattedReturn = null;
    Pattern regex = null;
    HeaderEdits.NameMatch nameMatch = null;
    if (a instanceof HttpAction.Deny d) {
      response = pages.rule(d.status());
    } else if (a instanceof HttpAction.Return r) {
      formattedReturn = formattedReturn(r, rule, where, use, ruleset);
      if (formattedReturn == null) {
        response = returnResponse(r);
      }
    } else if (a instanceof HttpAction.Redirect r) {
      LogFormat target = format(r.target(), rule, where, use, ruleset);
      if (!target.isConstant()) {
        redirectTarget = target;
      } else if (r.type().equals("location")) {
        response = redirect(r.code(), r.target());
      }
    } else if (a instanceof HttpAction.SetHeader s) {
      headerName = s.name().toLowerCase(Locale.ROOT);
      headerValue = format(s.value(), rule, where, use, ruleset);
    } else if (a instanceof HttpAction.AddHeader s) {
      headerName = s.name().toLowerCase(Locale.ROOT);
      headerValue = format(s.value(), rule, where, use, ruleset);
    } else if (a instanceof HttpAction.DelHeader d) {
      nameMatch = d.matchMethod() == null ? HeaderEdits.NameMatch.STR : HeaderEdits.NameMatch.of(d.matchMethod());
      if (nameMatch == HeaderEdits.NameMatch.REG) {
        regex = regex(d.name(), rule, where, ruleset);
        headerName = d.name();
      } else {
        headerName = d.name().toLowerCase(Locale.ROOT);
      }
    } else if (a instanceof HttpAction.ReplaceHeader r) {
      headerName = r.name().toLowerCase(Locale.ROOT);
      regex = regex(r.regex(), rule, where, ruleset);
      headerValue = format(r.replacement(), rule, where, use, ruleset);
    } else if (a instanceof HttpAction.SetPath p && !onResponse) {
      headerValue = format(p.value(), rule, where, use, ruleset);
    } else if (!(a instanceof HttpAction.Allow)) {
      throw new HaException(where + ": " + ruleset + " " + a.keyword() + " is not supported by this runtime at "
          + rule.origin() + " (supported: allow, deny, return, redirect, set-header, add-header, del-header,"
          + " replace-header, replace-value, set-path)");
    }
    return new RequestRule(a, condition, response, headerName, headerValue, redirectTarget, formattedReturn, regex,
        nameMatch, onResponse);
  }

  /** A return whose body is an lf-string or whose headers hold formats; null when all of it is constant. */
  private static @Nullable FormattedReturn formattedReturn(HttpAction.Return r, HttpRule rule, String where, Usage use,
      String ruleset) {
    boolean lfBody = "lf-string".equals(r.bodyKind());
    boolean dynamicHeader = r.headers().stream().anyMatch(h -> h.value().indexOf('%') >= 0);
    if (!lfBody && !dynamicHeader) {
      return null;
    }
    String[] names = new String[r.headers().size()];
    LogFormat[] values = new LogFormat[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = r.headers().get(i).name().toLowerCase(Locale.ROOT);
      values[i] = format(r.headers().get(i).value(), rule, where, use, ruleset);
    }
    LogFormat body = null;
    if (lfBody) {
      body = format(r.body() == null ? "" : r.body(), rule, where, use, ruleset);
    } else if (r.bodyKind() != null && !r.bodyKind().equals("string")) {
      throw new HaException("http-request return: " + r.bodyKind() + " is not supported (expected: string, lf-string)");
    }
    return new FormattedReturn(r.status(), r.contentType(), body, r.body() == null ? "" : r.body(), names, values);
  }

  private static Pattern regex(String text, HttpRule rule, String where, String ruleset) {
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new HaException("parsing [" + rule.origin() + "] : error detected in " + where + " while parsing '" + ruleset
          + " " + rule.action().keyword() + "' rule : invalid regex '" + text + "': " + e.getDescription(), e);
    }
  }

  /** A header value: a log-format string evaluated per request (HAProxy's wording on failure). */
  private static LogFormat format(String value, HttpRule rule, String where, Usage use, String ruleset) {
    try {
      return LogFormat.compile(value, use);
    } catch (FormatException e) {
      throw new HaException("parsing [" + rule.origin() + "] : error detected in " + where + " while parsing '" + ruleset
          + " " + rule.action().keyword() + "' rule : " + e.getMessage(), e);
    }
  }

  private static ByteBuf returnResponse(HttpAction.Return r) {
    String body = r.body() == null ? "" : r.body();
    if (r.bodyKind() != null && !r.bodyKind().equals("string")) {
      throw new HaException("http-request return: " + r.bodyKind() + " is not supported (expected: string, lf-string)");
    }
    String[] names = new String[r.headers().size()];
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = r.headers().get(i).name().toLowerCase(Locale.ROOT);
      values[i] = r.headers().get(i).value();
    }
    return constant(returnText(r.status(), r.contentType(), names, values, body));
  }

  /** A return's response as HAProxy 2.6 writes it: the hdr lines first, then content-length and content-type. */
  private static String returnText(int status, @Nullable String contentType, String[] names, String[] values,
      String body) {
    StringBuilder sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(status).append(' ').append(HttpErrors.reason(status)).append("\r\n");
    for (int i = 0; i < names.length; i++) {
      sb.append(names[i]).append(": ").append(values[i]).append("\r\n");
    }
    sb.append("content-length: ").append(body.length()).append("\r\n");
    if (contentType != null) {
      sb.append("content-type: ").append(contentType).append("\r\n");
    }
    sb.append("\r\n").append(body);
    return sb.toString();
  }

  private static ByteBuf redirect(int code, String location) {
    return constant("HTTP/1.1 " + code + " " + HttpErrors.reason(code) + "\r\ncontent-length: 0\r\nlocation: "
        + location + "\r\ncache-control: no-cache\r\n\r\n");
  }

  private static ByteBuf constant(String text) {
    return HttpErrors.constant(text);
  }

  /**
   * Applies the rule when its condition holds; a response to send is left in {@link #response(HttpHead)}.
   *
   * @param tx what header value formats read (client address, captures, names)
   */
  Verdict apply(HttpHead req, LogContext tx) {
    if (!condition.test(req)) {
      return Verdict.CONTINUE;
    }
    HttpAction a = action;
    if (a instanceof HttpAction.Allow) {
      return Verdict.ALLOW;
    }
    if (a instanceof HttpAction.SetHeader) {
      // Evaluated before the old value is removed: a format may read the header it replaces.
      String value = headerValue.format(tx);
      req.set(headerName, value);
      return Verdict.CONTINUE;
    }
    if (a instanceof HttpAction.AddHeader) {
      req.add(headerName, headerValue.format(tx));
      return Verdict.CONTINUE;
    }
    if (a instanceof HttpAction.DelHeader) {
      if (nameMatch == HeaderEdits.NameMatch.STR) {
        req.remove(headerName);
      } else {
        HeaderEdits.delete(req, nameMatch, headerName, regex);
      }
      return Verdict.CONTINUE;
    }
    if (a instanceof HttpAction.ReplaceHeader r) {
      HeaderEdits.replace(req, headerName, regex, headerValue.format(tx), r.keyword().equals("replace-value"));
      return Verdict.CONTINUE;
    }
    if (a instanceof HttpAction.SetPath) {
      req.setPath(headerValue.format(tx));
      return Verdict.CONTINUE;
    }
    return Verdict.RESPOND;
  }

  /**
   * The bytes to answer with after {@link Verdict#RESPOND} (a duplicate, or a new buffer: the caller writes it).
   *
   * @param tx what formats of a redirect target or a return read
   */
  ByteBuf response(HttpHead req, LogContext tx) {
    if (response != null) {
      return response.duplicate();
    }
    if (formattedReturn != null) {
      return formattedReturn.render(tx);
    }
    HttpAction.Redirect r = (HttpAction.Redirect) action;
    String target = redirectTarget == null ? r.target() : redirectTarget.format(tx);
    String location;
    if (r.type().equals("location")) {
      location = target;
    } else if (r.type().equals("prefix")) {
      String uri = r.options().contains("drop-query") ? req.path() : req.uri();
      location = (target.equals("/") ? "" : target) + uri;
    } else {
      String host = req.get("host");
      location = target + "://" + (host == null ? "" : host) + req.uri();
    }
    return Unpooled.wrappedBuffer(("HTTP/1.1 " + r.code() + " " + HttpErrors.reason(r.code())
        + "\r\ncontent-length: 0\r\nlocation: " + location + "\r\ncache-control: no-cache\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * The termination state the log shows for this rule's answer: {@code PR} for a deny (the proxy
   * blocked the request; {@code PH} when it blocked the response), {@code LR} for a redirect or a
   * return (the proxy answered it locally).
   */
  String termination() {
    if (action instanceof HttpAction.Deny) {
      return onResponse ? "PH" : "PR";
    }
    return "LR";
  }

  /** True for a deny, whose answer is the error page of its status. */
  boolean isDeny() {
    return action instanceof HttpAction.Deny;
  }

  /** The status this rule answers with, for logs. */
  int status() {
    HttpAction a = action;
    if (a instanceof HttpAction.Deny d) {
      return d.status();
    }
    if (a instanceof HttpAction.Return r) {
      return r.status();
    }
    if (a instanceof HttpAction.Redirect r) {
      return r.code();
    }
    return 0;
  }
}
