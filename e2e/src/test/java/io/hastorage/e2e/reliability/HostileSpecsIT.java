package io.hastorage.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hastorage.e2e.bench.ReconcileDriver;
import io.hastorage.e2e.sandbox.SandboxEnvironment;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SshKeys;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 9, bad input: one thing of the seed spoilt per case (a spec field, a reference, a
 * Secret) once everything the resource depends on has converged, so that the valid resource would
 * act on the nodes. The refusal must be a condition naming the field or Secret, nothing may run
 * where it is refused, and an injected command may reach no command line, file or CIB. As a
 * control, the seed is then restored and the same reconcile does reach the nodes, so "nothing ran"
 * is not an observation of an idle sandbox.
 */
class HostileSpecsIT {

  private static final Path REPO = Path.of(System.getProperty("hastorage.repoRoot", ".."));
  private static final String NS = SandboxEnvironment.NAMESPACE;
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  /** Every injection below creates this file if a shell ever runs it; the word is the marker. */
  private static final String MARKER = "pwned";

  private static final String SUBSTITUTION = "$(touch /tmp/pwned)";
  private static final String SEMICOLON = ";touch /tmp/pwned";
  private static final String BACKTICKS = "`touch /tmp/pwned`";
  private static final String NEWLINE = "\ntouch /tmp/pwned";
  private static final String QUOTES = "'\";touch /tmp/pwned;'\"";
  private static final String PIPE = "|touch /tmp/pwned";
  private static final String AND = "&&touch /tmp/pwned";

  /** The CHAP Secret the CHAP cases point the target to. */
  private static final String CHAP_SECRET = "chap-vg1";

  /** The node whose SSH Secret the Secret cases spoil. */
  private static final String SSH_NODE = "centos02";

  /** The seed's resources, in the driver's (dependency) order. */
  enum SeedResource {
    CLUSTER(StorageCluster.class, "vg1-cluster"),
    VOLUME(DrbdVolume.class, "vg1"),
    TARGET(ScstTarget.class, "vg1-target"),
    MOUNT(Ocfs2Mount.class, "shared");

    final Class<? extends CustomResource<?, ? extends ResourceStatus>> type;
    final String name;

    SeedResource(Class<? extends CustomResource<?, ? extends ResourceStatus>> type, String name) {
      this.type = type;
      this.name = name;
    }

    String kind() {
      return type.getSimpleName();
    }
  }

  /** A condition the refusal shows: False with {@code reason}, its message naming each of names. */
  record Expected(String type, String reason, List<String> names) {
    Expected(String type, String reason, String... names) {
      this(type, reason, List.of(names));
    }
  }

  /** What the CRD schema does with the case: rejects a field, holds a CEL rule, or cannot tell. */
  record Schema(String rejects, String rulePath, String rule) {
    static final Schema BLIND = new Schema(null, null, null);

    static Schema rejects(String path) {
      return new Schema(path, null, null);
    }

    static Schema rule(String path, String message) {
      return new Schema(null, path, message);
    }
  }

  /** What the refused reconcile may still do on the nodes. */
  enum Reach {
    /** Not a command, not even an SSH session, on any node. */
    NOTHING,
    /** The read-only probe, no command that changes a node. */
    PROBES_ONLY,
    /** Nothing on {@link #SSH_NODE}: no authenticated session, no command. */
    NOT_THAT_NODE
  }

  @FunctionalInterface
  interface Edit {
    void apply(SandboxEnvironment env) throws Exception;
  }

