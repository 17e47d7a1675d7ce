package io.hakit.config.haproxy;

import io.hakit.core.model.HealthCheckSpec;
import io.hakit.core.model.HttpCheckExpect;
import io.hakit.core.model.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code http-check <action>} (HAPROXY-CFG-DIALECT.md 6.12): a plain {@code expect [!] <matcher>
 * <pattern>} is typed; other actions and expect forms are kept as steps, with HAKit's warning.
 */
final class HttpCheckKeyword {
  private static final Set<String> ACTIONS = Set.of("comment", "connect", "disable-on-404", "expect", "send",
      "send-state", "set-var", "unset-var");
  private static final Set<String> TYPED_MATCHERS = Set.of("status", "rstatus", "string", "rstring");
  private static final Set<String> MATCHERS = Set.of("status", "rstatus", "string", "rstring", "hdr", "fhdr",
      "string-lf", "status-lf");

  private HttpCheckKeyword() {}

  static List<ProxyKeyword> keywords() {
    return List.of(ProxyKeyword.of("http-check", Cap.DB, HttpCheckKeyword::parse));
  }

  private static void parse(ProxyContext ctx, Statement st) {
    String action = st.word(1);
    String base = action.startsWith("set-var(") ? "set-var" : action.startsWith("unset-var(") ? "unset-var" : action;
    if (!ACTIONS.contains(base)) {
      ctx.error("'http-check' only supports 'comment', 'connect', 'send', 'expect', 'disable-on-404',"
          + " 'send-state', 'set-var' and 'unset-var' (got '" + action + "')" + Suggestions.hint(action, ACTIONS)
          + ".");
      return;
    }
    HealthCheckSpec old = ctx.draft.healthCheck;
    List<HttpCheckExpect> expects = new ArrayList<>(old.expects());
    List<Setting> steps = new ArrayList<>(old.steps());
    if (action.equals("expect")) {
      List<String> a = st.from(2);
      boolean negated = !a.isEmpty() && a.get(0).equals("!");
      List<String> rest = negated ? a.subList(1, a.size()) : a;
      if (rest.size() < 2 || (!MATCHERS.contains(rest.get(0)) && !rest.get(0).startsWith("min-recv")
          && !rest.get(0).startsWith("comment") && !rest.get(0).endsWith("-status") && !rest.get(0).startsWith("on-"))) {
        ctx.error("'http-check expect' : expects at least a matching pattern (got '" + String.join(" ", a) + "').");
        return;
      }
      if (rest.size() == 2 && TYPED_MATCHERS.contains(rest.get(0))) {
        expects.add(new HttpCheckExpect(negated, rest.get(0), rest.get(1)));
      } else {
        steps.add(new Setting("http-check", st.from(1), ctx.origin));
        ctx.ignoredByHakit("'http-check expect " + rest.get(0) + "'");
      }
    } else {
      steps.add(new Setting("http-check", st.from(1), ctx.origin));
      ctx.ignoredByHakit("'http-check " + action + "'");
    }
    HealthCheckSpec.Kind kind = old.kind() == HealthCheckSpec.Kind.TCP ? HealthCheckSpec.Kind.TCP : old.kind();
    ctx.draft.healthCheck = new HealthCheckSpec(kind, old.method(), old.uri(), old.version(), expects, steps,
        old.origin());
  }
}
