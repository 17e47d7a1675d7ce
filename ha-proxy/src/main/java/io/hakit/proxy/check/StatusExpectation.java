package io.hakit.proxy.check;

import io.hakit.core.model.HttpCheckExpect;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code http-check expect [!] status|rstatus <pattern>} compiled; without a rule, any 2xx or 3xx
 * passes (HAProxy's default).
 */
final class StatusExpectation {
  private final List<HttpCheckExpect> expects;

  StatusExpectation(List<HttpCheckExpect> expects) {
    for (HttpCheckExpect e : expects) {
      if (!e.matcher().equals("status") && !e.matcher().equals("rstatus")) {
        throw new IllegalArgumentException("http-check expect " + e.matcher()
            + " is not supported (expected: status or rstatus)");
      }
    }
    this.expects = List.copyOf(expects);
  }

  boolean matches(int status) {
    if (expects.isEmpty()) {
      return status >= 200 && status < 400;
    }
    for (HttpCheckExpect e : expects) {
      boolean m = e.matcher().equals("rstatus") ? Pattern.compile(e.pattern()).matcher(Integer.toString(status)).find()
          : statusIn(status, e.pattern());
      if (m == e.negated()) {
        return false;
      }
    }
    return true;
  }

  /** {@code 200}, {@code 200,301}, {@code 200-399}. */
  static boolean statusIn(int status, String pattern) {
    for (String part : pattern.split(",")) {
      int dash = part.indexOf('-');
      try {
        if (dash < 0 ? status == Integer.parseInt(part.trim())
            : status >= Integer.parseInt(part.substring(0, dash).trim())
                && status <= Integer.parseInt(part.substring(dash + 1).trim())) {
          return true;
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }
}