  /**
   * One case.
   *
   * @param injects whether the edit carries an injection string (then the marker is searched for)
   */
  record Hostile(
      String name,
      SeedResource seed,
      Edit edit,
      List<Expected> refusal,
      Schema schema,
      Reach reach,
      boolean injects) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Hostile> cases() {
    return Stream.of(
        // StorageCluster: every field that reaches a node's command line or files
        inject(SeedResource.CLUSTER, "spec.nodes[0].name", "centos01" + SUBSTITUTION),
        inject(SeedResource.CLUSTER, "spec.nodes[0].address", "127.0.0.1" + SEMICOLON),
        inject(SeedResource.CLUSTER, "spec.nodes[0].user", "root" + BACKTICKS),
        inject(SeedResource.CLUSTER, "spec.nodes[0].addresses[0].address", "10.20.1.17" + NEWLINE),
        inject(SeedResource.CLUSTER, "spec.nodes[0].addresses[0].nic", "eth2" + QUOTES),
        inject(SeedResource.CLUSTER, "spec.networks[0].cidr", "10.20.1.0/24" + AND),
        inject(SeedResource.CLUSTER, "spec.corosync.clusterName", "vg1" + PIPE),
        inject(
            SeedResource.CLUSTER,
            "spec.pacemaker.properties[0].name",
            "no-quorum-policy" + SEMICOLON),
        inject(SeedResource.CLUSTER, "spec.pacemaker.properties[0].value", "stop" + BACKTICKS),
        inject(SeedResource.CLUSTER, "spec.pacemaker.stonith[0].name", "ipmi-centos01" + NEWLINE),
        inject(SeedResource.CLUSTER, "spec.pacemaker.stonith[0].agent", "fence_ipmilan" + QUOTES),
        inject(SeedResource.CLUSTER, "spec.pacemaker.stonith[0].fencesNode", "centos01" + PIPE),
        inject(SeedResource.CLUSTER, "spec.pacemaker.stonith[0].parameters[0].name", "ip" + AND),
        inject(
            SeedResource.CLUSTER,
            "spec.pacemaker.stonith[0].parameters[0].value",
            "192.168.0.201" + SUBSTITUTION),
        inject(
            SeedResource.CLUSTER,
            "spec.pacemaker.stonith[0].secretParameters[0].name",
            "password" + SEMICOLON),
        inject(SeedResource.CLUSTER, "spec.prerequisites.extraPackages[0]", "lvm2 " + BACKTICKS),
        inject(SeedResource.CLUSTER, "spec.prerequisites.extraTargetModules[0]", "drbd" + NEWLINE),
        inject(SeedResource.CLUSTER, "spec.lvm.systemDevices[0]", "/dev/sda" + PIPE),
        inject(SeedResource.CLUSTER, "spec.lvm.autoActivateVolumeGroups[0]", "vg_centos" + AND),
        // StorageCluster: wrong without any injection
        invalid(
            "one target node instead of two",
            SeedResource.CLUSTER,
            "spec.nodes[1].role",
            "Initiator",
            Schema.rule("spec.nodes", "exactly two nodes must have role Target"),
            "spec.nodes",
            "needs exactly 2 Target nodes, has 1"),
        invalid(
            "a node address outside its network's CIDR",
            SeedResource.CLUSTER,
            "spec.nodes[0].addresses[0].address",
            "10.30.1.17",
            Schema.BLIND,
            "spec.nodes[0].addresses[0]",
            "10.30.1.17 is outside 10.20.1.0/24"),
        invalid(
            "a fence device for a node not in the cluster",
            SeedResource.CLUSTER,
            "spec.pacemaker.stonith[0].fencesNode",
            "centos03",
            Schema.BLIND,
            "spec.pacemaker.stonith[0].fencesNode",
            "\"centos03\" is not a Target node"),
        invalid(
            "a Corosync link on a network the cluster does not have",
            SeedResource.CLUSTER,
            "spec.corosync.links[1]",
            "backup",
            Schema.BLIND,
            "spec.corosync.links[1]",
            "unknown network \"backup\""),
        // DrbdVolume
        inject(SeedResource.VOLUME, "spec.resourceName", "vg1" + SUBSTITUTION),
        inject(SeedResource.VOLUME, "spec.volumes[0].backingDisks[0].node", "centos01" + SEMICOLON),
        inject(SeedResource.VOLUME, "spec.volumes[0].backingDisks[0].disk", "/dev/sdb" + BACKTICKS),
        inject(SeedResource.VOLUME, "spec.initialPrimary", "centos01" + NEWLINE),
        inject(SeedResource.VOLUME, "spec.options.resyncRate", "40M" + QUOTES),
        inject(SeedResource.VOLUME, "spec.lvm.volumeGroup", "vg1" + PIPE),
        inject(SeedResource.VOLUME, "spec.lvm.logicalVolumes[0].name", "lun1" + AND),
        inject(SeedResource.VOLUME, "spec.lvm.logicalVolumes[0].size", "100%VG" + SUBSTITUTION),
        unfit(
            "a backing disk on a node that is not in the cluster",
            SeedResource.VOLUME,
            "spec.volumes[0].backingDisks[1].node",
            "centos03",
            "spec.volumes[0].backingDisks",
            "needs one disk on each target [centos01, centos02], names [centos01, centos03]"),
        unfit(
            "replication over a network the cluster does not have",
            SeedResource.VOLUME,
            "spec.network",
            "backup",
            "spec.network",
            "\"backup\" is not a network of the StorageCluster"),
        // ScstTarget
        inject(
            SeedResource.TARGET,
            "spec.iqn",
            "iqn.2016-02.local.virtual:virtual.vg1" + SUBSTITUTION),
        inject(SeedResource.TARGET, "spec.portals[0].ip", "192.168.0.180" + SEMICOLON),
        inject(SeedResource.TARGET, "spec.portals[0].nic", "eth1" + BACKTICKS),
        inject(SeedResource.TARGET, "spec.luns[0].deviceName", "VDISK-LUN01" + NEWLINE),
        inject(SeedResource.TARGET, "spec.luns[0].logicalVolume", "lun1" + QUOTES),
        inject(
            SeedResource.TARGET,
            "spec.allowedInitiators[0]",
            "iqn.1994-05.com.redhat:drbd01" + PIPE),
        inject(SeedResource.TARGET, "spec.iscsiParameters[0].name", "DefaultTime2Retain" + AND),
        inject(SeedResource.TARGET, "spec.iscsiParameters[0].value", "60" + SUBSTITUTION),
        inject(SeedResource.TARGET, "spec.mailTo.email", "admin@example.com" + SEMICOLON),
        inject(SeedResource.TARGET, "spec.mailTo.subject", "Cluster Failover" + BACKTICKS),
        invalid(
            "a wrong IQN (month 13)",
            SeedResource.TARGET,
            "spec.iqn",
            "iqn.2016-13.local.virtual:virtual.vg1",
            Schema.rejects("spec.iqn"),
            "spec.iqn"),
        invalid(
            "a wrong IQN (an EUI name)",
            SeedResource.TARGET,
            "spec.iqn",
            "eui.02004567A425678D",
            Schema.rejects("spec.iqn"),
            "spec.iqn"),
        invalid(
            "overlapping LUN numbers",
            SeedResource.TARGET,
            "spec.luns[1]",
            object(
                "{\"number\": 0, \"volumeRef\": {\"name\": \"vg1\"}, \"logicalVolume\": \"lun1\","
                    + " \"deviceName\": \"VDISK-LUN02\"}"),
            Schema.rule("spec.luns", "LUN numbers must be unique"),
            "spec.luns",
            "duplicate LUN number \"0\""),
        invalid(
            "an iSCSI parameter value that smuggles in a second parameter",
            SeedResource.TARGET,
            "spec.iscsiParameters[0].value",
            "60 InitialR2T=No",
            Schema.rule(
                "spec.iscsiParameters",
                "iSCSI parameter values must be non-empty and without blanks"),
            "spec.iscsiParameters[0].value",
            "is empty or has a blank"),
        rendered(
            "a portal port the resource agents cannot serve",
            SeedResource.TARGET,
            "spec.portals[0].port",
            3261,
            "spec.portals[0].port",
            "only 3260 is served"),
        rendered(
            "a LUN naming an LV its DrbdVolume does not have",
            SeedResource.TARGET,
            "spec.luns[0].logicalVolume",
            "lun2",
            "spec.luns[0].logicalVolume",
            "is not an LV of DrbdVolume vg1"),
        unfit(
            "a VIP outside its network's CIDR",
            SeedResource.TARGET,
            "spec.portals[0].ip",
            "10.99.0.180",
            "spec.portals[0].ip",
            "10.99.0.180 is outside 192.168.0.0/24"),
        unfit(
            "a portal on a network the cluster does not have",
            SeedResource.TARGET,
            "spec.portals[0].network",
            "dmz",
            "spec.portals[0].network",
            "\"dmz\" is not a network of the StorageCluster"),
        // Ocfs2Mount
        inject(SeedResource.MOUNT, "spec.nodes[0]", "drbd01" + SUBSTITUTION),
        inject(SeedResource.MOUNT, "spec.mountPoint", "/srv/shared" + SEMICOLON),
        inject(SeedResource.MOUNT, "spec.mountOptions[0]", "noatime" + BACKTICKS),
        inject(SeedResource.MOUNT, "spec.filesystem.label", "vg1shared" + NEWLINE),
        inject(SeedResource.MOUNT, "spec.filesystem.clusterName", "ocfs2vg1" + QUOTES),
        invalid(
            "a mount point that climbs out with ..",
            SeedResource.MOUNT,
            "spec.mountPoint",
            "/srv/../etc",
            Schema.rejects("spec.mountPoint"),
            "spec.mountPoint"),
        invalid(
            "a LUN the target does not export",
            SeedResource.MOUNT,
            "spec.lun",
            7,
            Schema.BLIND,
            "spec.targetRef",
            "ScstTarget vg1-target exports no LUN 7"),
        unfit(
            "a mount on a target node, not an initiator",
            SeedResource.MOUNT,
            "spec.nodes[1]",
            "centos01",
            "spec.nodes[1]",
            "\"centos01\" is not an Initiator node of the StorageCluster"),
        unfit(
            "a mount on a node that is not in the cluster",
            SeedResource.MOUNT,
            "spec.nodes[1]",
            "drbd03",
            "spec.nodes[1]",
            "\"drbd03\" is not an Initiator node of the StorageCluster"),
        // Secrets
        secret(
            "SSH Secret of " + SSH_NODE + " missing",
            SeedResource.CLUSTER,
            env -> env.client().secrets().inNamespace(NS).withName("ssh-" + SSH_NODE).delete(),
            new Expected(
                "NodesReachable", "CredentialsMissing", SSH_NODE, "ssh-" + SSH_NODE + " not found"),
            Reach.NOT_THAT_NODE,
            false),
        secret(
            "SSH Secret of " + SSH_NODE + " with a private key that is no key",
            SeedResource.CLUSTER,
            env ->
                env.putSshSecret(
                    SSH_NODE,
                    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                        + SUBSTITUTION
                        + "\n-----END OPENSSH PRIVATE KEY-----\n",
                    env.fleet().server(SSH_NODE).knownHostsLine()),
            new Expected(
                "NodesReachable",
                "AuthenticationFailed",
                SSH_NODE,
                "private key",
                "cannot be read"),
            Reach.NOT_THAT_NODE,
            true),
        secret(
            "SSH Secret of " + SSH_NODE + " with a known_hosts line that is no key",
            SeedResource.CLUSTER,
            env ->
                env.putSshSecret(
                    SSH_NODE,
                    SshKeys.openSshPrivateKey(env.operatorKey(), "op"),
                    "[127.0.0.1]:22 ssh-ed25519 " + SUBSTITUTION),
            new Expected("NodesReachable", "HostKeyMissing", SSH_NODE),
            Reach.NOT_THAT_NODE,
            true),
        secret(
            "SSH Secret of " + SSH_NODE + " pinning another host key",
            SeedResource.CLUSTER,
            env ->
                env.putSshSecret(
                    SSH_NODE,
                    SshKeys.openSshPrivateKey(env.operatorKey(), "op"),
                    "[127.0.0.1]:"
                        + env.fleet().server(SSH_NODE).port()
                        + " "
                        + SshKeys.openSshPublicKey(SshKeys.generate().getPublic())),
            new Expected("NodesReachable", "HostKeyMismatch", SSH_NODE),
            Reach.NOT_THAT_NODE,
            false),
        secret(
            "DRBD shared-secret Secret missing",
            SeedResource.VOLUME,
            env -> env.client().secrets().inNamespace(NS).withName("drbd-vg1").delete(),
            new Expected("SecretsAvailable", "SecretMissing", "drbd-vg1"),
            Reach.PROBES_ONLY,
            false),
        secret(
            "DRBD shared secret that would close its quotes in drbd.conf",
            SeedResource.VOLUME,
            env ->
                putSecret(
                    env,
                    "drbd-vg1",
                    Map.of("shared-secret", "x\"; } handlers { split-brain \"touch /tmp/pwned")),
            new Expected("SecretsAvailable", "SecretMissing", "drbd-vg1"),
            Reach.PROBES_ONLY,
            true),
        secret(
            "CHAP Secret missing",
            SeedResource.TARGET,
            env -> useChap(env, null),
            new Expected("SecretsAvailable", "SecretMissing", CHAP_SECRET),
            Reach.PROBES_ONLY,
            false),
        secret(
            "CHAP password with a command substitution",
            SeedResource.TARGET,
            env ->
                useChap(env, Map.of("username", "vg1user", "password", "s3cret-" + SUBSTITUTION)),
            new Expected("SecretsAvailable", "SecretMissing", CHAP_SECRET, "CHAP password"),
            Reach.PROBES_ONLY,
            true),
        secret(
            "CHAP username with a newline, read by the Ocfs2Mount while the target still shows"
                + " Ready",
            SeedResource.MOUNT,
            env ->
                useChap(env, Map.of("username", "vg1user" + NEWLINE, "password", "s3cret-s3cret")),
            new Expected("SecretsAvailable", "SecretMissing", CHAP_SECRET, "CHAP username"),
            Reach.PROBES_ONLY,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Scenario(
      id = "9",
      title = "Hostile or invalid input",
      where = "sandbox",
      expected =
          "Ready False with a condition naming the field or Secret (InvalidSpec, SecretMissing or"
              + " the SSH reason). Refused by the spec alone: no command and no SSH session on any"
              + " node; refused on a Secret or on what the probe found: no command that changes a"
              + " node; a spoilt SSH Secret: no login and no command there. An injected command"
              + " shows in no command line, file or CIB; the CRD schema rejects what it can see."
              + " Control: the seed restored, the same reconcile reaches (or changes) the nodes")
  void aHostileInputIsRefusedWithAConditionAndNothingRuns(Hostile hostile, ScenarioLog log)
      throws Exception {
    log.detail(hostile.name());
    boolean shared = hostile.reach() == Reach.NOTHING;
    ReconcileDriver driver = shared ? sharedSandbox(hostile.seed()) : sandbox(hostile.seed());
    try {
      SandboxEnvironment env = driver.env();
      Saved seed = Saved.of(env);
      try {
        refuse(hostile, driver, log);
      } finally {
        seed.restore(env);
        driver.restartOperator(UnaryOperator.identity());
      }
      Counts before = Counts.of(env.fleet());
      reconcile(driver, hostile.seed());
      checkControl(log, hostile.reach(), Counts.of(env.fleet()).minus(before));
    } finally {
      if (!shared) {
        driver.close();
      }
    }
  }

  /** The hostile edit, one reconcile, and every check of what it did. */
  private static void refuse(Hostile hostile, ReconcileDriver driver, ScenarioLog log)
      throws Exception {
    SandboxEnvironment env = driver.env();
    hostile.edit().apply(env);
    CustomResource<?, ?> stored = resource(env, hostile.seed());
    driver.restartOperator(UnaryOperator.identity());
    Counts before = Counts.of(env.fleet());
    reconcile(driver, hostile.seed());
    Counts refused = Counts.of(env.fleet()).minus(before);

    for (Expected expected : hostile.refusal()) {
      checkCondition(log, env, hostile.seed(), expected);
    }
    Condition ready = condition(env, hostile.seed(), "Ready");
    log.check(
        hostile.seed().kind() + " Ready",
        "False " + hostile.refusal().get(0).reason(),
        ready.getStatus() + " " + ready.getReason());
    checkSchema(log, hostile, stored);
    checkNothingRan(log, hostile, refused);
    if (hostile.seed() == SeedResource.CLUSTER && hostile.reach() == Reach.NOTHING) {
      log.check(
          "the dependents' ClusterAvailable (they stay off the cluster's nodes)",
          List.of("ClusterInvalid", "ClusterInvalid", "ClusterInvalid"),
          Stream.of(SeedResource.VOLUME, SeedResource.TARGET, SeedResource.MOUNT)
              .map(s -> condition(env, s, "ClusterAvailable").getReason())
              .toList());
    }
    if (hostile.injects()) {
      log.check("places on the nodes holding \"" + MARKER + "\"", List.of(), markerOnNodes(env));
    }
  }

  // ---- the cases --------------------------------------------------------------------------

  /** An injection string in one field: refused as InvalidSpec naming it, and by the schema. */
  private static Hostile inject(SeedResource seed, String path, String value) {
    return invalid(
        seed.kind() + " " + path + " = " + show(value),
        seed,
        path,
        value,
        Schema.rejects(path),
        path);
  }

  /** A value the spec alone shows to be wrong: InvalidSpec naming the field and the problem. */
  private static Hostile invalid(
      String what, SeedResource seed, String path, Object value, Schema schema, String... names) {
    return new Hostile(
        label(what, seed, path, value),
        seed,
        env -> set(env, seed, path, value),
        List.of(new Expected("SpecValid", "InvalidSpec", names)),
        schema,
        Reach.NOTHING,
        String.valueOf(value).contains(MARKER));
  }

  /**
   * A spec only the rendering can refuse, as it needs what the read-only probe found (the agents)
   * or the DrbdVolumes: InvalidSpec naming the field, with no command but the probe.
   */
  private static Hostile rendered(
      String what, SeedResource seed, String path, Object value, String... names) {
    return new Hostile(
        label(what, seed, path, value),
        seed,
        env -> set(env, seed, path, value),
        List.of(new Expected("SpecValid", "InvalidSpec", names)),
        Schema.BLIND,
        Reach.PROBES_ONLY,
        false);
  }

  /**
   * A spec that does not fit its StorageCluster (a schema cannot see the cluster): InvalidSpec
   * naming the field and the problem.
   */
  private static Hostile unfit(
      String what, SeedResource seed, String path, Object value, String... names) {
    return invalid(what, seed, path, value, Schema.BLIND, names);
  }

  /** The target asks for CHAP from {@link #CHAP_SECRET}, holding {@code data} (null: absent). */
  private static void useChap(SandboxEnvironment env, Map<String, String> data) {
    if (data != null) {
      putSecret(env, CHAP_SECRET, data);
    }
    set(
        env,
        SeedResource.TARGET,
        "spec.chapSecretRef",
        object("{\"name\": \"" + CHAP_SECRET + "\"}"));
  }

  /** A Secret missing or spoilt; {@code injects} when its value carries an injection string. */
  private static Hostile secret(
      String what, SeedResource seed, Edit edit, Expected expected, Reach reach, boolean injects) {
    return new Hostile(what, seed, edit, List.of(expected), Schema.BLIND, reach, injects);
  }

  private static String label(String what, SeedResource seed, String path, Object value) {
    String edit = seed.kind() + " " + path + " = " + show(value);
    return what.startsWith(seed.kind()) ? what : what + ": " + edit;
  }

  private static String show(Object value) {
    return value instanceof String text
        ? '"' + text.replace("\n", "\\n") + '"'
        : String.valueOf(value).replace("\"", "");
  }

  private static JsonNode object(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  // ---- driving the sandbox ----------------------------------------------------------------

  /**
   * A refused spec changes nothing and each case puts the seed back, so the spec cases share one
   * sandbox per resource kind (the control reconciles move it on, which they may).
   */
  private static final Map<SeedResource, ReconcileDriver> SHARED =
      new EnumMap<>(SeedResource.class);

  @AfterAll
  static void closeSharedSandboxes() {
    SHARED.values().forEach(ReconcileDriver::close);
  }

  private static ReconcileDriver sharedSandbox(SeedResource seed) throws Exception {
    if (!SHARED.containsKey(seed)) {
      SHARED.put(seed, sandbox(seed));
    }
    return SHARED.get(seed);
  }

  /**
   * A fresh sandbox whose resources before {@code seed} are Ready, so that {@code seed} itself
   * would change the nodes if valid.
   */
  private static ReconcileDriver sandbox(SeedResource seed) throws Exception {
    ReconcileDriver driver = ReconcileDriver.start(REPO);
    try {
      assertThat(driver.kinds())
          .containsExactly("StorageCluster", "DrbdVolume", "ScstTarget", "Ocfs2Mount");
      convergeBefore(driver, seed);
      return driver;
    } catch (Exception | AssertionError e) {
      driver.close();
      throw e;
    }
  }

  /** Every resource {@code seed} depends on, reconciled until Ready. */
  private static void convergeBefore(ReconcileDriver driver, SeedResource seed) throws Exception {
    for (int round = 0; round < 60; round++) {
      boolean ready = true;
      for (SeedResource dependency : SeedResource.values()) {
        if (dependency.ordinal() < seed.ordinal()) {
          driver.reconcile(dependency.ordinal());
          ready &= isReady(driver.env(), dependency);
        }
      }
      if (ready) {
        return;
      }
    }
    throw new AssertionError("the resources before " + seed.kind() + " never became Ready");
  }

  /** A StorageCluster case runs a whole round (the dependents must stay off its nodes too). */
  private static void reconcile(ReconcileDriver driver, SeedResource seed) throws Exception {
    if (seed == SeedResource.CLUSTER) {
      driver.round();
    } else {
      driver.reconcile(seed.ordinal());
    }
  }

  /** Sets one field of a seed resource through the API, as {@code kubectl edit} would. */
  private static void set(SandboxEnvironment env, SeedResource seed, String path, Object value) {
    JsonNode node = value instanceof JsonNode json ? json : JSON.valueToTree(value);
    api(env, seed)
        .edit(
            r -> {
              JsonNode tree = JSON.valueToTree(r);
              setAt(tree, path, node);
              return JSON.convertValue(tree, seed.type);
            });
  }

  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  /** Sets {@code spec.a[0].b}; an index one past the end appends, missing parents are made. */
  private static void setAt(JsonNode root, String path, JsonNode value) {
    List<Object> steps = new ArrayList<>();
    Matcher m = STEP.matcher(path);
    while (m.find()) {
      steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
    }
    JsonNode parent = root;
    for (int i = 0; i < steps.size() - 1; i++) {
      Object step = steps.get(i);
      JsonNode child =
          step instanceof Integer index ? parent.get(index) : parent.get((String) step);
      if (child == null || child.isNull()) {
        child =
            steps.get(i + 1) instanceof Integer ? JSON.createArrayNode() : JSON.createObjectNode();
        put(parent, step, child);
      }
      parent = child;
    }
    put(parent, steps.get(steps.size() - 1), value);
  }

  private static void put(JsonNode parent, Object step, JsonNode value) {
    if (step instanceof Integer index) {
      ArrayNode array = (ArrayNode) parent;
      if (index == array.size()) {
        array.add(value);
      } else {
        array.set(index, value);
      }
    } else {
      ((ObjectNode) parent).set((String) step, value);
    }
  }

  private static void putSecret(SandboxEnvironment env, String name, Map<String, String> data) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .endMetadata()
            .withData(encoded)
            .build();
    env.client().secrets().inNamespace(NS).resource(secret).createOr(s -> s.update());
  }

  /** The four specs and every Secret, to put back after the case. */
  private record Saved(Map<SeedResource, Object> specs, Map<String, Map<String, String>> secrets) {

    static Saved of(SandboxEnvironment env) {
      Map<SeedResource, Object> specs = new LinkedHashMap<>();
      for (SeedResource seed : SeedResource.values()) {
        specs.put(seed, resource(env, seed).getSpec());
      }
      Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
      for (Secret s : env.client().secrets().inNamespace(NS).list().getItems()) {
        secrets.put(s.getMetadata().getName(), s.getData());
      }
      return new Saved(specs, secrets);
    }

    void restore(SandboxEnvironment env) {
      for (SeedResource seed : SeedResource.values()) {
        JsonNode spec = JSON.valueToTree(specs.get(seed));
        set(env, seed, "spec", spec);
      }
      secrets.forEach(
          (name, data) -> {
            Secret secret =
                new SecretBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(NS)
                    .endMetadata()
                    .withData(data)
                    .build();
            env.client().secrets().inNamespace(NS).resource(secret).createOr(s -> s.update());
          });
    }
  }

  private static CustomResource<?, ? extends ResourceStatus> resource(
      SandboxEnvironment env, SeedResource seed) {
    return api(env, seed).get();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Resource<CustomResource<?, ? extends ResourceStatus>> api(
      SandboxEnvironment env, SeedResource seed) {
    Class<CustomResource> type = (Class) seed.type;
    return (Resource) env.client().resources(type).inNamespace(NS).withName(seed.name);
  }

  private static boolean isReady(SandboxEnvironment env, SeedResource seed) {
    ResourceStatus status = resource(env, seed).getStatus();
    return status != null
        && status.condition("Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private static Condition condition(SandboxEnvironment env, SeedResource seed, String type) {
    ResourceStatus status = resource(env, seed).getStatus();
    Condition missing = new Condition();
    missing.setType(type);
    missing.setStatus("absent");
    missing.setMessage("");
    return status == null ? missing : status.condition(type).orElse(missing);
  }

  // ---- the checks -------------------------------------------------------------------------

  private static void checkCondition(
      ScenarioLog log, SandboxEnvironment env, SeedResource seed, Expected expected) {
    Condition c = condition(env, seed, expected.type());
    log.check(
        seed.kind() + " " + expected.type(),
        "False " + expected.reason(),
        c.getStatus() + " " + c.getReason());
    String message = c.getMessage() == null ? "" : c.getMessage();
    log.holds(
        "its message names " + expected.names().get(0),
        expected.names().stream().allMatch(message::contains),
        message);
  }

  /** {@code stored}: the hostile object as the API stored it (the mock server checks no schema). */
  private static void checkSchema(ScenarioLog log, Hostile hostile, CustomResource<?, ?> stored)
      throws Exception {
    Schema schema = hostile.schema();
    if (schema == Schema.BLIND) {
      return;
    }
    CrdSchema crd = CrdSchema.of(REPO.resolve("crds"), hostile.seed().kind());
    if (schema.rejects() != null) {
      List<String> errors = crd.errors(stored);
      log.holds(
          "the CRD schema rejects " + schema.rejects(),
          errors.stream().anyMatch(e -> e.startsWith(schema.rejects() + ":")),
          errors);
    } else {
      List<String> rules = crd.rules(schema.rulePath());
      log.holds(
          "the CRD has the CEL rule on " + schema.rulePath() + " (the API server evaluates it)",
          rules.contains(schema.rule()),
          rules);
    }
  }

  private static void checkNothingRan(ScenarioLog log, Hostile hostile, Counts refused) {
    switch (hostile.reach()) {
      case NOTHING ->
          log.check(
              "commands and SSH sessions on the 4 nodes while reconciling it",
              "0 commands, 0 sessions",
              refused.total());
      case PROBES_ONLY ->
          log.holds(
              "commands that changed a node while reconciling it",
              refused.changes() == 0,
              refused.changes() + " changes among " + refused.execs() + " commands (the probe)");
      case NOT_THAT_NODE ->
          log.holds(
              "no authenticated session, no command on " + SSH_NODE,
              refused.authenticatedOn(SSH_NODE) == 0 && refused.execsOn(SSH_NODE) == 0,
              refused.on(SSH_NODE));
    }
  }

  private static void checkControl(ScenarioLog log, Reach reach, Counts control) {
    String observed = "restored: " + control.total() + ", " + control.changes() + " changes";
    switch (reach) {
      case NOTHING ->
          log.holds(
              "control: the same reconcile of the seed reaches the nodes",
              control.execs() > 0,
              observed);
      case PROBES_ONLY ->
          log.holds(
              "control: the same reconcile of the seed changes the nodes",
              control.changes() > 0,
              observed);
      case NOT_THAT_NODE ->
          log.holds(
              "control: the same reconcile of the seed reaches " + SSH_NODE,
              control.execsOn(SSH_NODE) > 0,
              "restored: " + control.on(SSH_NODE));
    }
  }

  /** Where the marker shows on any node: a command line, a file, the CIB. */
  private static List<String> markerOnNodes(SandboxEnvironment env) {
    List<String> found = new ArrayList<>();
    SimulatedFleet fleet = env.fleet();
    for (String name : fleet.names()) {
      SimulatedNode node = fleet.node(name);
      node.execLog().commandLines().stream()
          .filter(l -> l.contains(MARKER))
          .forEach(l -> found.add(name + " ran " + l));
      node.files()
          .all()
          .forEach(
              (path, file) -> {
                if (path.contains(MARKER)
                    || new String(file.content(), StandardCharsets.UTF_8).contains(MARKER)) {
                  found.add(name + ":" + path);
                }
              });
    }
    if (fleet.cluster().cibXml().contains(MARKER)) {
      found.add("the CIB");
    }
    return found;
  }

  /** Per node: commands received, commands that changed it, SSH sessions, authenticated ones. */
  private record Counts(Map<String, int[]> nodes) {

    static Counts of(SimulatedFleet fleet) {
      Map<String, int[]> nodes = new LinkedHashMap<>();
      for (String name : fleet.names()) {
        SimulatedNode node = fleet.node(name);
        nodes.put(
            name,
            new int[] {
              node.execCount(),
              node.mutatingCommandCount(),
              fleet.server(name).sessionCount(),
              fleet.server(name).authenticatedSessionCount()
            });
      }
      return new Counts(nodes);
    }

    Counts minus(Counts before) {
      Map<String, int[]> diff = new LinkedHashMap<>();
      nodes.forEach(
          (name, now) -> {
            int[] then = before.nodes.get(name);
            int[] d = new int[now.length];
            for (int i = 0; i < d.length; i++) {
              d[i] = now[i] - then[i];
            }
            diff.put(name, d);
          });
      return new Counts(diff);
    }

    private int sum(int column) {
      return nodes.values().stream().mapToInt(c -> c[column]).sum();
    }

    int execs() {
      return sum(0);
    }

    int changes() {
      return sum(1);
    }

    int execsOn(String node) {
      return nodes.get(node)[0];
    }

    String total() {
      return execs() + " commands, " + sum(2) + " sessions";
    }

    int authenticatedOn(String node) {
      return nodes.get(node)[3];
    }

    String on(String node) {
      int[] c = nodes.get(node);
      return c[2] + " SSH sessions (" + c[3] + " authenticated), " + c[0] + " commands";
    }
  }
}
