package io.hakit.proxy.balance;

import io.hakit.core.balance.BalanceRequest;
import io.hakit.proxy.logformat.LogContext;
import org.jspecify.annotations.Nullable;

/**
 * A request the proxy can also show to sample expressions ({@code balance hash <expr>}): its
 * session's log context, where fetches such as {@code path}, {@code req.hdr()} or {@code src}
 * find their values. Called on the session's event loop during the pick.
 */
public interface SampledRequest extends BalanceRequest {
  /** The context fetches read, or null when the request has none yet. */
  @Nullable LogContext sampleContext();
}
