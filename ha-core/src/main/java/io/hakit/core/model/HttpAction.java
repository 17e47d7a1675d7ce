package io.hakit.core.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code http-request} / {@code http-response} rule does. Values that HAProxy treats as
 * log-format strings ({@code %[...]}) are kept as written; the runtime compiles them.
 */
public sealed interface HttpAction {

  /** The keyword that introduces the action in haproxy.cfg. */
  String keyword();

  /** {@code allow}: stop evaluating rules and let the message through. */
  record Allow() implements HttpAction {
    public String keyword() {
      return "allow";
    }
  }

  /** {@code deny [deny_status <code>]}: answer with an error (403 by default). */
  record Deny(int status) implements HttpAction {
    public Deny {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("deny_status: " + status + " (expected: 200-599)");
      }
    }

    public String keyword() {
      return "deny";
    }
  }

  /**
   * {@code return [status <code>] [content-type <type>] [string|lf-string|file|lf-file <v>] [hdr <n> <v>]...}.
   */
  record Return(int status, @Nullable String contentType, @Nullable String bodyKind, @Nullable String body,
      List<Header> headers) implements HttpAction {
    public Return {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("status: " + status + " (expected: 200-599)");
      }
      headers = List.copyOf(headers);
    }

    public String keyword() {
      return "return";
    }
  }

  /** {@code redirect location|prefix|scheme <target> [code <c>] [options]}. */
  record Redirect(String type, String target, int code, List<String> options) implements HttpAction {
    public Redirect {
      if (!List.of("location", "prefix", "scheme").contains(type)) {
        throw new IllegalArgumentException("redirect type: " + type + " (expected: location, prefix or scheme)");
      }
      Objects.requireNonNull(target, "target");
      if (!List.of(301, 302, 303, 307, 308).contains(code)) {
        throw new IllegalArgumentException("redirect code: " + code + " (expected: 301, 302, 303, 307 or 308)");
      }
      options = List.copyOf(options);
    }

    public String keyword() {
      return "redirect";
    }
  }

  /** {@code set-header <name> <fmt>}: replace every occurrence. */
  record SetHeader(String name, String value) implements HttpAction {
    public String keyword() {
      return "set-header";
    }
  }

  /** {@code add-header <name> <fmt>}: append an occurrence. */
  record AddHeader(String name, String value) implements HttpAction {
    public String keyword() {
      return "add-header";
    }
  }

  /** {@code del-header <name> [-m str|beg|end|sub|reg]}. */
  record DelHeader(String name, @Nullable String matchMethod) implements HttpAction {
    public String keyword() {
      return "del-header";
    }
  }

  /** {@code set-path <fmt>}. */
  record SetPath(String value) implements HttpAction {
    public String keyword() {
      return "set-path";
    }
  }

  /** {@code replace-header <name> <regex> <replacement>} (and {@code replace-value}, by keyword). */
  record ReplaceHeader(String keyword, String name, String regex, String replacement) implements HttpAction {
    public ReplaceHeader {
      if (!keyword.equals("replace-header") && !keyword.equals("replace-value")) {
        throw new IllegalArgumentException("keyword: " + keyword + " (expected: replace-header or replace-value)");
      }
    }
  }

  /** An action HAProxy knows that HAKit keeps but does not run (set-var, tarpit, lua.*, ...). */
  record Other(String keyword, List<String> args) implements HttpAction {
    public Other {
      args = List.copyOf(args);
    }
  }

  /** A header of a {@code return} action. */
  record Header(String name, String value) {}
}
