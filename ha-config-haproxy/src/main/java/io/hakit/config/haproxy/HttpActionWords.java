package io.hakit.config.haproxy;

import io.hakit.core.model.HttpAction;
import java.util.ArrayList;
import java.util.List;

/** An {@link HttpAction} as the words of an {@code http-request}/{@code http-response} line. */
final class HttpActionWords {
  private HttpActionWords() {}

  static List<String> of(HttpAction action) {
    List<String> w = new ArrayList<>();
    w.add(action.keyword());
    if (action instanceof HttpAction.Deny d) {
      if (d.status() != 403) {
        w.addAll(List.of("deny_status", Integer.toString(d.status())));
      }
    } else if (action instanceof HttpAction.Return r) {
      w.addAll(List.of("status", Integer.toString(r.status())));
      if (r.contentType() != null) {
        w.addAll(List.of("content-type", r.contentType()));
      }
      if (r.bodyKind() != null && r.body() != null) {
        w.addAll(List.of(r.bodyKind(), r.body()));
      }
      r.headers().forEach(h -> w.addAll(List.of("hdr", h.name(), h.value())));
    } else if (action instanceof HttpAction.Redirect r) {
      w.addAll(List.of(r.type(), r.target(), "code", Integer.toString(r.code())));
      w.addAll(r.options());
    } else if (action instanceof HttpAction.SetHeader s) {
      w.addAll(List.of(s.name(), s.value()));
    } else if (action instanceof HttpAction.AddHeader s) {
      w.addAll(List.of(s.name(), s.value()));
    } else if (action instanceof HttpAction.DelHeader d) {
      w.add(d.name());
      if (d.matchMethod() != null) {
        w.addAll(List.of("-m", d.matchMethod()));
      }
    } else if (action instanceof HttpAction.SetPath p) {
      w.add(p.value());
    } else if (action instanceof HttpAction.ReplaceHeader r) {
      w.addAll(List.of(r.name(), r.regex(), r.replacement()));
    } else if (action instanceof HttpAction.Other o) {
      w.addAll(o.args());
    }
    return w;
  }
}
