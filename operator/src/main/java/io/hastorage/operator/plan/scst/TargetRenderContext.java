package io.hastorage.operator.plan.scst;

import io.hastorage.operator.api.cluster.PacemakerSpec;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.plan.drbd.pacemaker.PromotableSyntax;
import java.util.List;
import java.util.Map;

/**
 * What the renderer needs besides the ScstTarget itself, all resolved by the caller.
 *
 * @param volumes the DrbdVolumes of the namespace by metadata.name (LUNs name theirs by volumeRef)
 * @param agents the agent family the target nodes have
 * @param syntax the cluster's Pacemaker dialect, for the promoted role name
 * @param initiators initiator IQNs to allow when spec.allowedInitiators is empty (those of the
 *     Ocfs2Mounts using the target)
 * @param initiatorAddresses the initiators' IPv4 addresses: tgt's ACL binds addresses, not IQNs
 * @param secretValues CHAP credentials keyed by {@link ScstTargetElements#secretKey}
 * @param portblockProvider the OCF provider of the portblock primitives ({@link
 *     PortblockCompatibility})
 */
public record TargetRenderContext(
    Map<String, DrbdVolume> volumes,
    TargetAgents agents,
    PromotableSyntax syntax,
    List<String> initiators,
    List<String> initiatorAddresses,
    Map<String, String> secretValues,
    String portblockProvider,
    int monitorSeconds) {

  public TargetRenderContext {
    if (monitorSeconds < 1) {
      throw new IllegalArgumentException("monitor interval " + monitorSeconds);
    }
    if (!portblockProvider.equals("heartbeat") && !portblockProvider.equals("hastorage")) {
      throw new IllegalArgumentException("portblock provider " + portblockProvider);
    }
    volumes = Map.copyOf(volumes);
    initiators = List.copyOf(initiators);
    initiatorAddresses = List.copyOf(initiatorAddresses);
    secretValues = Map.copyOf(secretValues);
  }

  /** The seed's choices: scst-ocf agents, Pacemaker 2.1 roles, no extra initiators or secrets. */
  public static TargetRenderContext of(Map<String, DrbdVolume> volumes) {
    return new TargetRenderContext(
        volumes,
        TargetAgents.SCST_OCF,
        PromotableSyntax.PROMOTABLE_CLONE_2_1,
        List.of(),
        List.of(),
        Map.of(),
        "heartbeat",
        PacemakerSpec.DEFAULT_MONITOR_INTERVAL_SECONDS);
  }

  public TargetRenderContext withAgents(TargetAgents value) {
    return new TargetRenderContext(
        volumes,
        value,
        syntax,
        initiators,
        initiatorAddresses,
        secretValues,
        portblockProvider,
        monitorSeconds);
  }

  public TargetRenderContext withSyntax(PromotableSyntax value) {
    return new TargetRenderContext(
        volumes,
        agents,
        value,
        initiators,
        initiatorAddresses,
        secretValues,
        portblockProvider,
        monitorSeconds);
  }

  public TargetRenderContext withInitiators(List<String> iqns, List<String> addresses) {
    return new TargetRenderContext(
        volumes, agents, syntax, iqns, addresses, secretValues, portblockProvider, monitorSeconds);
  }

  public TargetRenderContext withSecretValues(Map<String, String> value) {
    return new TargetRenderContext(
        volumes,
        agents,
        syntax,
        initiators,
        initiatorAddresses,
        value,
        portblockProvider,
        monitorSeconds);
  }

  /** heartbeat (the stock agent) or hastorage (the wrapper, see PortblockCompatibility). */
  public TargetRenderContext withPortblockProvider(String value) {
    return new TargetRenderContext(
        volumes,
        agents,
        syntax,
        initiators,
        initiatorAddresses,
        secretValues,
        value,
        monitorSeconds);
  }

  /**
   * Monitors every {@code value} seconds (StorageCluster spec.pacemaker.monitorIntervalSeconds).
   */
  public TargetRenderContext withMonitorSeconds(int value) {
    return new TargetRenderContext(
        volumes,
        agents,
        syntax,
        initiators,
        initiatorAddresses,
        secretValues,
        portblockProvider,
        value);
  }

  /** Values only ever in the CIB, never here: CHAP passwords. */
  @Override
  public String toString() {
    return "TargetRenderContext[volumes="
        + volumes.keySet()
        + ", agents="
        + agents
        + ", syntax="
        + syntax
        + ", initiators="
        + initiators
        + ", initiatorAddresses="
        + initiatorAddresses
        + ", secretKeys="
        + secretValues.keySet()
        + "]";
  }
}
