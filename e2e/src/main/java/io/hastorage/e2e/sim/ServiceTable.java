package io.hastorage.e2e.sim;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A node's systemd units by id ({@code corosync.service}). Guarded by the node's lock. */
public final class ServiceTable {

  private final Object lock;
  private final Map<String, ServiceUnit> units = new TreeMap<>();

  ServiceTable(Object lock) {
    this.lock = lock;
  }

  /** The unit, looked up as systemctl would ({@code corosync} means {@code corosync.service}). */
  public Optional<ServiceUnit> get(String name) {
    synchronized (lock) {
      return Optional.ofNullable(units.get(ServiceUnit.unitId(name)));
    }
  }

  public void put(ServiceUnit unit) {
    synchronized (lock) {
      units.put(unit.id(), unit);
    }
  }

  void addIfAbsent(ServiceUnit unit) {
    synchronized (lock) {
      units.putIfAbsent(unit.id(), unit);
    }
  }

  public boolean remove(String name) {
    synchronized (lock) {
      return units.remove(ServiceUnit.unitId(name)) != null;
    }
  }

  public Map<String, ServiceUnit> all() {
    synchronized (lock) {
      return Map.copyOf(units);
    }
  }
}
