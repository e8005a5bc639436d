package io.hastorage.operator.plan.scst;

import io.hastorage.operator.api.common.SecretKeyRef;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.plan.scst.CibXml.Nv;
import io.hastorage.operator.plan.scst.ResolvedTarget.ResolvedLun;
import io.hastorage.operator.plan.scst.ResolvedTarget.ResolvedPortal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the Pacemaker side of one ScstTarget: the seed's {@code g_vg1} as one group, and the
 * constraints that keep it on, and start it after, the DRBD primary of every volume it exports.
 * Pure: the same target and context give the same canonical XML, so {@code CibDiff} is empty once
 * the CIB has converged.
 *
 * <p>The group {@code hastorage-target-NAME} holds, in start order (Pacemaker stops in reverse):
 *
 * <ol>
 *   <li>per portal, portblock {@code action=block} ({@code -block-IP}): initiators' packets to the
 *       portal are dropped, so they retry instead of seeing resets while the target comes up;
 *   <li>per portal, the VIP as IPaddr2 ({@code -ip-IP});
 *   <li>the target ({@code -target}), then one LU per LUN ({@code -lun-N}), see {@link
 *       TargetPrimitives};
 *   <li>per portal, portblock {@code action=unblock} ({@code -unblock-IP}): the portal opens only
 *       once every LU is there;
 *   <li>the optional MailTo ({@code -mailto}).
 * </ol>
 *
 * The seed's group orders these differently (LVM first, each block directly before its unblock);
 * its own order constraints show the intent this order states directly. Without spec.portblock the
 * portblock pairs are left out. The VG is not a member: it belongs to the DrbdVolume ({@link
 * DrbdPacemakerElements#lvmId}); the group is colocated with it and ordered after it instead.
 *
 * <p>Constraints, per exported DrbdVolume in LUN order: colocation with the promotable clone in the
 * promoted role (the role name of the cluster's {@link
 * io.hastorage.operator.plan.drbd.pacemaker.PromotableSyntax}), order after its promote, and
 * colocation with and order after the LVM-activate primitive; all INFINITY / Mandatory.
 *
 * <p>CHAP credentials come from a secret-values map keyed {@link #secretKey}; they end up in the
 * CIB as instance attributes, as the agents require, and never in a message or toString.
 */
public final class ScstTargetElements {

  /** The CHAP parameters the agents take, and the keys of their values in the secret map. */
  public static final String CHAP_USER = "incoming_username";

  public static final String CHAP_PASSWORD = "incoming_password";

  /** Keys inside the Secret spec.chapSecretRef names (see ScstTargetSpec). */
  public static final String SECRET_USERNAME_KEY = "username";

  public static final String SECRET_PASSWORD_KEY = "password";

  private ScstTargetElements() {}

  /**
   * Why CHAP credentials cannot be used, if they cannot. The target's agents pass both unquoted on
   * tgtadm/targetcli/sysfs command lines, and iscsiadm writes the username into each initiator's
   * node record, one setting per line. The password needs 12 characters: RFC 3720 section 8.2.1
   * wants CHAP secrets of at least 96 bits, and common initiators (Windows, ESXi) refuse shorter
   * ones. The message names the rule, never the value.
   */
  public static Optional<String> chapProblem(String username, String password) {
    if (username == null || !username.matches("^[A-Za-z0-9._:@+=-]{1,255}$")) {
      return Optional.of(
          "the CHAP username must be 1 to 255 characters of A-Z, a-z, 0-9 and ._:@+=-");
    }
    if (password == null
        || !password.matches("^[\\x21-\\x7e]{12,255}$")
        || password.matches(".*[\"'`$\\\\].*")) {
      return Optional.of(
          "the CHAP password must be 12 to 255 printable characters without blanks, quotes,"
              + " backslash or $ (the agents pass it unquoted)");
    }
    return Optional.empty();
  }

  /**
   * Every element the target wants: the group, then its constraints.
   *
   * @throws IllegalArgumentException if the spec is incomplete, a value is unsafe, a referenced
   *     DrbdVolume or LV is unknown, or a CHAP value is missing; the message names the ScstTarget
   *     and the field, never a secret value
   */
  public static List<CibElement> desired(ScstTarget target, TargetRenderContext context) {
    ResolvedTarget t = ResolvedTarget.resolve(target, context);
    List<CibElement> elements = new ArrayList<>();
    elements.add(group(t, context.portblockProvider()));
    Map<String, String> vgByResource = new LinkedHashMap<>();
    for (ResolvedLun lun : t.luns()) {
      vgByResource.putIfAbsent(lun.drbdResource(), lun.volumeGroup());
    }
    String promoted = context.syntax().promotedRole();
    vgByResource.forEach(
        (res, vg) -> {
          String group = groupId(t.name());
          String clone = DrbdPacemakerElements.cloneId(res);
          String lvm = DrbdPacemakerElements.lvmId(vg);
          String suffix = "target-" + t.name();
          elements.add(
              colocation("colocation-" + suffix + "-with-drbd-" + res, group, clone, promoted));
          elements.add(order("order-drbd-" + res + "-before-" + suffix, clone, "promote", group));
          elements.add(colocation("colocation-" + suffix + "-with-lvm-" + vg, group, lvm, null));
          elements.add(order("order-lvm-" + vg + "-before-" + suffix, lvm, "start", group));
        });
    return elements;
  }

  /** The group's id; the members' ids extend it. */
  public static String groupId(String targetName) {
    return CibElement.OWNED_PREFIX + "target-" + targetName;
  }

  /** The target primitive's id: where it runs is where the target is active. */
  public static String targetId(String targetName) {
    return groupId(targetName) + "-target";
  }

  /** A LUN's LU primitive id. */
  public static String luId(String targetName, int lun) {
    return groupId(targetName) + "-lun-" + lun;
  }

  /** A portal's IPaddr2 primitive id. */
  public static String portalId(String targetName, String ip) {
    return groupId(targetName) + "-ip-" + ip;
  }

  /**
   * Whether a CIB id belongs to this target: its group or one of its constraints, whichever volume
   * they name (so a constraint to a volume no longer exported is recognised and removed).
   */
  public static boolean ownedBy(String targetName, String id) {
    String suffix = "-before-target-" + targetName;
    return id.equals(groupId(targetName))
        || id.startsWith(CibElement.OWNED_PREFIX + "colocation-target-" + targetName + "-with-")
        || id.startsWith(CibElement.OWNED_PREFIX + "order-") && id.endsWith(suffix);
  }

  /** The key of a CHAP value ({@link #CHAP_USER} or {@link #CHAP_PASSWORD}) in the secret map. */
  public static String secretKey(String targetName, String parameter) {
    return targetName + "/" + parameter;
  }

  /** Which Secret keys the renderer needs, by {@link #secretKey}; empty without CHAP. */
  public static Map<String, SecretKeyRef> requiredSecrets(ScstTarget target) {
    SecretKeyRef ref = target.getSpec() == null ? null : target.getSpec().chapSecretRef;
    if (ref == null) {
      return Map.of();
    }
    String name = target.getMetadata().getName();
    Map<String, SecretKeyRef> refs = new LinkedHashMap<>();
    refs.put(secretKey(name, CHAP_USER), new SecretKeyRef(ref.name, SECRET_USERNAME_KEY));
    refs.put(secretKey(name, CHAP_PASSWORD), new SecretKeyRef(ref.name, SECRET_PASSWORD_KEY));
    return refs;
  }

  private static CibElement group(ResolvedTarget t, String provider) {
    String id = groupId(t.name());
    StringBuilder xml = new StringBuilder("<group id=\"" + id + "\">");
    if (t.portblock()) {
      t.portals()
          .forEach(
              p ->
                  xml.append(
                      portblock(
                          id + "-block-" + p.ip(), p, "block", provider, t.monitorInterval())));
    }
    for (ResolvedPortal p : t.portals()) {
      List<Nv> params =
          List.of(
              new Nv("ip", p.ip()), new Nv("cidr_netmask", "" + p.cidr()), new Nv("nic", p.nic()));
      xml.append(
          CibXml.primitive(
              id + "-ip-" + p.ip(), "heartbeat", "IPaddr2", params, t.monitorInterval(), "20s"));
    }
    xml.append(TargetPrimitives.target(id + "-target", t));
    t.luns().forEach(l -> xml.append(TargetPrimitives.lun(id + "-lun-" + l.number(), t, l)));
    if (t.portblock()) {
      t.portals()
          .forEach(
              p ->
                  xml.append(
                      portblock(
                          id + "-unblock-" + p.ip(), p, "unblock", provider, t.monitorInterval())));
    }
    t.mailTo().ifPresent(m -> xml.append(mailTo(id + "-mailto", m)));
    return new CibElement(id, "group", CibElement.RESOURCES, xml.append("</group>").toString());
  }

  private static String portblock(
      String id, ResolvedPortal p, String action, String provider, String interval) {
    List<Nv> params =
        List.of(
            new Nv("ip", p.ip()),
            new Nv("portno", "" + p.port()),
            new Nv("protocol", "tcp"),
            new Nv("action", action));
    // portblock's monitor forks iptables and sed: 20 s like IPaddr2's, so load cannot fail it
    return CibXml.primitive(id, provider, "portblock", params, interval, "20s");
  }

  private static String mailTo(String id, ResolvedTarget.MailTo mail) {
    List<Nv> params = new ArrayList<>(List.of(new Nv("email", mail.email())));
    if (mail.subject() != null) {
      params.add(new Nv("subject", mail.subject()));
    }
    return CibXml.primitive(id, "heartbeat", "MailTo", params, null, null);
  }

  private static CibElement colocation(String name, String rsc, String withRsc, String role) {
    String id = CibElement.OWNED_PREFIX + name;
    String xml =
        "<rsc_colocation id=\"%s\" rsc=\"%s\" with-rsc=\"%s\"%s score=\"INFINITY\"/>"
            .formatted(id, rsc, withRsc, role == null ? "" : " with-rsc-role=\"" + role + "\"");
    return new CibElement(id, "rsc_colocation", CibElement.CONSTRAINTS, xml);
  }

  private static CibElement order(String name, String first, String firstAction, String then) {
    String id = CibElement.OWNED_PREFIX + name;
    String xml =
        ("<rsc_order id=\"%s\" first=\"%s\" first-action=\"%s\" then=\"%s\""
                + " then-action=\"start\" kind=\"Mandatory\"/>")
            .formatted(id, first, firstAction, then);
    return new CibElement(id, "rsc_order", CibElement.CONSTRAINTS, xml);
  }
}
