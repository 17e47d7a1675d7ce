package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceInput;
import io.hakit.core.balance.LoadBalancer;
import io.hakit.core.balance.ServerView;
import io.hakit.core.model.BalanceSpec;
import io.hakit.proxy.logformat.FormatException;
import io.hakit.proxy.logformat.SampleExpression;
import io.hakit.proxy.logformat.Usage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hashing algorithms: {@code source}, {@code uri [len N] [depth N] [whole] [path-only]},
 * {@code url_param <name>}, {@code hdr(<name>) [use_domain_only]} and {@code hash <expr>}, over a {@link WeightMap}
 * ({@code hash-type map-based}, the default) or a {@link ConsistentRing} ({@code hash-type
 * consistent}).
 */
final class HashFactory extends BuiltInFactory {
  private static final Logger logger = LoggerFactory.getLogger(HashFactory.class);

  HashFactory(String name) {
    super(name);
  }

  @Override
  public BalanceInput input() {
    return name().equals("source") ? BalanceInput.SOURCE_ADDRESS : BalanceInput.HTTP_REQUEST;
  }

  @Override
  public boolean perEventLoop() {
    return true;
  }

  @Override
  public void validate(BalanceSpec spec) {
    key(spec);
    if (spec.args().contains("check_post")) {
      logger.warn("(balance url_param {}) check_post ignored: only the query string is searched", spec.args().get(0));
    }
  }

  @Override
  LoadBalancer create(List<? extends ServerView> servers, BalanceSpec spec, BalanceSettings settings) {
    HashKey key = key(spec);
    return settings.hash().method().equals("consistent")
        ? new ConsistentBalancer(servers, settings, key, 1)
        : new MapBalancer(servers, settings, key);
  }

  /** The key the spec asks to hash; its arguments checked. */
  private HashKey key(BalanceSpec spec) {
    String inner = parenthesised(spec);
    if (!name().equals("hdr") && inner != null) {
      throw new IllegalArgumentException("balance " + spec.algorithm() + ": '" + name() + "' takes no '(...)'");
    }
    List<String> args = spec.args();
    return switch (name()) {
      case "source" -> {
        noArgs(spec, 0);
        yield SourceKey.INSTANCE;
      }
      case "uri" -> uri(args);
      case "hash" -> {
        if (args.size() != 1 || args.get(0).isBlank()) {
          throw new IllegalArgumentException("balance hash: expected one sample expression (e.g. 'balance hash path')");
        }
        try {
          yield new ExpressionKey(SampleExpression.compile(args.get(0), Usage.HTTP_REQUEST));
        } catch (FormatException e) {
          throw new IllegalArgumentException("balance hash: " + e.getMessage(), e);
        }
      }
      case "url_param" -> {
        if (args.isEmpty() || args.get(0).isEmpty()) {
          throw new IllegalArgumentException("balance url_param: missing the URL parameter's name");
        }
        for (String a : args.subList(1, args.size())) {
          if (!a.equals("check_post")) {
            throw new IllegalArgumentException("balance url_param: unexpected argument '" + a
                + "' (expected: check_post or nothing)");
          }
        }
        yield new UrlParamKey(args.get(0));
      }
      default -> {
        if (inner == null || inner.isBlank()) {
          throw new IllegalArgumentException("balance hdr: missing the header's name (expected: hdr(<name>))");
        }
        for (String a : args) {
          if (!a.equals("use_domain_only")) {
            throw new IllegalArgumentException("balance " + spec.algorithm() + ": unexpected argument '" + a
                + "' (expected: use_domain_only or nothing)");
          }
        }
        yield new HeaderKey(inner.trim(), !args.isEmpty());
      }
    };
  }

  private static UriKey uri(List<String> args) {
    int len = 0;
    int depth = 0;
    boolean whole = false;
    boolean pathOnly = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "len" -> len = positive(args, ++i, a);
        case "depth" -> depth = positive(args, ++i, a);
        case "whole" -> whole = true;
        case "path-only" -> pathOnly = true;
        default -> throw new IllegalArgumentException("balance uri: unexpected argument '" + a
            + "' (expected: len <n>, depth <n>, whole, path-only)");
      }
    }
    return new UriKey(len, depth, whole, pathOnly);
  }

  private static int positive(List<String> args, int i, String what) {
    String v = i < args.size() ? args.get(i) : "";
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the expectation
    }
    throw new IllegalArgumentException("balance uri " + what + ": '" + v + "' (expected: a positive integer)");
  }

  private static void noArgs(BalanceSpec spec, int allowed) {
    if (spec.args().size() > allowed) {
      throw new IllegalArgumentException("balance " + spec.algorithm() + ": unexpected argument '"
          + spec.args().get(allowed) + "'");
    }
  }
}
