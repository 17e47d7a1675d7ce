package io.hakit.config.haproxy;

import io.hakit.core.model.Acl;
import io.hakit.core.model.AclTerm;
import io.hakit.core.model.Condition;
import io.hakit.core.model.PredefinedAcls;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code if|unless <terms>} (HAPROXY-CFG-DIALECT.md 9.2): OR ({@code ||}, {@code or}) of implicit
 * ANDs of terms, each a named ACL declared earlier in the section (or predefined) or an anonymous
 * {@code { ... }} ACL, with {@code !} prefixes. An empty {@code if} never matches and an empty
 * {@code unless} always does; both are represented with the predefined {@code FALSE} ACL. A bad
 * condition stops the file, as in HAProxy.
 */
final class ConditionParser {
  private ConditionParser() {}

  /** True for the words that open a condition. */
  static boolean isConditionStart(String word) {
    return word.equals("if") || word.equals("unless");
  }

  /**
   * Parses {@code words[from..]}, which must start with {@code if}/{@code unless}.
   *
   * @param what how HAProxy names the rule in the error, e.g. {@code switching rule}
   * @return the condition, or null after reporting a fatal error
   */
  static @Nullable Condition parse(ProxyContext ctx, List<String> words, int from, String what) {
    Condition.Polarity polarity = words.get(from).equals("if") ? Condition.Polarity.IF : Condition.Polarity.UNLESS;
    List<List<AclTerm>> alternatives = new ArrayList<>();
    List<AclTerm> suite = new ArrayList<>();
    int i = from + 1;
    if (i >= words.size()) {
      return new Condition(polarity, List.of(List.of(AclTerm.named("FALSE"))), ctx.origin);
    }
    boolean negate = false;
    while (i < words.size()) {
      String w = words.get(i);
      if (w.equals("||") || w.equalsIgnoreCase("or")) {
        if (!suite.isEmpty()) {
          alternatives.add(suite);
        }
        suite = new ArrayList<>();
        i++;
        continue;
      }
      while (w.startsWith("!")) {
        negate = !negate;
        w = w.substring(1);
      }
      if (w.isEmpty()) {
        i++;
        continue;
      }
      AclTerm term;
      if (w.equals("{")) {
        int close = words.subList(i + 1, words.size()).indexOf("}");
        if (close < 0) {
          ctx.diag.fatal(ctx.origin, "error detected while parsing " + what + " : missing closing '}'"
              + " in condition.");
          return null;
        }
        Acl acl = AclParser.parse(ctx, Acl.ANONYMOUS, words.subList(i + 1, i + 1 + close), "anonymous ACL");
        if (acl == null) {
          ctx.diag.fatal(ctx.origin, "error detected while parsing " + what + ".");
          return null;
        }
        term = AclTerm.inline(acl);
        i += close + 2;
      } else {
        if (!ctx.draft.aclNames.contains(w) && !PredefinedAcls.NAMES.contains(w)) {
          ctx.diag.fatal(ctx.origin, "error detected while parsing " + what + " : no such ACL : '" + w
              + "'.");
          return null;
        }
        term = AclTerm.named(w);
        i++;
      }
      suite.add(negate ? term.negate() : term);
      negate = false;
    }
    if (!suite.isEmpty()) {
      alternatives.add(suite);
    }
    if (alternatives.isEmpty()) {
      alternatives.add(List.of(AclTerm.named("FALSE")));
    }
    return new Condition(polarity, alternatives, ctx.origin);
  }

  /** The index of the first {@code if}/{@code unless} at or after {@code from}, or -1. */
  static int find(List<String> words, int from) {
    for (int i = from; i < words.size(); i++) {
      if (isConditionStart(words.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
