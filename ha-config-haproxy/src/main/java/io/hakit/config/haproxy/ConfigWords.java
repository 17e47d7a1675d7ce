package io.hakit.config.haproxy;

import io.hakit.core.model.Acl;
import io.hakit.core.model.AclTerm;
import io.hakit.core.model.Condition;
import io.hakit.core.model.IdleConnectionPool;
import io.hakit.core.model.Server;
import io.hakit.core.model.ServerCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The words {@link HaproxyConfigWriter} emits for ACLs, conditions and server lines. */
final class ConfigWords {
  private ConfigWords() {}

  /** A duration in HAProxy's notation, exact to the millisecond. */
  static String ms(Duration d) {
    return d.toMillis() + "ms";
  }

  /** An ACL's criterion, flags and patterns ({@code --} before patterns that start with a dash). */
  static List<String> aclBody(Acl a) {
    List<String> w = new ArrayList<>();
    w.add(a.fetch());
    if (a.flags().ignoreCase()) {
      w.add("-i");
    }
    if (a.flags().noDns()) {
      w.add("-n");
    }
    if (a.flags().matchMethod() != null) {
      w.addAll(List.of("-m", a.flags().matchMethod()));
    }
    a.flags().patternFiles().forEach(f -> w.addAll(List.of("-f", f)));
    if (a.patterns().stream().anyMatch(p -> p.startsWith("-"))) {
      w.add("--");
    }
    w.addAll(a.patterns());
    return w;
  }

  /** The head words followed by {@code if|unless} and the condition's terms, when there is one. */
  static List<String> withCondition(List<String> head, @Nullable Condition c) {
    List<String> w = new ArrayList<>(head);
    if (c == null) {
      return w;
    }
    w.add(c.polarity() == Condition.Polarity.IF ? "if" : "unless");
    boolean first = true;
    for (List<AclTerm> and : c.alternatives()) {
      if (!first) {
        w.add("||");
      }
      first = false;
      for (AclTerm t : and) {
        String neg = t.negated() ? "!" : "";
        if (t.inline() != null) {
          w.add(neg + "{");
          w.addAll(aclBody(t.inline()));
          w.add("}");
        } else {
          w.add(neg + t.name());
        }
      }
    }
    return w;
  }  /** The words of a {@code server} line. */
  static List<String> server(Server s) {
    List<String> w = new ArrayList<>(List.of("server", s.name(), s.address().toString()));
    ServerCheck c = s.check();
    if (c.enabled()) {
      w.add("check");
    }
    if (!c.inter().equals(ServerCheck.DEFAULT_INTER)) {
      w.addAll(List.of("inter", ms(c.inter())));
    }
    if (c.fastinter() != null) {
      w.addAll(List.of("fastinter", ms(c.fastinter())));
    }
    if (c.downinter() != null) {
      w.addAll(List.of("downinter", ms(c.downinter())));
    }
    if (c.rise() != ServerCheck.DEFAULT_RISE) {
      w.addAll(List.of("rise", Integer.toString(c.rise())));
    }
    if (c.fall() != ServerCheck.DEFAULT_FALL) {
      w.addAll(List.of("fall", Integer.toString(c.fall())));
    }
    if (c.port() > 0) {
      w.addAll(List.of("port", Integer.toString(c.port())));
    }
    if (c.addr() != null) {
      w.addAll(List.of("addr", c.addr()));
    }
    if (s.weight() != Server.DEFAULT_WEIGHT) {
      w.addAll(List.of("weight", Integer.toString(s.weight())));
    }
    if (s.backup()) {
      w.add("backup");
    }
    if (s.disabled()) {
      w.add("disabled");
    }
    if (s.maxconn() > 0) {
      w.addAll(List.of("maxconn", Integer.toString(s.maxconn())));
    }
    if (s.maxqueue() > 0) {
      w.addAll(List.of("maxqueue", Integer.toString(s.maxqueue())));
    }
    if (s.sendProxy()) {
      w.add("send-proxy");
    }
    if (s.slowstart() != null) {
      w.addAll(List.of("slowstart", ms(s.slowstart())));
    }
    if (s.cookie() != null) {
      w.addAll(List.of("cookie", s.cookie()));
    }
    IdleConnectionPool pool = s.idlePool();
    if (pool.maxConn() != IdleConnectionPool.DEFAULT.maxConn()) {
      w.addAll(List.of("pool-max-conn", Integer.toString(pool.maxConn())));
    }
    if (pool.lowConn() != IdleConnectionPool.DEFAULT.lowConn()) {
      w.addAll(List.of("pool-low-conn", Integer.toString(pool.lowConn())));
    }
    if (!pool.purgeDelay().equals(IdleConnectionPool.DEFAULT.purgeDelay())) {
      w.addAll(List.of("pool-purge-delay", ms(pool.purgeDelay())));
    }
    s.options().forEach(o -> {
      w.add(o.keyword());
      w.addAll(o.args());
    });
    return w;
  }
}
