package io.hakit.config.haproxy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Every proxy keyword, gathered from the per-feature tables. A duplicate name across tables is a
 * programming error and fails at class initialisation.
 */
final class ProxyKeywords {
  private static final Map<String, ProxyKeyword> ALL = build();

  private ProxyKeywords() {}

  private static Map<String, ProxyKeyword> build() {
    Map<String, ProxyKeyword> map = new TreeMap<>();
    Stream.of(CoreProxyKeywords.keywords(), TimeoutKeyword.keywords(), OptionKeywords.keywords(),
            BalanceKeywords.keywords(), HttpRuleKeywords.keywords(), StatsKeyword.keywords(), ServerKeywords.keywords(),
            BindKeyword.keywords(), HttpCheckKeyword.keywords(), KeptProxyKeywords.keywords(), TcpRuleKeywords.keywords(),
            RemovedProxyKeywords.keywords(), List.of(ProxyKeyword.of("log", Cap.DFB, LogLine::proxyKeyword)))
        .flatMap(List::stream)
        .forEach(k -> {
          if (map.put(k.name(), k) != null) {
            throw new IllegalStateException("duplicate proxy keyword '" + k.name() + "'");
          }
        });
    return Collections.unmodifiableMap(map);
  }

  static @Nullable ProxyKeyword get(String name) {
    return ALL.get(name);
  }

  static java.util.Set<String> names() {
    return ALL.keySet();
  }
}
