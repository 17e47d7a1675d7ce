package io.hakit.vrrp;

import io.hakit.core.health.Health;
import io.hakit.vrrp.fsm.FsmActions;
import io.hakit.vrrp.fsm.FsmConfig;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.fsm.VrrpStateMachine;
import io.hakit.vrrp.fsm.Timing;
import io.hakit.vrrp.packet.Advertisement;
import io.hakit.vrrp.packet.DecodeResult;
import io.hakit.vrrp.packet.DropReason;
import io.hakit.vrrp.packet.VrrpProtocol;
import io.hakit.vrrp.transport.PacedSender;
import io.hakit.vrrp.transport.ReceivedMessage;
import io.hakit.vrrp.transport.VrrpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vrrp-NAME} thread: owns the state machine, runs queued events (received adverts,
 * health changes, stop) and fires the state machine's timers on their deadlines. It waits on the
 * event queue with a timeout that ends exactly at the next deadline (not a fixed-rate sleep), so a
 * late wake-up (GC pause, busy machine) is not carried into the following adverts: the state machine
 * keeps the advert cadence on its original grid. Adverts are encoded here and sent through the
 * transport; address work goes to the {@link AddressWorker}.
 */
final class InstanceScheduler implements FsmActions, VrrpTransport.Receiver {
  private static final Logger logger = LoggerFactory.getLogger(InstanceScheduler.class);

  private final InstanceSettings settings;
  private final VrrpTransport transport;
  private final InetAddress source;
  private final VrrpCounters counters;
  private final AddressWorker addresses;
  private final AdvertValidator validator;
  private final VrrpStateMachine fsm;
  private final EncodedAdverts adverts;
  private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final AtomicLong packetsArrived = new AtomicLong(); // counted by the receive thread on arrival
  private final AtomicLong packetsHandled = new AtomicLong(); // ... and once queued or dropped
  private @Nullable AdvertPacing pacing; // scheduler thread
  private static final int MAX_PACED_MESSAGES = 64;
  private final long maxDeferNanos;
  private long firingDeadline = VrrpStateMachine.NO_DEADLINE; // the deadline whose timer runs now (scheduler thread)
  private final Thread thread;
  private volatile VrrpState state = VrrpState.INIT;
  private volatile int effectivePriority;
  private volatile boolean wantsMaster;
  private final VrrpInstance owner;
  private final @Nullable SyncGroup group;
  private boolean forcing; // a sync group's forced transition is running (scheduler thread)
  private boolean stopRequested; // confined to the scheduler thread

  InstanceScheduler(InstanceSettings settings, VrrpTransport transport, VrrpCounters counters, AddressWorker addresses,
      VrrpInstance owner, @Nullable SyncGroup group) {
    this.owner = owner;
    this.group = group;
    this.settings = settings;
    this.transport = transport;
    this.source = transport.sourceAddress();
    this.counters = counters;
    this.addresses = addresses;
    this.validator = new AdvertValidator(settings);
    this.maxDeferNanos = Timing.centisToNanos(settings.advertIntervalCentis());
    this.fsm = new VrrpStateMachine(new FsmConfig(settings.name(), settings.version(), settings.priority(),
        settings.advertIntervalCentis(), settings.preempt(), settings.preemptDelay().toNanos(), source,
        settings.ownerStartsAsMaster()), this);
    this.effectivePriority = fsm.effectivePriority();
    if (group != null) {
      fsm.setMasterGate(() -> group.mayBecomeMaster(owner));
    }
    this.adverts = new EncodedAdverts(settings, source, settings.unicastPeers().isEmpty()
        ? List.of(settings.ipv6() ? VrrpProtocol.GROUP_V6 : VrrpProtocol.GROUP_V4)
        : settings.unicastPeers());
    this.thread = new Thread(this::run, "vrrp-" + settings.name());
    thread.setDaemon(true);
    // Adverts are the one latency-sensitive job of the instance; ask the OS to favour this thread.
    thread.setPriority(Thread.MAX_PRIORITY);
  }

  InetAddress source() {
    return source;
  }

  VrrpState state() {
    return state;
  }

  int effectivePriority() {
    return effectivePriority;
  }

  boolean wantsMaster() {
    return wantsMaster;
  }

  void forceMaster(String reason) {
    events.add(() -> forced(() -> fsm.forceMaster(System.nanoTime(), reason)));
  }

  void forceBackup(String reason) {
    events.add(() -> forced(() -> fsm.forceBackup(System.nanoTime(), reason)));
  }

  private void forced(Runnable transition) {
    forcing = true;
    try {
      transition.run();
    } finally {
      forcing = false;
    }
  }

