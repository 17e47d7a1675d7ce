package io.hakit.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hakit.core.model.IdleConnectionPool;
import io.hakit.core.model.ProxyModel;
import io.hakit.core.model.Server;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pool-max-conn, pool-low-conn and pool-purge-delay on server and default-server lines (2.6). */
class ServerPoolKeywordsTest {
  private static final HaproxyConfigReader READER =
      new HaproxyConfigReader(new HaproxyConfigReader.Options(true, Map.of()));

  private static ProxyModel read(String backendLines) {
    return READER.read("t.cfg", "backend be\n" + backendLines).model();
  }

  private static Server server(ProxyModel m, String name) {
    return m.backend("be").orElseThrow().servers().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow();
  }

  private static List<String> errors(String backendLines) {
    try {
      READER.read("t.cfg", "backend be\n" + backendLines);
    } catch (ConfigException e) {
      return e.errors().stream().map(Diagnostic::toString).toList();
    }
    throw new AssertionError("expected errors in:\n" + backendLines);
  }

  @Test
  void read_noPoolKeyword_haproxyDefaults() {
    Server s = server(read(" server s1 127.0.0.1:80\n"), "s1");

    assertThat(s.idlePool()).isEqualTo(IdleConnectionPool.DEFAULT);
    assertThat(s.idlePool().maxConn()).isEqualTo(-1);
    assertThat(s.idlePool().lowConn()).isZero();
    assertThat(s.idlePool().purgeDelay()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void read_poolKeywords_typedAndNotKeptAsOptions() {
    Server s = server(read(" server s1 127.0.0.1:80 pool-max-conn 10 pool-low-conn 2 pool-purge-delay 250\n"), "s1");

    assertThat(s.idlePool()).isEqualTo(new IdleConnectionPool(10, 2, Duration.ofMillis(250)));
    assertThat(s.options()).isEmpty();
  }

  @Test
  void read_defaultServer_inheritedAndOverriddenPerServer() {
    ProxyModel m = read("""
         default-server pool-max-conn 0 pool-purge-delay 1s
         server s1 127.0.0.1:80
         server s2 127.0.0.1:81 pool-max-conn -1 pool-purge-delay 0
        """);

    assertThat(server(m, "s1").idlePool()).isEqualTo(new IdleConnectionPool(0, 0, Duration.ofSeconds(1)));
    assertThat(server(m, "s1").idlePool().keepsIdle()).isFalse();
    assertThat(server(m, "s2").idlePool()).isEqualTo(new IdleConnectionPool(-1, 0, Duration.ZERO));
    assertThat(server(m, "s2").idlePool().keepsIdle()).isFalse();
  }

  @Test
  void read_lenientValuesHaproxyTakes_readAsAtoi() {
    // haproxy 2.6.12 -c accepts these (atoi): "abc" is 0, "5x" is 5, a negative low is kept as 0.
    Server s = server(read(" server s1 127.0.0.1:80 pool-max-conn 5x pool-low-conn -3\n"), "s1");
    assertThat(s.idlePool().maxConn()).isEqualTo(5);
    assertThat(s.idlePool().lowConn()).isZero();
    assertThat(server(read(" server s1 127.0.0.1:80 pool-max-conn abc\n"), "s1").idlePool().maxConn()).isZero();
    assertThat(server(read(" server s1 127.0.0.1:80 pool-purge-delay 500us\n"), "s1").idlePool().purgeDelay())
        .isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void read_badValues_haproxyMessagesAtFileAndLine() {
    assertThat(errors(" server s1 127.0.0.1:80\n server s2 127.0.0.1:80 pool-max-conn -2\n"))
        .containsExactly("t.cfg:3: 'server be/s2' : 'pool-max-conn' must be >= -1.");
    assertThat(errors(" server s1 127.0.0.1:80 pool-purge-delay 1.5s\n"))
        .containsExactly("t.cfg:2: 'server be/s1' : unexpected character '.' in argument to <pool-purge-delay>.");
    assertThat(errors(" server s1 127.0.0.1:80 pool-purge-delay -1\n"))
        .containsExactly("t.cfg:2: 'server be/s1' : unexpected character '-' in argument to <pool-purge-delay>.");
    assertThat(errors(" server s1 127.0.0.1:80 pool-purge-delay 3000000000\n"))
        .containsExactly("t.cfg:2: 'server be/s1' : timer overflow in argument '3000000000' to 'pool-purge-delay'"
            + " (maximum value is 2147483647 ms or ~24.8 days)");
    assertThat(errors(" default-server pool-max-conn -5\n server s1 127.0.0.1:80\n"))
        .containsExactly("t.cfg:2: 'default-server' : 'pool-max-conn' must be >= -1.");
  }

  @Test
  void write_poolKeywords_readBackEqual() {
    ProxyModel m = read(" server s1 127.0.0.1:80 pool-max-conn 7 pool-low-conn 3 pool-purge-delay 2s\n"
        + " server s2 127.0.0.1:81\n");

    String text = new HaproxyConfigWriter().write(m);

    assertThat(text).contains("pool-max-conn 7").contains("pool-low-conn 3").contains("pool-purge-delay 2000ms");
    ProxyModel again = READER.read("w.cfg", text).model();
    assertThat(server(again, "s1").idlePool()).isEqualTo(server(m, "s1").idlePool());
    assertThat(server(again, "s2").idlePool()).isEqualTo(IdleConnectionPool.DEFAULT);
  }
}
