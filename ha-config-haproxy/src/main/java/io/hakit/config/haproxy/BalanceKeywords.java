package io.hakit.config.haproxy;

import io.hakit.core.model.HashSpec;
import java.util.List;
import java.util.Set;

/**
 * {@code balance <algorithm> [<arguments>]} with every 2.6 algorithm and its arguments, and {@code
 * hash-type} (HAPROXY-CFG-DIALECT.md 6.9). Only the name and arguments go to the model.
 */
final class BalanceKeywords {
  private static final String UNKNOWN = "'balance' only supports 'roundrobin', 'static-rr', 'leastconn',"
      + " 'source', 'uri', 'url_param', 'hash', 'hdr(name)' and 'rdp-cookie(name)' options.";
  private static final Set<String> FUNCTIONS = Set.of("sdbm", "djb2", "wt6", "crc32", "none");

  private BalanceKeywords() {}

  static List<ProxyKeyword> keywords() {
    return List.of(
        ProxyKeyword.of("balance", Cap.DB, BalanceKeywords::balance),
        ProxyKeyword.of("hash-type", Cap.DB, BalanceKeywords::hashType),
        ProxyKeyword.of("hash-balance-factor", Cap.DB, BalanceKeywords::hashBalanceFactor));
  }

  private static void balance(ProxyContext ctx, Statement st) {
    String algo = st.word(1);
    List<String> args = st.from(2);
    String error = check(algo, args);
    if (error != null) {
      ctx.error(error);
      return;
    }
    if (algo.startsWith("rdp-cookie")) {
      // It needs the client's first bytes before the pick (tcp-request inspect-delay), which
      // HAKit's TCP relay does not buffer; balancing otherwise would break the stickiness asked for.
      ctx.warning("'balance " + algo + "' is supported by HAProxy, not by HAKit: the proxy refuses to start with"
          + " this backend.");
    }
    ctx.draft.balanceAlgorithm = algo;
    ctx.draft.balanceArgs = List.copyOf(args);
    ctx.draft.balanceOrigin = ctx.origin;
  }

  /** HAProxy's complaint about an algorithm and its arguments, or null when fine. */
  static String check(String algo, List<String> args) {
    switch (algo) {
      case "roundrobin", "static-rr", "leastconn", "first", "source" -> {
        return null;
      }
      case "uri" -> {
        for (int i = 0; i < args.size(); i++) {
          String a = args.get(i);
          if (a.equals("len") || a.equals("depth")) {
            if (i + 1 >= args.size() || Values.strictInt(args.get(i + 1)) == null) {
              return "'balance uri " + a + "' expects a positive integer (got '"
                  + (i + 1 < args.size() ? args.get(i + 1) : "") + "').";
            }
            i++;
          } else if (!a.equals("whole") && !a.equals("path-only")) {
            return "'balance uri' only accepts parameters 'len', 'depth', 'path-only', and 'whole'.";
          }
        }
        return null;
      }
      case "url_param" -> {
        if (args.isEmpty()) {
          return "'balance url_param' requires an URL parameter name.";
        }
        for (int i = 1; i < args.size(); i++) {
          if (!args.get(i).equals("check_post")) {
            return "'balance url_param' only accepts check_post modifier.";
          }
        }
        return null;
      }
      case "hash" -> {
        if (args.size() != 1) {
          return "'balance hash' requires a sample expression.";
        }
        if (!FetchNames.known(args.get(0))) {
          // HAProxy's own wording, its empty "in :" included.
          return "failed to parse 'balance hash' expression '" + args.get(0) + "' in : unknown fetch method '"
              + FetchNames.baseName(args.get(0)) + "'.";
        }
        return null;
      }
      default -> {
        return checkGlued(algo, args);
      }
    }
  }

  private static String checkGlued(String algo, List<String> args) {
    if (algo.equals("random") || algo.startsWith("random(")) {
      if (algo.startsWith("random(")) {
        String inner = algo.endsWith(")") ? algo.substring(7, algo.length() - 1) : "";
        Integer draws = Values.strictInt(inner);
        if (draws == null || draws < 1) {
          return "'balance random(" + inner + ")' : number of draws must be > 0.";
        }
      }
      return null;
    }
    if (algo.startsWith("hdr(") && algo.endsWith(")") && algo.length() > 5) {
      for (String a : args) {
        if (!a.equals("use_domain_only")) {
          return "'balance hdr(name)' only accepts 'use_domain_only' modifier.";
        }
      }
      return null;
    }
    if (algo.equals("hdr") || algo.startsWith("hdr(")) {
      return "'balance hdr' requires an http header field name.";
    }
    if (algo.equals("rdp-cookie") || (algo.startsWith("rdp-cookie(") && algo.endsWith(")"))) {
      return null;
    }
    return UNKNOWN;
  }

  private static void hashType(ProxyContext ctx, Statement st) {
    String method = st.word(1);
    if (!method.equals("map-based") && !method.equals("consistent")) {
      ctx.error("'hash-type' expects 'map-based' or 'consistent' but got '" + method + "'.");
      return;
    }
    String function = "sdbm";
    // HAProxy: consistent hashing without a function is sdbm with the avalanche modifier.
    String modifier = st.size() == 2 && method.equals("consistent") ? "avalanche" : null;
    if (st.size() > 2) {
      function = st.word(2);
      if (!FUNCTIONS.contains(function)) {
        ctx.error("'hash-type " + method + "' expects 'sdbm', 'djb2', 'wt6', 'crc32' or 'none' as hash function"
            + " but got '" + function + "'.");
        return;
      }
    }
    if (st.size() > 3) {
      modifier = st.word(3);
      if (!modifier.equals("avalanche")) {
        ctx.error("'hash-type " + method + " " + function + "' only supports 'avalanche' as a modifier.");
        return;
      }
    }
    if (st.size() > 4) {
      ctx.error("'hash-type' cannot handle unexpected argument '" + st.word(4) + "'.");
      return;
    }
    ctx.draft.hash = new HashSpec(method, function, modifier);
  }

  /** Kept for the balancers (read from the backend's extras); HAProxy reads the number with atoi. */
  private static void hashBalanceFactor(ProxyContext ctx, Statement st) {
    int factor = Values.atoi(st.word(1));
    if (factor != 0 && factor <= 100) {
      ctx.error("'hash-balance-factor' must be 0 or greater than 100.");
      return;
    }
    ctx.addExtras(st);
  }
}
