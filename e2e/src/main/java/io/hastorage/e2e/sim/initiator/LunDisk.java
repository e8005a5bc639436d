package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.DiskSignature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What one LUN holds: its size and what is written on it. Guarded by the SAN's lock. */
final class LunDisk {

  long sizeBytes;
  private Optional<Ocfs2Volume> ocfs2 = Optional.empty();
  private final List<DiskSignature> foreign = new ArrayList<>();

  LunDisk(long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }

  Optional<Ocfs2Volume> ocfs2() {
    return ocfs2;
  }

  /** mkfs.ocfs2 writes a new superblock and clears what was there before. */
  void format(Ocfs2Volume volume) {
    foreign.clear();
    ocfs2 = Optional.of(volume);
  }

  void write(DiskSignature signature) {
    if (signature.type().equals("ocfs2")) {
      throw new IllegalArgumentException("write an OCFS2 volume with its superblock instead");
    }
    foreign.removeIf(s -> s.type().equals(signature.type()));
    foreign.add(signature);
  }

  /** Every signature in the order wipefs lists them (by offset). */
  List<DiskSignature> signatures() {
    List<DiskSignature> all = new ArrayList<>(foreign);
    ocfs2.map(Ocfs2Volume::signature).ifPresent(all::add);
    all.sort(Comparator.comparingLong(DiskSignature::offset));
    return all;
  }
}
