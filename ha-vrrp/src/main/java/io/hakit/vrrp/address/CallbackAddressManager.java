package io.hakit.vrrp.address;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link VirtualAddressManager} that configures nothing itself and calls back instead: to move
 * an address through a cloud API, or to bind a listener on a loopback address in the no-root demo.
 * It remembers which addresses it was told to add, for {@link #isPresent}. Callbacks run on the
 * instance's address thread and should be idempotent (a remove arrives at start, in case a crashed
 * run left the address behind).
 *
 * <pre>{@code
 * VirtualAddressManager vips = CallbackAddressManager.builder()
 *     .onAdd(a -> server.bind(a.address()))
 *     .onRemove(a -> server.unbind(a.address()))
 *     .build();
 * }</pre>
 */
public final class CallbackAddressManager implements VirtualAddressManager {

  /** One callback. */
  @FunctionalInterface
  public interface Callback {
    void accept(VirtualAddress address) throws IOException;
  }

  private static final Callback NONE = a -> { };

  private final Callback onAdd;
  private final Callback onRemove;
  private final Callback onAnnounce;
  private final Set<VirtualAddress> present = ConcurrentHashMap.newKeySet();

  private CallbackAddressManager(Callback onAdd, Callback onRemove, Callback onAnnounce) {
    this.onAdd = onAdd;
    this.onRemove = onRemove;
    this.onAnnounce = onAnnounce;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void add(VirtualAddress address) throws IOException {
    onAdd.accept(address);
    present.add(address);
  }

  @Override
  public void remove(VirtualAddress address) throws IOException {
    present.remove(address);
    onRemove.accept(address);
  }

  @Override
  public boolean isPresent(VirtualAddress address) {
    return present.contains(address);
  }

  @Override
  public void announce(VirtualAddress address) throws IOException {
    onAnnounce.accept(address);
  }

  /** The addresses added and not removed since, a snapshot. */
  public Set<VirtualAddress> present() {
    return Set.copyOf(present);
  }

  /** Builds a {@link CallbackAddressManager}; callbacks not set do nothing. */
  public static final class Builder {
    private Callback onAdd = NONE;
    private Callback onRemove = NONE;
    private Callback onAnnounce = NONE;

    private Builder() {}

    public Builder onAdd(Callback callback) {
      this.onAdd = Objects.requireNonNull(callback, "callback");
      return this;
    }

    public Builder onRemove(Callback callback) {
      this.onRemove = Objects.requireNonNull(callback, "callback");
      return this;
    }

    public Builder onAnnounce(Callback callback) {
      this.onAnnounce = Objects.requireNonNull(callback, "callback");
      return this;
    }

    public CallbackAddressManager build() {
      return new CallbackAddressManager(onAdd, onRemove, onAnnounce);
    }
  }
}
