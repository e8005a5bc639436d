package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.initiator.IscsiNodeRecords;
import io.hastorage.operator.observe.initiator.IscsiSession;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deleting an Ocfs2Mount: on every initiator, unmount, drop the fstab entry, log out of the target,
 * delete its node records and the multipath drop-in. The file system and the LUN stay as they are:
 * nothing here writes to the device. The o2cb configuration stays too (other OCFS2 volumes of the
 * node may use the cluster).
 */
public final class Ocfs2MountTeardown {

  private Ocfs2MountTeardown() {}

  /**
   * @param sharedTarget nodes where another Ocfs2Mount uses the same target ("*": every node):
   *     there the sessions and records stay, only this mount's own mount, fstab entry and files go
   */
  public static List<Step> plan(
      MountDesign design, Map<String, NodeFacts> nodes, Set<String> sharedTarget) {
    List<Step> steps = new ArrayList<>();
    for (NodeFacts facts : nodes.values()) {
      boolean shared = sharedTarget.contains("*") || sharedTarget.contains(facts.nodeName());
      steps.addAll(planNode(design, facts, shared));
    }
    return steps;
  }

  static List<Step> planNode(MountDesign design, NodeFacts facts, boolean sharedTarget) {
    String node = facts.nodeName();
    List<Step> steps = new ArrayList<>();
    if (InitiatorProbe.mountAt(facts, design.mountPoint())
        .filter(m -> "ocfs2".equals(m.type()))
        .isPresent()) {
      steps.add(
          IscsiPlanner.run(node, "unmount " + design.mountPoint(), "umount", design.mountPoint()));
    }
    String current = facts.fileContent(InitiatorFiles.FSTAB).orElse("");
    String without = InitiatorFiles.fstabWith(current, InitiatorFiles.fstabMarker(design), null);
    if (!without.equals(current) && !current.isEmpty()) {
      steps.add(
          Step.of(
              node,
              "remove the fstab entry for " + design.mountPoint(),
              new Action.WriteFile(
                  new FileWrite(InitiatorFiles.FSTAB, SensitiveBytes.plain(without), "0644"))));
    }
    List<IscsiSession> sessions =
        sharedTarget ? List.of() : InitiatorProbe.sessions(facts).orElse(List.of());
    for (IscsiSession session : sessions) {
      if (session.iqn().equals(design.iqn())) {
        steps.add(IscsiPlanner.logout(node, session.iqn(), session.portal()));
      }
    }
    Set<IscsiNodeRecords.Key> records =
        sharedTarget ? Set.of() : InitiatorProbe.records(facts).orElse(Set.of());
    for (IscsiNodeRecords.Key record : records) {
      if (record.iqn().equals(design.iqn())) {
        steps.add(IscsiPlanner.deleteRecord(node, record, "the Ocfs2Mount is deleted"));
      }
    }
    for (String path :
        List.of(InitiatorFiles.multipathDropInPath(design), IscsiPlanner.chapMarkerPath(design))) {
      if (facts.fileHash(path).isPresent()) {
        steps.add(
            Step.of(
                node, "remove " + path, new Action.RunCommand(Command.of("rm", "-f", "--", path))));
      }
    }
    return steps;
  }
}
