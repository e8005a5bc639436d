package io.hastorage.operator.status;

import io.hastorage.operator.observe.Observation;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Degraded condition: True while a resource has lost redundancy (a peer down, a resync, a path
 * down), whether or not it still serves. Ready says whether it serves; Degraded says how close it
 * is to not serving. The first finding's reason wins, every finding's message is kept.
 */
public final class Degradation {

  public static final String REDUNDANT = "Redundant";
  public static final String INITIAL_SYNC = "InitialSync";
  public static final String SYNCING = "Syncing";
  public static final String PEER_DOWN = "PeerDown";
  public static final String DISCONNECTED = "Disconnected";
  public static final String DISK_NOT_UP_TO_DATE = "DiskNotUpToDate";
  public static final String NOT_REPLICATING = "NotReplicating";
  public static final String NODE_UNREACHABLE = "NodeUnreachable";
  public static final String TARGET_OFFLINE = "TargetOffline";
  public static final String LINK_DOWN = "LinkDown";
  public static final String PATH_DOWN = "PathDown";

  /** One way redundancy is lost: a condition reason and what was seen. */
  public record Finding(String reason, String message) {}

  private Degradation() {}

  /** Degraded=True with the first finding's reason, or False with {@code redundantMessage}. */
  public static DesiredCondition of(List<Finding> findings, String redundantMessage) {
    if (findings.isEmpty()) {
      return new DesiredCondition(
          ConditionTypes.DEGRADED, ConditionStatus.False, REDUNDANT, redundantMessage);
    }
    return new DesiredCondition(
        ConditionTypes.DEGRADED,
        ConditionStatus.True,
        findings.get(0).reason(),
        findings.stream().map(Finding::message).collect(Collectors.joining("; ")));
  }

  /** Degraded=Unknown: too little was observed to judge redundancy. */
  public static DesiredCondition unknown(String message) {
    return new DesiredCondition(
        ConditionTypes.DEGRADED, ConditionStatus.Unknown, Reasons.NODES_UNREACHED, message);
  }

  /**
   * One finding per node that did not answer the probe: "NODE does not answer (REASON)" and what
   * that costs, e.g. ": its copy is not replicated".
   */
  public static List<Finding> unreached(
      Collection<Observation> observations, String reason, String consequence) {
    return observations.stream()
        .filter(o -> !o.isReached())
        .map(
            o ->
                new Finding(
                    reason, o.nodeName() + " does not answer (" + o.reason() + ")" + consequence))
        .toList();
  }

  /**
   * The Degraded finding a dependent inherits from a resource it uses (an ScstTarget from its
   * DrbdVolumes, an Ocfs2Mount from its ScstTarget): that resource's reason, its message prefixed
   * with its kind and name.
   */
  public static Finding inherited(String kind, String name, String reason, String message) {
    return new Finding(reason, kind + " " + name + ": " + message);
  }
}
