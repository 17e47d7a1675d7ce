package io.hakit.vrrp;

import io.hakit.core.health.Health;
import io.hakit.vrrp.fsm.FsmActions;
import io.hakit.vrrp.fsm.FsmConfig;
import io.hakit.vrrp.fsm.VrrpState;
import io.hakit.vrrp.fsm.VrrpStateMachine;
import io.hakit.vrrp.packet.Advertisement;
import io.hakit.vrrp.packet.AdvertisementCodec;
import io.hakit.vrrp.packet.DecodeResult;
import io.hakit.vrrp.packet.DropReason;
import io.hakit.vrrp.packet.VrrpProtocol;
import io.hakit.vrrp.transport.ReceivedMessage;
import io.hakit.vrrp.transport.VrrpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
  private final List<InetAddress> destinations;
  private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
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
    this.fsm = new VrrpStateMachine(new FsmConfig(settings.name(), settings.version(), settings.priority(),
        settings.advertIntervalCentis(), settings.preempt(), settings.preemptDelay().toNanos(), source,
        settings.ownerStartsAsMaster()), this);
    this.effectivePriority = fsm.effectivePriority();
    if (group != null) {
      fsm.setMasterGate(() -> group.mayBecomeMaster(owner));
    }
    this.destinations = settings.unicastPeers().isEmpty()
        ? List.of(settings.ipv6() ? VrrpProtocol.GROUP_V6 : VrrpProtocol.GROUP_V4)
        : settings.unicastPeers();
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
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      logger.warn("({}) scheduler interrupted; stopping without goodbye", settings.name());
    }
  }

  private void fireTimers() {
    long deadline = fsm.nextDeadline();
    long now = System.nanoTime();
    if (deadline == VrrpStateMachine.NO_DEADLINE || now - deadline < 0) {
      return;
    }
    boolean advert = fsm.state() == VrrpState.MASTER;
    runSafely(() -> fsm.onTimer(now));
    if (advert) {
      counters.onAdvertLateness(now - deadline);
    }
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
      events.add(() -> fsm.onAdvert(System.nanoTime(), ad.priority(), ad.intervalCentis(), from));
    } catch (RuntimeException e) {
      counters.onDrop(DropReason.INTERNAL_ERROR);
      logger.warn("({}) packet from {} dropped: {}", settings.name(), message.source().getHostAddress(), e.toString());
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
    Advertisement ad;
    if (settings.version() == 2) {
      String password = settings.password();
      ad = password != null
          ? Advertisement.v2WithPassword(settings.vrid(), priority, intervalCentis / 100, settings.advertisedAddresses(), password)
          : Advertisement.v2(settings.vrid(), priority, intervalCentis / 100, settings.advertisedAddresses());
    } else {
      ad = Advertisement.v3(settings.vrid(), priority, intervalCentis, settings.advertisedAddresses());
    }
    for (InetAddress destination : destinations) {
      try {
        transport.send(AdvertisementCodec.encode(ad, source, destination), destination);
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
