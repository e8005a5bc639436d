package io.hastorage.e2e.sim.initiator;

import java.util.Map;
import java.util.Optional;

/**
 * One node record of iscsiadm's database ({@code /etc/iscsi/nodes/IQN/IP,PORT,TPGT}): a target at a
 * portal with its settings. Mutable under the SAN's lock.
 */
final class NodeRecord {

  /** The TPGT of a static record ({@code -o new}); listed as 4294967295 (unsigned). */
  static final int STATIC_TPGT = -1;

  final String iqn;
  final Portal portal;
  final int tpgt;
  final Map<String, String> settings;

  private NodeRecord(String iqn, Portal portal, int tpgt, Map<String, String> settings) {
    this.iqn = iqn;
    this.portal = portal;
    this.tpgt = tpgt;
    this.settings = settings;
  }

  /**
   * A new record: the template's defaults, then the {@code node.*} settings of the node's
   * iscsid.conf (as iscsiadm copies them into every record it creates), then its identity.
   *
   * @param discoveredVia the sendtargets address it was discovered through, empty for a static one
   */
  static NodeRecord create(
      String iqn, Portal portal, Map<String, String> iscsidConf, Optional<Portal> discoveredVia) {
    Map<String, String> settings = RecordTemplate.defaults();
    iscsidConf.forEach(
        (key, value) -> {
          if (key.startsWith("node.") && RecordTemplate.known(key)) {
            settings.put(key, value);
          }
        });
    int tpgt = discoveredVia.isPresent() ? 1 : STATIC_TPGT;
    settings.put("node.name", iqn);
    settings.put("node.tpgt", Integer.toString(tpgt));
    settings.put("node.conn[0].address", portal.ip());
    settings.put("node.conn[0].port", Integer.toString(portal.port()));
    discoveredVia.ifPresent(
        via -> {
          settings.put("node.discovery_address", via.ip());
          settings.put("node.discovery_port", Integer.toString(via.port()));
          settings.put("node.discovery_type", "send_targets");
        });
    return new NodeRecord(iqn, portal, tpgt, settings);
  }

  String setting(String key) {
    return settings.getOrDefault(key, "<empty>");
  }

  /** {@code IP:PORT,TPGT IQN}, as {@code iscsiadm -m node} lists it (TPGT unsigned). */
  String listLine() {
    return portal + "," + Integer.toUnsignedString(tpgt) + " " + iqn;
  }

  /** {@code iscsiadm -m node -T IQN -p PORTAL}: the record between BEGIN and END lines. */
  String dump(String version) {
    StringBuilder out = new StringBuilder("# BEGIN RECORD ").append(version).append('\n');
    settings.forEach(
        (key, value) -> {
          boolean hidden = RecordTemplate.secret(key) && !value.equals("<empty>");
          out.append(key).append(" = ").append(hidden ? "********" : value).append('\n');
        });
    return out.append("# END RECORD\n").toString();
  }

  /** {@code [iface: default, target: IQN, portal: IP,PORT]}, iscsiadm's name for the record. */
  String bracket() {
    return "[iface: default, target: " + iqn + ", portal: " + portal.comma() + "]";
  }
}
