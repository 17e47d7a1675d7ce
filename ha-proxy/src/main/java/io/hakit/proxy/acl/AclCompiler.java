package io.hakit.proxy.acl;

import io.hakit.core.model.Acl;
import io.hakit.core.model.AclTerm;
import io.hakit.core.model.Condition;
import io.hakit.core.net.Cidr;
import io.hakit.proxy.internal.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Compiles ACL lines and conditions into {@link AclPredicate}s once, when the proxy is built.
 * Fetches are a table (keyword to sample and default match method), like HAProxy's keyword
 * registration; an unknown fetch is an error with a "did you mean".
 */
public final class AclCompiler {
  /** The sample a fetch reads. */
  private enum Sample {
    PATH,
    URL,
    METHOD,
    HEADER,
    SOURCE,
    VERSION,
    STATUS
  }

  private record FetchKind(Sample sample, String match, boolean takesArgument) {}

  private static final Map<String, FetchKind> FETCHES = new TreeMap<>();

  static {
    for (String m : List.of("", "_beg", "_end", "_sub", "_reg", "_dir", "_dom", "_len")) {
      String match = m.isEmpty() ? "str" : m.substring(1);
      FETCHES.put("path" + m, new FetchKind(Sample.PATH, match, false));
      FETCHES.put("url" + m, new FetchKind(Sample.URL, match, false));
      FETCHES.put("hdr" + m, new FetchKind(Sample.HEADER, match, true));
    }
    FETCHES.put("req.hdr", new FetchKind(Sample.HEADER, "str", true));
    // Response side (http-response conditions, evaluated over the response head).
    FETCHES.put("res.hdr", new FetchKind(Sample.HEADER, "str", true));
    FETCHES.put("status", new FetchKind(Sample.STATUS, "int", false));
    FETCHES.put("method", new FetchKind(Sample.METHOD, "str", false));
    FETCHES.put("src", new FetchKind(Sample.SOURCE, "ip", false));
    FETCHES.put("req.ver", new FetchKind(Sample.VERSION, "str", false));
    FETCHES.put("req_ver", new FetchKind(Sample.VERSION, "str", false));
  }

  private AclCompiler() {}

  /** The fetch keywords this runtime evaluates. */
  public static java.util.Set<String> fetchNames() {
    return java.util.Collections.unmodifiableSet(FETCHES.keySet());
  }

  /**
   * Compiles one ACL line.
   *
   * @throws IllegalArgumentException for an unknown fetch, match method or bad pattern
   */
  public static AclPredicate compile(Acl acl) {
    String fetch = acl.fetch();
    boolean lower = false;
    int comma = fetch.indexOf(',');
    if (comma >= 0) {
      String converters = fetch.substring(comma + 1);
      if (!converters.equals("lower")) {
        throw new IllegalArgumentException("acl '" + acl.name() + "': converter '" + converters
            + "' is not supported (expected: lower)");
      }
      lower = true;
      fetch = fetch.substring(0, comma);
    }
    String argument = null;
    int paren = fetch.indexOf('(');
    if (paren >= 0) {
      if (!fetch.endsWith(")")) {
        throw new IllegalArgumentException("acl '" + acl.name() + "': fetch '" + acl.fetch() + "': missing ')'");
      }
      argument = fetch.substring(paren + 1, fetch.length() - 1).trim();
      fetch = fetch.substring(0, paren);
    }
    FetchKind kind = FETCHES.get(fetch);
    if (kind == null) {
      throw new IllegalArgumentException("acl '" + acl.name() + "': unknown fetch method '" + fetch + "'"
          + DidYouMean.hint(fetch, FETCHES.keySet()));
    }
    if (kind.takesArgument() && (argument == null || argument.isEmpty())) {
      throw new IllegalArgumentException("acl '" + acl.name() + "': fetch '" + fetch + "' needs a header name");
    }
    String match = acl.flags().matchMethod() != null ? acl.flags().matchMethod() : kind.match();
    if (kind.sample() == Sample.SOURCE) {
      return sourceMatcher(acl);
    }
    if (kind.sample() == Sample.STATUS) {
      if (!match.equals("int")) {
        throw new IllegalArgumentException("acl '" + acl.name() + "': fetch '" + fetch + "' takes integer patterns"
            + " (-m " + match + " is not supported)");
      }
      IntMatcher ints = IntMatcher.of(acl.patterns());
      return s -> s.status() != 0 && ints.matches(s.status());
    }
    StringMatcher matcher = StringMatcher.of(match, acl.patterns(), acl.flags().ignoreCase());
    if (acl.patterns().isEmpty() && !match.equals("found")) {
      return AclPredicate.FALSE;
    }
    StringMatcher m = lower ? v -> matcher.matches(v.toLowerCase(Locale.ROOT)) : matcher;
    return switch (kind.sample()) {
      case PATH -> s -> m.matches(s.path());
      case URL -> s -> m.matches(s.uri());
      case METHOD -> s -> m.matches(s.method());
      case VERSION -> s -> m.matches(s.version() == 10 ? "1.0" : "1.1");
      case HEADER -> header(argument == null ? "" : argument.toLowerCase(Locale.ROOT), m);
      case SOURCE, STATUS -> throw new AssertionError("handled above");
    };
  }

