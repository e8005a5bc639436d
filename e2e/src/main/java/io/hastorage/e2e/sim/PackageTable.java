package io.hastorage.e2e.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A node's package repository and installed packages. Guarded by the node's lock. */
public final class PackageTable {

  /** What an install did: nothing at all when any name was unknown. */
  public record InstallResult(
      List<String> unknown, List<SimulatedPackage> installed, List<SimulatedPackage> present) {

    public boolean ok() {
      return unknown.isEmpty();
    }
  }

  private final Object lock;
  private final ServiceTable services;
  private final Map<String, SimulatedPackage> repository = new TreeMap<>();
  private final Map<String, SimulatedPackage> installed = new TreeMap<>();

  PackageTable(Object lock, ServiceTable services) {
    this.lock = lock;
    this.services = services;
  }

  public void addToRepository(SimulatedPackage pkg) {
    synchronized (lock) {
      repository.put(pkg.name(), pkg);
    }
  }

  public Optional<SimulatedPackage> inRepository(String name) {
    synchronized (lock) {
      return Optional.ofNullable(repository.get(name));
    }
  }

  public Map<String, SimulatedPackage> repository() {
    synchronized (lock) {
      return Map.copyOf(repository);
    }
  }

  public boolean isInstalled(String name) {
    synchronized (lock) {
      return installed.containsKey(name);
    }
  }

  public Optional<SimulatedPackage> installed(String name) {
    synchronized (lock) {
      return Optional.ofNullable(installed.get(name));
    }
  }

  /** Installed packages, name to full version, sorted by name. */
  public Map<String, String> installedVersions() {
    synchronized (lock) {
      Map<String, String> versions = new LinkedHashMap<>();
      installed.values().forEach(p -> versions.put(p.name(), p.version()));
      return versions;
    }
  }

  /**
   * Installs packages from the repository with their service units, all or nothing: when any name
   * is unknown, nothing changes.
   */
  public InstallResult installFromRepository(List<String> names) {
    synchronized (lock) {
      List<String> unknown = new ArrayList<>();
      List<SimulatedPackage> fresh = new ArrayList<>();
      List<SimulatedPackage> present = new ArrayList<>();
      for (String name : names) {
        SimulatedPackage pkg = repository.get(name);
        if (pkg == null) {
          unknown.add(name);
        } else if (installed.containsKey(name)) {
          present.add(installed.get(name));
        } else if (!fresh.contains(pkg)) {
          fresh.add(pkg);
        }
      }
      if (unknown.isEmpty()) {
        fresh.forEach(this::install);
      }
      return new InstallResult(
          List.copyOf(unknown), unknown.isEmpty() ? List.copyOf(fresh) : List.of(), present);
    }
  }

  /** Installs a package directly (it need not be in the repository), adding its units. */
  public void install(SimulatedPackage pkg) {
    synchronized (lock) {
      installed.put(pkg.name(), pkg);
      pkg.units().forEach(services::addIfAbsent);
    }
  }

  /** Removes a package and its units. */
  public boolean remove(String name) {
    synchronized (lock) {
      SimulatedPackage pkg = installed.remove(name);
      if (pkg != null) {
        pkg.units().forEach(unit -> services.remove(unit.id()));
      }
      return pkg != null;
    }
  }
}
