package io.hakit.proxy.http;

/**
 * The user event a stopping proxy fires into each client pipeline: finish the transaction in
 * flight, then close; close at once when idle.
 */
public final class StopRequest {
  public static final StopRequest INSTANCE = new StopRequest();

  private StopRequest() {}
}