  /** {@code hdr(name)}: every occurrence, each comma-separated value, until one matches. */
  private static AclPredicate header(String name, StringMatcher m) {
    return s -> {
      for (int i = 0, n = s.headerCount(); i < n; i++) {
        if (!s.headerName(i).equals(name)) {
          continue;
        }
        String v = s.headerValue(i);
        int start = 0;
        while (true) {
          int c = v.indexOf(',', start);
          String part = (c < 0 ? v.substring(start) : v.substring(start, c)).trim();
          if (m.matches(part)) {
            return true;
          }
          if (c < 0) {
            break;
          }
          start = c + 1;
        }
      }
      return false;
    };
  }

  private static AclPredicate sourceMatcher(Acl acl) {
    List<Cidr> networks = new ArrayList<>();
    for (String p : acl.patterns()) {
      networks.add(Cidr.parse(p));
    }
    Cidr[] nets = networks.toArray(new Cidr[0]);
    return s -> {
      byte[] address = s.sourceAddress();
      for (Cidr c : nets) {
        if (c.contains(address)) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * Compiles a condition against the proxy's ACLs (several lines of one name are OR-ed).
   *
   * @throws IllegalArgumentException for an unknown ACL name or an ACL that does not compile
   */
  public static AclPredicate compile(@Nullable Condition condition, List<Acl> acls) {
    if (condition == null) {
      return AclPredicate.TRUE;
    }
    List<AclPredicate> ors = new ArrayList<>();
    for (List<AclTerm> and : condition.alternatives()) {
      List<AclPredicate> terms = new ArrayList<>();
      for (AclTerm term : and) {
        AclPredicate p = term.inline() != null ? compile(term.inline()) : named(term.name(), acls);
        terms.add(term.negated() ? s -> !p.test(s) : p);
      }
      ors.add(allOf(terms.toArray(new AclPredicate[0])));
    }
    AclPredicate any = anyOf(ors.toArray(new AclPredicate[0]));
    return condition.polarity() == Condition.Polarity.UNLESS ? s -> !any.test(s) : any;
  }

  private static AclPredicate named(@Nullable String name, List<Acl> acls) {
    List<AclPredicate> lines = new ArrayList<>();
    for (Acl a : acls) {
      if (a.name().equals(name)) {
        lines.add(compile(a));
      }
    }
    if (!lines.isEmpty()) {
      return anyOf(lines.toArray(new AclPredicate[0]));
    }
    AclPredicate predefined = name == null ? null : PredefinedAclPredicates.of(name);
    if (predefined == null) {
      throw new IllegalArgumentException("no such ACL : '" + name + "'");
    }
    return predefined;
  }

  private static AclPredicate anyOf(AclPredicate[] ps) {
    if (ps.length == 1) {
      return ps[0];
    }
    return s -> {
      for (AclPredicate p : ps) {
        if (p.test(s)) {
          return true;
        }
      }
      return false;
    };
  }

  private static AclPredicate allOf(AclPredicate[] ps) {
    if (ps.length == 1) {
      return ps[0];
    }
    return s -> {
      for (AclPredicate p : ps) {
        if (!p.test(s)) {
          return false;
        }
      }
      return true;
    };
  }
}
