package io.hastorage.operator.observe;

/**
 * A systemd unit as {@code systemctl show} reports it. {@code wantedBy} lists the units that want
 * it: for a unit systemd generates from a SysV init script (UnitFileState "generated", e.g. Debian
 * and Ubuntu's o2cb) it is the only sign of being enabled, since the generator adds the unit to the
 * runlevel targets exactly when the script's rc.d start links exist.
 */
public record ServiceState(
    String unit, String loadState, String activeState, String unitFileState, String wantedBy) {

  public ServiceState(String unit, String loadState, String activeState, String unitFileState) {
    this(unit, loadState, activeState, unitFileState, "");
  }

  public boolean active() {
    return "active".equals(activeState);
  }

  public boolean enabled() {
    return "enabled".equals(unitFileState)
        || ("generated".equals(unitFileState) && !wantedBy.isBlank());
  }

  public boolean exists() {
    return "loaded".equals(loadState);
  }
}
