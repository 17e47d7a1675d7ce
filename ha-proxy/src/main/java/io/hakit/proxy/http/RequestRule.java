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
import org.jspecify.annotations.Nullable;

/**
 * One compiled {@code http-request} rule: its condition and what it does. Immutable, shared by the
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

  private RequestRule(HttpAction action, AclPredicate condition, @Nullable ByteBuf response, @Nullable String headerName,
      @Nullable LogFormat headerValue) {
    this.action = action;
    this.condition = condition;
    this.response = response;
    this.headerName = headerName;
    this.headerValue = headerValue;
  }

  static RequestRule compile(HttpRule rule, List<Acl> acls, String where) {
    AclPredicate condition;
    try {
      condition = AclCompiler.compile(rule.condition(), acls);
    } catch (IllegalArgumentException e) {
      throw new HaException(where + ": http-request " + rule.action().keyword() + ": " + e.getMessage() + " at "
          + rule.origin(), e);
    }
    HttpAction a = rule.action();
    ByteBuf response = null;
    String headerName = null;
    LogFormat headerValue = null;
    if (a instanceof HttpAction.Deny d) {
      response = d.status() == 403 ? HttpErrors.FORBIDDEN_403 : HttpErrors.forStatus(d.status());
    } else if (a instanceof HttpAction.Return r) {
      response = returnResponse(r);
    } else if (a instanceof HttpAction.Redirect r && r.type().equals("location")) {
      response = redirect(r.code(), r.target());
    } else if (a instanceof HttpAction.SetHeader s) {
      headerName = s.name().toLowerCase(Locale.ROOT);
      headerValue = format(s.value(), rule, where);
    } else if (a instanceof HttpAction.AddHeader s) {
      headerName = s.name().toLowerCase(Locale.ROOT);
      headerValue = format(s.value(), rule, where);
    } else if (a instanceof HttpAction.DelHeader d) {
      if (d.matchMethod() != null && !d.matchMethod().equals("str")) {
        throw new HaException(where + ": http-request del-header -m " + d.matchMethod() + " is not supported (expected: str)");
      }
    } else if (!(a instanceof HttpAction.Allow) && !(a instanceof HttpAction.Redirect)) {
      throw new HaException(where + ": http-request " + a.keyword() + " is not supported by this runtime at "
          + rule.origin() + " (supported: allow, deny, return, redirect, set-header, add-header, del-header)");
    }
    return new RequestRule(a, condition, response, headerName, headerValue);
  }

  /** A header value: a log-format string evaluated per request (HAProxy's wording on failure). */
  private static LogFormat format(String value, HttpRule rule, String where) {
    try {
      return LogFormat.compile(value, Usage.HTTP_REQUEST);
    } catch (FormatException e) {
      throw new HaException("parsing [" + rule.origin() + "] : error detected in " + where + " while parsing 'http-request "
          + rule.action().keyword() + "' rule : " + e.getMessage(), e);
    }
  }

  private static ByteBuf returnResponse(HttpAction.Return r) {
    String body = r.body() == null ? "" : r.body();
    if (r.bodyKind() != null && !r.bodyKind().equals("string")) {
      throw new HaException("http-request return: " + r.bodyKind() + " is not supported (expected: string)");
    }
    StringBuilder sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(r.status()).append(' ').append(HttpErrors.reason(r.status())).append("\r\n");
    sb.append("content-length: ").append(body.length()).append("\r\n");
    if (r.contentType() != null) {
      sb.append("content-type: ").append(r.contentType()).append("\r\n");
    }
    for (HttpAction.Header h : r.headers()) {
      sb.append(h.name().toLowerCase(Locale.ROOT)).append(": ").append(h.value()).append("\r\n");
    }
    sb.append("\r\n").append(body);
    return constant(sb.toString());
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
    if (a instanceof HttpAction.DelHeader d) {
      req.remove(d.name().toLowerCase(Locale.ROOT));
      return Verdict.CONTINUE;
    }
    return Verdict.RESPOND;
  }

  /** The bytes to answer with after {@link Verdict#RESPOND} (a duplicate: the caller writes it). */
  ByteBuf response(HttpHead req) {
    if (response != null) {
      return response.duplicate();
    }
    HttpAction.Redirect r = (HttpAction.Redirect) action;
    String location;
    if (r.type().equals("prefix")) {
      String uri = r.options().contains("drop-query") ? req.path() : req.uri();
      location = (r.target().equals("/") ? "" : r.target()) + uri;
    } else {
      String host = req.get("host");
      location = r.target() + "://" + (host == null ? "" : host) + req.uri();
    }
    return Unpooled.wrappedBuffer(("HTTP/1.1 " + r.code() + " " + HttpErrors.reason(r.code())
        + "\r\ncontent-length: 0\r\nlocation: " + location + "\r\ncache-control: no-cache\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
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
