package io.hakit.vrrp.fsm;

import java.util.ArrayList;
import java.util.List;

/** Records what the state machine asked for, as readable strings. */
final class RecordingActions implements FsmActions {
  final List<String> log = new ArrayList<>();
  final List<String> transitions = new ArrayList<>();

  @Override
  public void sendAdvert(int priority, int intervalCentis) {
    log.add("advert " + priority + "/" + intervalCentis);
  }

  @Override
  public void addAddresses() {
    log.add("add");
  }

  @Override
  public void removeAddresses() {
    log.add("remove");
  }

  @Override
  public void stateChanged(VrrpState from, VrrpState to, String reason, int priority) {
    log.add(from + "->" + to);
    transitions.add(to + " " + reason);
  }

  List<String> drain() {
    List<String> copy = List.copyOf(log);
    log.clear();
    return copy;
  }
}
