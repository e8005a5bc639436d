package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.initiator.IscsiNodeRecords;
import io.hastorage.operator.observe.initiator.IscsiSession;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One initiator's iSCSI side, per portal: a node record (sendtargets discovery first; a static
 * record when discovery ran but did not list the portal), its settings (node.startup automatic so
 * sessions come back after a reboot, the replacement and NOP-Out timeouts multipath needs, CHAP),
 * and a login. Records of the target at portals the spec no longer names are deleted once no
 * session uses them. Only the record settings that differ are updated.
 */
public final class IscsiPlanner {

  static final String CHAP_MARKER_DIR = "/var/lib/ha-iscsi-operator/iscsi";

  /** Sets the CHAP password from stdin so that it never appears in the command we send. */
  static final String SET_PASSWORD_SCRIPT =
      "IFS= read -r v || exit 1; exec iscsiadm -m node -T \"$1\" -p \"$2\" -o update"
          + " -n node.session.auth.password -v \"$v\"";

  private IscsiPlanner() {}

  public static String chapMarkerPath(MountDesign design) {
    return CHAP_MARKER_DIR + "/" + design.fileStem() + ".chap";
  }

  /** The settings every record of the target must have (the password is handled apart). */
  static Map<String, String> wantedSettings(MountDesign design) {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("node.startup", "automatic");
    wanted.put("node.session.timeo.replacement_timeout", "" + design.iscsi().replacementTimeout());
    wanted.put("node.conn[0].timeo.noop_out_interval", "" + design.iscsi().noopOutInterval());
    wanted.put("node.conn[0].timeo.noop_out_timeout", "" + design.iscsi().noopOutTimeout());
    if (design.chap().isPresent()) {
      wanted.put("node.session.auth.authmethod", "CHAP");
      wanted.put("node.session.auth.username", design.chap().get().username());
    } else {
      wanted.put("node.session.auth.authmethod", "None");
    }
    return wanted;
  }

  /**
   * The marker's content: a digest of the CHAP values, so a rotated Secret is noticed although
   * iscsiadm prints the password as stars.
   */
  static String chapDigest(MountDesign.Chap chap, String iqn) {
    return ManagedFiles.sha256(
            "ha-iscsi-operator chap\0" + iqn + "\0" + chap.username() + "\0" + chap.password())
        + "\n";
  }

  /** The steps for one node; empty when its records and sessions match. */
  public static List<Step> plan(MountDesign design, NodeFacts facts) {
    String node = facts.nodeName();
    Optional<Set<IscsiNodeRecords.Key>> records = InitiatorProbe.records(facts);
    Optional<List<IscsiSession>> sessions = InitiatorProbe.sessions(facts);
    if (records.isEmpty() || sessions.isEmpty()) {
      return List.of(); // iscsiadm did not answer: nothing is known, nothing is changed
    }
    List<Step> steps = new ArrayList<>();
    Optional<Step> chapMarker = chapMarker(design, facts);
    for (String portal : design.portals()) {
      boolean exists = records.get().contains(new IscsiNodeRecords.Key(design.iqn(), portal));
      if (!exists) {
        steps.add(createRecord(design, node, portal, InitiatorProbe.discovered(facts)));
      }
      Map<String, String> current =
          exists
              ? InitiatorProbe.recordSettings(facts, design.iqn(), portal).orElse(Map.of())
              : Map.of();
      wantedSettings(design)
          .forEach(
              (key, value) -> {
                if (!value.equals(current.get(key))) {
                  steps.add(update(node, design.iqn(), portal, key, value));
                }
              });
      if (design.chap().isPresent() && (!exists || chapMarker.isPresent())) {
        steps.add(setPassword(node, design.iqn(), portal, design.chap().get()));
      }
      if (!hasSession(sessions.get(), design.iqn(), portal)) {
        steps.add(
            run(
                node,
                "log in to " + design.iqn() + " at " + portal,
                "iscsiadm",
                "-m",
                "node",
                "-T",
                design.iqn(),
                "-p",
                portal,
                "--login"));
      }
    }
    chapMarker.ifPresent(steps::add); // last: written once the passwords are set
    for (IscsiNodeRecords.Key stray : records.get()) {
      if (stray.iqn().equals(design.iqn())
          && !design.portals().contains(stray.portal())
          && !hasSession(sessions.get(), stray.iqn(), stray.portal())) {
        steps.add(deleteRecord(node, stray, "not a portal of the target"));
      }
    }
    return steps;
  }

  private static Step createRecord(
      MountDesign design, String node, String portal, Set<String> discovered) {
    if (!discovered.contains(portal)) {
      return run(
          node,
          "sendtargets discovery at " + portal,
          "iscsiadm",
          "-m",
          "discovery",
          "-t",
          "sendtargets",
          "-p",
          portal,
          "-o",
          "new");
    }
    // discovery ran against this portal and the target did not list it there: a static record
    return run(
        node,
        "static node record for " + design.iqn() + " at " + portal,
        "iscsiadm",
        "-m",
        "node",
        "-o",
        "new",
        "-T",
        design.iqn(),
        "-p",
        portal);
  }

  private static Optional<Step> chapMarker(MountDesign design, NodeFacts facts) {
    if (design.chap().isEmpty()) {
      return Optional.empty();
    }
    return ManagedFiles.writeIfChanged(
        facts,
        chapMarkerPath(design),
        chapDigest(design.chap().get(), design.iqn()),
        "0600",
        "record which CHAP credentials the node records hold");
  }

  private static Step setPassword(String node, String iqn, String portal, MountDesign.Chap chap) {
    Command command =
        Command.of("sh", "-c", SET_PASSWORD_SCRIPT, "sh", iqn, portal)
            .withStdin(
                SensitiveBytes.secret((chap.password() + "\n").getBytes(StandardCharsets.UTF_8)));
    return Step.of(
        node, "set the CHAP password of " + iqn + " at " + portal, new Action.RunCommand(command));
  }

  static Step update(String node, String iqn, String portal, String key, String value) {
    return run(
        node,
        "set " + key + " = " + value + " for " + iqn + " at " + portal,
        "iscsiadm",
        "-m",
        "node",
        "-T",
        iqn,
        "-p",
        portal,
        "-o",
        "update",
        "-n",
        key,
        "-v",
        value);
  }

  static Step deleteRecord(String node, IscsiNodeRecords.Key record, String why) {
    return run(
        node,
        "delete the node record of " + record.iqn() + " at " + record.portal() + " (" + why + ")",
        "iscsiadm",
        "-m",
        "node",
        "-T",
        record.iqn(),
        "-p",
        record.portal(),
        "-o",
        "delete");
  }

  static Step logout(String node, String iqn, String portal) {
    return run(
        node,
        "log out of " + iqn + " at " + portal,
        "iscsiadm",
        "-m",
        "node",
        "-T",
        iqn,
        "-p",
        portal,
        "--logout");
  }

  static boolean hasSession(List<IscsiSession> sessions, String iqn, String portal) {
    return sessions.stream().anyMatch(s -> s.iqn().equals(iqn) && s.portal().equals(portal));
  }

  static Step run(String node, String description, String... argv) {
    return Step.of(node, description, new Action.RunCommand(Command.of(argv)));
  }
}
