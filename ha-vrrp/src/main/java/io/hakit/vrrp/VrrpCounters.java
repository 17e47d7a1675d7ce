package io.hakit.vrrp;

import io.hakit.vrrp.packet.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one instance. Thread-safe: written by the instance's threads, read by anyone.
 */
public final class VrrpCounters {
  private final LongAdder advertsSent = new LongAdder();
  private final LongAdder advertsReceived = new LongAdder();
  private final LongAdder packetsReceived = new LongAdder();
  private final LongAdder becameMaster = new LongAdder();
  private final LongAdder sendErrors = new LongAdder();
  private final LongAdder addressErrors = new LongAdder();
  private final EnumMap<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
  private final LongAdder timedAdverts = new LongAdder();
  private final LongAdder advertLatenessTotal = new LongAdder();
  private final AtomicLong advertLatenessMax = new AtomicLong();

  VrrpCounters() {
    for (DropReason r : DropReason.values()) {
      drops.put(r, new LongAdder());
    }
  }

  /** Adverts this instance sent (including priority-0 ones), per destination. */
  public long advertsSent() {
    return advertsSent.sum();
  }

  /** Adverts that passed validation and reached the state machine. */
  public long advertsReceived() {
    return advertsReceived.sum();
  }

  /** Every packet the transport delivered, valid or not. */
  public long packetsReceived() {
    return packetsReceived.sum();
  }

  public long becameMaster() {
    return becameMaster.sum();
  }

  /** Sends the transport refused (logged, rate-limited). */
  public long sendErrors() {
    return sendErrors.sum();
  }

  /** Address manager calls that failed. */
  public long addressErrors() {
    return addressErrors.sum();
  }

  public long dropped(DropReason reason) {
    return drops.get(reason).sum();
  }

  public long droppedTotal() {
    long total = 0;
    for (LongAdder a : drops.values()) {
      total += a.sum();
    }
    return total;
  }

  /** Drops per reason, only the non-zero ones. */
  public Map<DropReason, Long> drops() {
    EnumMap<DropReason, Long> out = new EnumMap<>(DropReason.class);
    drops.forEach((r, a) -> {
      long n = a.sum();
      if (n > 0) {
        out.put(r, n);
      }
    });
    return out;
  }

  /** How late the worst timer-driven advert went out after its deadline, in nanoseconds. */
  public long maxAdvertLatenessNanos() {
    return advertLatenessMax.get();
  }

  /** Mean lateness of timer-driven adverts, in nanoseconds. */
  public long meanAdvertLatenessNanos() {
    long n = timedAdverts.sum();
    return n == 0 ? 0 : advertLatenessTotal.sum() / n;
  }

  void onAdvertSent() {
    advertsSent.increment();
  }

  void onAdvertReceived() {
    advertsReceived.increment();
  }

  void onPacketReceived() {
    packetsReceived.increment();
  }

  void onBecameMaster() {
    becameMaster.increment();
  }

  long onSendError() {
    sendErrors.increment();
    return sendErrors.sum();
  }

  void onAddressError() {
    addressErrors.increment();
  }

  /** Counts a drop; returns the new count for this reason (to rate-limit logs). */
  long onDrop(DropReason reason) {
    LongAdder a = drops.get(reason);
    a.increment();
    return a.sum();
  }

  void onAdvertLateness(long nanos) {
    timedAdverts.increment();
    advertLatenessTotal.add(nanos);
    advertLatenessMax.accumulateAndGet(nanos, Math::max);
  }

  @Override
  public String toString() {
    return "sent=" + advertsSent() + " received=" + advertsReceived() + " becameMaster=" + becameMaster()
        + " drops=" + drops() + " sendErrors=" + sendErrors();
  }
}
