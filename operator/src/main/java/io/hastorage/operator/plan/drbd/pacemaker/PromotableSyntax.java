package io.hastorage.operator.plan.drbd.pacemaker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Pacemaker version spells a promotable (master/slave) resource:
 *
 * <ul>
 *   <li>1.1 (the seed's CentOS 7): a {@code master} element, {@code master-max} meta attributes,
 *       roles Master/Slave;
 *   <li>2.0: a {@code clone} with {@code promotable=true} and {@code promoted-max}, still roles
 *       Master/Slave (the pacemaker-3.0 to 3.6 schemas know no other role names);
 *   <li>2.1 and later: the same clone, roles Promoted/Unpromoted (what 2.1 stores and shows; the
 *       old names are deprecated there).
 * </ul>
 *
 * Each dialect is what that version's {@code cibadmin} stores unchanged, so the diff stays empty.
 */
public enum PromotableSyntax {
  MASTER_SLAVE_1_1("Master", "Slave"),
  PROMOTABLE_CLONE_2_0("Master", "Slave"),
  PROMOTABLE_CLONE_2_1("Promoted", "Unpromoted");

  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

  private final String promotedRole;
  private final String unpromotedRole;

  PromotableSyntax(String promotedRole, String unpromotedRole) {
    this.promotedRole = promotedRole;
    this.unpromotedRole = unpromotedRole;
  }

  public String promotedRole() {
    return promotedRole;
  }

  public String unpromotedRole() {
    return unpromotedRole;
  }

  /**
   * The dialect for a version such as "1.1.23", "2.0.3" or "2.1.5-a3f44794f94"; empty if unknown.
   */
  public static Optional<PromotableSyntax> forVersion(String pacemakerVersion) {
    Matcher m = VERSION.matcher(pacemakerVersion == null ? "" : pacemakerVersion.strip());
    if (!m.find()) {
      return Optional.empty();
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (major == 1 && minor == 1) {
      return Optional.of(MASTER_SLAVE_1_1);
    }
    if (major == 2 && minor == 0) {
      return Optional.of(PROMOTABLE_CLONE_2_0);
    }
    if (major == 2 || major == 3) {
      return Optional.of(PROMOTABLE_CLONE_2_1);
    }
    return Optional.empty();
  }
}