  /** Starts the thread; its first event starts the state machine. */
  void start(Runnable afterStart) {
    events.add(() -> {
      fsm.start(System.nanoTime());
      afterStart.run();
    });
    thread.start();
  }

  /** Asks the thread to stop the state machine (graceful: priority 0) and end. */
  void stop(boolean graceful) {
    events.add(() -> {
      if (graceful) {
        fsm.stop(System.nanoTime());
      } else {
        fsm.abandon();
      }
      stopRequested = true;
    });
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  /** Recomputes the tracked priority and fault from the sources' current health. */
  void trackingChanged() {
    events.add(this::applyTracking);
  }

  void applyTracking() {
    int adjustment = 0;
    StringBuilder faults = new StringBuilder();
    StringBuilder weights = new StringBuilder();
    for (TrackedSource t : settings.tracked()) {
      Health h = t.source().current();
      if (t.weight() == 0) {
        if (!h.isUp()) {
          faults.append(faults.length() == 0 ? "" : ", ").append(t.source().name()).append(" failed: ").append(h.reason());
        }
      } else {
        int a = t.adjustment(h.isUp());
        adjustment += a;
        if (a != 0) {
          weights.append(weights.length() == 0 ? "" : ", ").append(t.source().name()).append(' ')
              .append(a > 0 ? "+" : "").append(a);
        }
      }
    }
    boolean fault = faults.length() > 0;
    String reason = fault ? faults.toString() : weights.length() > 0 ? "tracking " + weights : "all tracked sources healthy";
    fsm.updateTracking(System.nanoTime(), adjustment, fault, reason);
    effectivePriority = fsm.effectivePriority();
  }

  private void run() {
    if (!settings.scheduling().isUnchanged() && !transport.tuneCurrentThread("vrrp-" + settings.name())) {
      logger.warn("({}) thread scheduling {} not (fully) applied by the transport", settings.name(), settings.scheduling());
    }
    openPacing();
    try {
      while (!stopRequested) {
        long deadline = fsm.nextDeadline();
        Runnable event;
        if (deadline == VrrpStateMachine.NO_DEADLINE) {
          event = events.take();
        } else {
          long wait = deadline - System.nanoTime();
          event = wait > 0 ? events.poll(wait, TimeUnit.NANOSECONDS) : events.poll();
        }
        while (event != null) {
          runSafely(event);
          event = stopRequested ? null : events.poll();
        }
        if (!stopRequested) {
          fireTimers();
          keepPacing();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      logger.warn("({}) scheduler interrupted; stopping without goodbye", settings.name());
    } finally {
      AdvertPacing p = pacing;
      pacing = null;
      if (p != null) {
        p.close();
      }
    }
  }

  /** Asks the transport for kernel-timed sends; without them adverts are sent from this thread only. */
  private void openPacing() {
    int ahead = settings.pacedAdvertsAhead();
    if (ahead == 0) {
      return;
    }
    try {
      PacedSender sender = transport.openPacedSender(Math.min(MAX_PACED_MESSAGES, ahead * adverts.destinations().size()));
      if (sender == null) {
        logger.debug("({}) transport cannot time adverts in the kernel; sending them from the scheduler thread",
            settings.name());
        return;
      }
      AdvertPacing p = new AdvertPacing(settings.name(), sender, adverts, counters,
          Timing.centisToNanos(settings.advertIntervalCentis()), ahead);
      pacing = p;
      logger.info("({}) timed adverts queued in the kernel by the transport, {} ahead", settings.name(), p.ahead());
    } catch (IOException | RuntimeException e) {
      logger.warn("({}) adverts cannot be timed by the kernel ({}); sending them from the scheduler thread, which GC"
          + " pauses delay", settings.name(), e.getMessage());
    }
  }

  /** Keeps the kernel's queue in step with the state machine: the next adverts of a master, nothing otherwise. */
  private void keepPacing() {
    AdvertPacing p = pacing;
    if (p == null) {
      return;
    }
    if (fsm.state() == VrrpState.MASTER && fsm.nextDeadline() != VrrpStateMachine.NO_DEADLINE) {
      p.plan(fsm.nextDeadline(), fsm.effectivePriority());
    } else {
      p.cancel();
    }
  }

  private void fireTimers() {
    long deadline = fsm.nextDeadline();
    long now = System.nanoTime();
    if (deadline == VrrpStateMachine.NO_DEADLINE || now - deadline < 0) {
      return;
    }
    boolean advert = fsm.state() == VrrpState.MASTER;
    if (!advert && now - deadline < maxDeferNanos
        && (packetsArrived.get() != packetsHandled.get() || transport.receivePending())) {
      // An advert came in before this check and is still in the socket or being validated on the
      // receive thread (starved, or stopped at the same safepoint as we were): it may reset the down
      // timer, so let it reach the queue first. Bounded: at most one advert interval past the deadline.
      waitForReceiveThread();
      return;
    }
    firingDeadline = deadline;
    try {
      runSafely(() -> fsm.onTimer(now));
    } finally {
      firingDeadline = VrrpStateMachine.NO_DEADLINE;
    }
    if (advert) {
      AdvertPacing p = pacing;
      counters.onAdvertLateness(p != null && p.covers(deadline, fsm.effectivePriority()) ? 0 : now - deadline);
    }
  }

  /** Gives the receive thread up to 1 ms (in steps of 0.25 ms) to hand its advert over; the loop then looks again. */
  private void waitForReceiveThread() {
    long until = System.nanoTime() + 1_000_000L;
    do {
      LockSupport.parkNanos(250_000L);
    } while (packetsArrived.get() != packetsHandled.get() && System.nanoTime() - until < 0);
  }

  private void runSafely(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      logger.error("({}) event failed; instance keeps running", settings.name(), e);
    }
    wantsMaster = fsm.wantsMaster(); // published for the sync group's gate
  }

  // ---- receive path: the transport's thread ----

  @Override
  public void onMessage(ReceivedMessage message) {
    // The arrival time, not the time the scheduler gets to it, is what the down timer counts from.
    long arrived = System.nanoTime();
    packetsArrived.incrementAndGet();
    try {
      counters.onPacketReceived();
      DecodeResult r = validator.validate(message, source);
      Advertisement ad = r.advertisement();
      if (ad == null) {
        drop(r.dropReason() == null ? DropReason.INTERNAL_ERROR : r.dropReason(), r.detail(), message.source());
        return;
      }
      counters.onAdvertReceived();
      InetAddress from = message.source();
      events.add(() -> fsm.onAdvert(arrived, ad.priority(), ad.intervalCentis(), from));
    } catch (RuntimeException e) {
      counters.onDrop(DropReason.INTERNAL_ERROR);
      logger.warn("({}) packet from {} dropped: {}", settings.name(), message.source().getHostAddress(), e.toString());
    } finally {
      packetsHandled.incrementAndGet();
    }
  }

  private void drop(DropReason reason, String detail, InetAddress from) {
    long n = counters.onDrop(reason);
    // Log the 1st, 2nd, 4th, 8th... drop of each reason: visible, never a flood.
    if ((n & (n - 1)) == 0) {
      if (reason == DropReason.WRONG_VRID || reason == DropReason.OWN_PACKET) {
        logger.debug("({}) dropped packet from {}: {} ({}; {} so far)", settings.name(), from.getHostAddress(),
            reason, detail, n);
      } else {
        logger.warn("({}) dropped packet from {}: {} ({}; {} so far)", settings.name(), from.getHostAddress(),
            reason, detail, n);
      }
    }
  }

  // ---- FsmActions: called on the scheduler thread ----

  @Override
  public void sendAdvert(int priority, int intervalCentis) {
    AdvertPacing p = pacing;
    if (p != null) {
      if (firingDeadline != VrrpStateMachine.NO_DEADLINE && p.covers(firingDeadline, priority)) {
        return; // the kernel sent this timed advert on its deadline
      }
      if (priority == 0) {
        p.cancel(); // nothing queued earlier may follow the goodbye
      }
    }
    List<InetAddress> destinations = adverts.destinations();
    for (int i = 0; i < destinations.size(); i++) {
      InetAddress destination = destinations.get(i);
      try {
        transport.send(adverts.message(priority, i), destination);
        counters.onAdvertSent();
      } catch (IOException | RuntimeException e) {
        long n = counters.onSendError();
        if ((n & (n - 1)) == 0) {
          logger.warn("({}) cannot send advert to {}: {} ({} errors so far)", settings.name(),
              destination.getHostAddress(), e.toString(), n);
        }
      }
    }
  }

  @Override
  public void addAddresses() {
    addresses.becameMaster();
  }

  @Override
  public void removeAddresses() {
    addresses.leftMaster();
  }

  @Override
  public void stateChanged(VrrpState from, VrrpState to, String reason, int priority) {
    AdvertPacing p = pacing;
    if (p != null && from == VrrpState.MASTER) {
      p.cancel();
    }
    state = to;
    effectivePriority = priority;
    if (to == VrrpState.MASTER) {
      counters.onBecameMaster();
    }
    wantsMaster = false;
    if (group != null && !forcing) {
      if (to == VrrpState.MASTER) {
        group.memberBecameMaster(owner);
      } else if (from == VrrpState.MASTER && to == VrrpState.BACKUP) {
        group.memberLeftMaster(owner);
      }
    }
    addresses.notifyListeners(new StateChange(settings.name(), from, to, reason, priority));
  }
}
