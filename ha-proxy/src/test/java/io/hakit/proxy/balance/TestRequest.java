package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.core.balance.ServerView;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request for balancer tests: what a session would supply, plus the server a redispatch avoids. */
record TestRequest(byte @Nullable [] source, @Nullable String uri, Map<String, String> headers,
    @Nullable ServerView excluded) implements BalanceRequest {

  static TestRequest uri(String uri) {
    return new TestRequest(null, uri, Map.of(), null);
  }

  static TestRequest source(int a, int b, int c, int d) {
    return new TestRequest(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, null, Map.of(), null);
  }

  static TestRequest header(String name, String value) {
    return new TestRequest(null, "/", Map.of(name.toLowerCase(Locale.ROOT), value), null);
  }

  TestRequest excluding(ServerView s) {
    return new TestRequest(source, uri, headers, s);
  }

  @Override
  public byte @Nullable [] sourceAddress() {
    return source;
  }

  @Override
  public @Nullable String method() {
    return uri == null ? null : "GET";
  }

  @Override
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public boolean isExcluded(ServerView server) {
    return server == excluded;
  }
}
