package io.hakit.vrrp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Several routers' state machines on a simulated link with virtual time: adverts arrive after 1 ms;
 * routers start at random times, crash (silently), stop gracefully and come back. After every
 * quiet period exactly one live router is MASTER, and with preemption it is the highest priority.
 */
class ElectionSimulationTest {
  private static final long MS = 1_000_000L;

  /** One router of the simulation. */
  private final class Router implements FsmActions {
    final int id;
    final InetAddress address;
    final int priority;
    final int intervalCentis;
    final boolean preempt;
    VrrpStateMachine fsm;
    boolean alive;

    Router(int id, int priority, int intervalCentis, boolean preempt) throws UnknownHostException {
      this.id = id;
      this.address = InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, (byte) (10 + id)});
      this.priority = priority;
      this.intervalCentis = intervalCentis;
      this.preempt = preempt;
    }

    void boot() {
      fsm = new VrrpStateMachine(new FsmConfig("R" + id, 3, priority, intervalCentis, preempt, 0, address, true), this);
      alive = true;
      fsm.start(now);
    }

    @Override
    public void sendAdvert(int prio, int interval) {
      for (Router r : routers) {
        if (r != this) {
          events.add(new Event(now + MS, seq++, () -> {
            if (r.alive) {
              r.fsm.onAdvert(now, prio, interval, address);
            }
          }));
        }
      }
    }

    @Override
    public void addAddresses() { }

    @Override
    public void removeAddresses() { }

    @Override
    public void stateChanged(VrrpState from, VrrpState to, String reason, int prio) {
      transitions++;
    }
  }

  private record Event(long at, long order, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
    }
  }

  private final List<Router> routers = new ArrayList<>();
  private final PriorityQueue<Event> events = new PriorityQueue<>();
  private long now;
  private long seq;
  private long transitions;

  /** Runs messages and timers until {@code until}, in time order. */
  private void runUntil(long until) {
    for (int guard = 0; guard < 1_000_000; guard++) {
      long nextTimer = Long.MAX_VALUE;
      Router timerOwner = null;
      for (Router r : routers) {
        if (r.alive && r.fsm.nextDeadline() < nextTimer) {
          nextTimer = r.fsm.nextDeadline();
          timerOwner = r;
        }
      }
      Event e = events.peek();
      long nextEvent = e == null ? Long.MAX_VALUE : e.at();
      long next = Math.min(nextTimer, nextEvent);
      if (next > until) {
        now = until;
        return;
      }
      now = next;
      if (nextEvent <= nextTimer) {
        events.poll().action().run();
      } else {
        timerOwner.fsm.onTimer(now);
      }
    }
    throw new AssertionError("simulation did not settle (event storm?)");
  }

  private void assertOneMaster(String scenario, boolean expectHighest) {
    List<Router> masters = routers.stream().filter(r -> r.alive && r.fsm.state() == VrrpState.MASTER).toList();
    assertThat(masters).as("%s: masters", scenario).hasSize(1);
    if (expectHighest) {
      Router best = routers.stream().filter(r -> r.alive).max((a, b) -> a.priority != b.priority
          ? Integer.compare(a.priority, b.priority) : VrrpStateMachine.compareAddresses(a.address, b.address)).get();
      assertThat(masters.get(0).id).as("%s: master is the highest priority", scenario).isEqualTo(best.id);
    }
  }

  @Test
  void randomScenarios_alwaysConvergeToOneMaster() throws Exception {
    for (int seed = 1; seed <= 100; seed++) {
      Random random = new Random(seed);
      routers.clear();
      events.clear();
      now = 0;
      int n = 2 + random.nextInt(4);
      boolean allPreempt = random.nextInt(3) > 0;
      List<Integer> priorities = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int p;
        do {
          p = 1 + random.nextInt(254);
        } while (priorities.contains(p));
        priorities.add(p);
        routers.add(new Router(i, p, 10 * (1 + random.nextInt(10)), allPreempt || random.nextBoolean()));
      }
      for (Router r : routers) {
        long start = random.nextInt(3000) * MS;
        events.add(new Event(start, seq++, r::boot));
      }
      runUntil(20_000 * MS);
      String scenario = "seed " + seed + " (" + n + " routers, preempt " + allPreempt + ")";
      assertOneMaster(scenario + " after start", allPreempt);
      for (int round = 0; round < 4; round++) {
        Router master = routers.stream().filter(r -> r.alive && r.fsm.state() == VrrpState.MASTER).findFirst().get();
        switch (random.nextInt(3)) {
          case 0 -> {
            master.alive = false; // crash: silence
            master.fsm.abandon();
          }
          case 1 -> {
            master.fsm.stop(now); // graceful: priority 0
            master.alive = false;
          }
          default -> { }
        }
        runUntil(now + 15_000 * MS);
        if (routers.stream().anyMatch(r -> r.alive)) {
          assertOneMaster(scenario + " round " + round + " after a failure", allPreempt);
        }
        for (Router r : routers) {
          if (!r.alive && random.nextBoolean()) {
            r.boot();
          }
        }
        runUntil(now + 15_000 * MS);
        if (routers.stream().anyMatch(r -> r.alive)) {
          assertOneMaster(scenario + " round " + round + " after restarts", allPreempt);
        }
      }
    }
    assertThat(transitions).isPositive();
  }
}
