package io.hakit.vrrp;

import io.hakit.vrrp.fsm.VrrpState;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances that move together (keepalived's {@code vrrp_sync_group}), typically a router's inside
 * and outside addresses: a member becomes master only when every other member is master or has no
 * master to follow either, and then they all become master; a member that leaves MASTER for BACKUP
 * takes the others out of MASTER. (A shared FAULT comes from tracking a common health source: see
 * the keepalived runner.) Members are joined before they start.
 *
 * <p>Threading: each member's scheduler thread asks the gate and announces its own transitions;
 * the group reads the others' published state and queues forced transitions on their threads.
 */
public final class SyncGroup {
  private static final Logger logger = LoggerFactory.getLogger(SyncGroup.class);

  private final String name;
  private final List<VrrpInstance> members;

  private SyncGroup(String name, List<VrrpInstance> members) {
    this.name = name;
    this.members = members;
  }

  /**
   * Joins not-yet-started instances into a group.
   *
   * @throws IllegalArgumentException with fewer than two members or a member already in a group
   * @throws IllegalStateException if a member has started
   */
  public static SyncGroup of(String name, List<VrrpInstance> members) {
    Objects.requireNonNull(name, "name");
    List<VrrpInstance> copy = List.copyOf(members);
    if (copy.size() < 2) {
      throw new IllegalArgumentException("members: " + copy.size() + " (expected: at least 2)");
    }
    SyncGroup group = new SyncGroup(name, copy);
    for (VrrpInstance m : copy) {
      m.joinGroup(group);
    }
    return group;
  }

  public String name() {
    return name;
  }

  public List<VrrpInstance> members() {
    return members;
  }

  /** The gate of {@code self}: every other member is MASTER or a BACKUP that wants to be master. */
  boolean mayBecomeMaster(VrrpInstance self) {
    for (VrrpInstance m : members) {
      if (m == self) {
        continue;
      }
      VrrpState s = m.vrrpState();
      if (s != VrrpState.MASTER && !(s == VrrpState.BACKUP && m.wantsMaster())) {
        return false;
      }
    }
    return true;
  }

  /** {@code self} became master on its own: the others follow. */
  void memberBecameMaster(VrrpInstance self) {
    for (VrrpInstance m : members) {
      if (m != self) {
        m.forceMaster("sync group " + name + ": " + self.name() + " became MASTER");
      }
    }
  }

  /** {@code self} left MASTER for BACKUP on its own: the others leave MASTER too. */
  void memberLeftMaster(VrrpInstance self) {
    logger.info("(sync group {}) {} left MASTER: taking the other members out of MASTER", name, self.name());
    for (VrrpInstance m : members) {
      if (m != self) {
        m.forceBackup("sync group " + name + ": " + self.name() + " became BACKUP");
      }
    }
  }
}
