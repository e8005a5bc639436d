package io.hastorage.operator.plan.drbd;

import java.util.List;
import java.util.Optional;

/**
 * An LV size from the spec: absolute ("20G") or a share of the VG ("100%VG") or of its free space
 * at creation ("50%FREE"). Gives the lvcreate/lvextend arguments and, where it can, the target size
 * in bytes to decide whether the LV must grow. LVs are never shrunk.
 */
record LvSize(String spec) {

  private static final long KIB = 1024;

  /** Arguments for lvcreate: -L for absolute sizes, -l for percentages. */
  List<String> createArgs() {
    return spec.contains("%") ? List.of("-l", spec) : List.of("-L", spec);
  }

  /** The wanted size in bytes, when it is defined after creation (not for N%FREE). */
  Optional<Long> targetBytes(long vgSizeBytes) {
    if (spec.endsWith("%FREE")) {
      return Optional.empty();
    }
    if (spec.endsWith("%VG")) {
      long percent = Long.parseLong(spec.substring(0, spec.length() - 3));
      return Optional.of(vgSizeBytes / 100 * percent);
    }
    long amount = Long.parseLong(spec.substring(0, spec.length() - 1));
    long unit =
        switch (Character.toUpperCase(spec.charAt(spec.length() - 1))) {
          case 'K' -> KIB;
          case 'M' -> KIB * KIB;
          case 'G' -> KIB * KIB * KIB;
          case 'T' -> KIB * KIB * KIB * KIB;
          default -> throw new IllegalArgumentException("unit of LV size " + spec);
        };
    return Optional.of(amount * unit);
  }
}
