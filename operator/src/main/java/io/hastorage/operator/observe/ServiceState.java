package io.hastorage.operator.observe;

/** A systemd unit as {@code systemctl show} reports it. */
public record ServiceState(
    String unit, String loadState, String activeState, String unitFileState) {

  public boolean active() {
    return "active".equals(activeState);
  }

  public boolean enabled() {
    return "enabled".equals(unitFileState);
  }

  public boolean exists() {
    return "loaded".equals(loadState);
  }
}
