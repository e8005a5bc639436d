package io.hastorage.e2e.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A node's local block devices (e.g. {@code /dev/sdb}) and the signatures written on them, in the
 * order they were written. Guarded by the node's lock.
 */
public final class DiskTable {

  private record Disk(long sizeBytes, List<DiskSignature> signatures) {}

  private final Object lock;
  private final Map<String, Disk> disks = new LinkedHashMap<>();

  DiskTable(Object lock) {
    this.lock = lock;
  }

  /** Adds a blank disk (replacing any disk of that name). */
  public void add(String device, long sizeBytes) {
    synchronized (lock) {
      disks.put(device, new Disk(sizeBytes, new ArrayList<>()));
    }
  }

  public boolean exists(String device) {
    synchronized (lock) {
      return disks.containsKey(device);
    }
  }

  public OptionalLong size(String device) {
    synchronized (lock) {
      Disk disk = disks.get(device);
      return disk == null ? OptionalLong.empty() : OptionalLong.of(disk.sizeBytes());
    }
  }

  /**
   * Writes a signature, replacing one of the same type (tests use this to make a disk "used").
   *
   * @throws IllegalArgumentException when the disk does not exist
   */
  public void sign(String device, DiskSignature signature) {
    synchronized (lock) {
      List<DiskSignature> signatures = disk(device).signatures();
      signatures.removeIf(s -> s.type().equals(signature.type()));
      signatures.add(signature);
    }
  }

  /** Removes every signature, as {@code wipefs -a} or zeroing the disk would. */
  public void wipe(String device) {
    synchronized (lock) {
      disk(device).signatures().clear();
    }
  }

  /**
   * Removes the signatures of one type (as drbdmeta wipe-md zeroes its superblock), keeping the
   * rest.
   *
   * @return whether one was there
   * @throws IllegalArgumentException when the disk does not exist
   */
  public boolean erase(String device, String type) {
    synchronized (lock) {
      return disk(device).signatures().removeIf(s -> s.type().equals(type));
    }
  }

  /** Every signature, in the order wipefs lists them: RAID-like superblocks first. */
  public List<DiskSignature> signatures(String device) {
    synchronized (lock) {
      List<DiskSignature> sorted = new ArrayList<>(disk(device).signatures());
      sorted.sort(Comparator.comparing(s -> s.raid() ? 0 : 1));
      return List.copyOf(sorted);
    }
  }

  private Disk disk(String device) {
    Disk disk = disks.get(device);
    if (disk == null) {
      throw new IllegalArgumentException("no simulated disk " + device);
    }
    return disk;
  }
}
