package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.proxy.logformat.LogContext;
import io.hakit.proxy.logformat.SampleExpression;

/**
 * {@code balance hash <expr>}: the sample expression's value cast to binary, hashed with the
 * backend's {@code hash-type} as HAProxy hashes it. A request that cannot be sampled, or whose
 * expression yields nothing, is {@link #ABSENT} (round robin, as HAProxy falls back).
 */
record ExpressionKey(SampleExpression expression) implements HashKey {

  @Override
  public long hash(BalanceRequest request, Method method) {
    if (!(request instanceof SampledRequest sampled)) {
      return ABSENT;
    }
    LogContext ctx = sampled.sampleContext();
    String key = ctx == null ? null : expression.binary(ctx);
    if (key == null) {
      return ABSENT;
    }
    return method.finish(method.function().hash(key, 0, key.length()));
  }
}
