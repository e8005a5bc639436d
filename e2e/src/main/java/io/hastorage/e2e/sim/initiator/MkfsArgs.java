package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@code mkfs.ocfs2 [-L LABEL] [-N SLOTS] [-b BS] [-C CS] [-T TYPE] [-J OPTS]
 * [--fs-feature-level=L] [--cluster-stack=o2cb] [--cluster-name=NAME] [-q] [-F] DEVICE}; sizes as
 * bytes or with K/M. {@code force} is reported, never acted on ({@link MkfsTool} refuses it).
 */
record MkfsArgs(
    String label,
    int slots,
    int blockSize,
    int clusterSize,
    String clusterStack,
    String clusterName,
    boolean quiet,
    boolean force,
    String device) {

  /** mkfs.ocfs2's default for the o2cb stack. */
  static final int DEFAULT_SLOTS = 8;

  private static final Map<String, String> LONG =
      Map.of(
          "--label", "-L",
          "--node-slots", "-N",
          "--block-size", "-b",
          "--cluster-size", "-C",
          "--fs-feature-level", "-level",
          "--cluster-stack", "-stack",
          "--cluster-name", "-name",
          "--quiet", "-q",
          "--force", "-F");

  static MkfsArgs parse(List<String> argv) {
    String label = "";
    int slots = DEFAULT_SLOTS;
    int block = 4096;
    int cluster = 4096;
    String stack = "o2cb";
    String name = "";
    boolean quiet = false;
    boolean force = false;
    Optional<String> device = Optional.empty();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      Optional<String> inline = Optional.empty();
      if (arg.startsWith("--") && arg.contains("=")) {
        inline = Optional.of(arg.substring(arg.indexOf('=') + 1));
        arg = arg.substring(0, arg.indexOf('='));
      }
      String option = LONG.getOrDefault(arg, arg);
      if (option.equals("-q") || option.equals("-F")) {
        quiet |= option.equals("-q");
        force |= option.equals("-F");
        continue;
      }
      if (!option.startsWith("-")) {
        if (device.isPresent()) {
          throw new UnsupportedFeatureException("mkfs.ocfs2 with a block count: " + argv);
        }
        device = Optional.of(option);
        continue;
      }
      if (inline.isEmpty() && i + 1 >= argv.size()) {
        throw new UnsupportedFeatureException("mkfs.ocfs2 option " + arg + " without a value");
      }
      String value = inline.isPresent() ? inline.get() : argv.get(++i);
      switch (option) {
        case "-L" -> label = value;
        case "-N" -> slots = slots(value);
        case "-b" -> block = size(value);
        case "-C" -> cluster = size(value);
        case "-stack" -> stack = value;
        case "-name" -> name = value;
        case "-T", "-J", "-level" -> {
          // journal options, fs type and feature level change nothing the simulation shows
        }
        default -> throw new UnsupportedFeatureException("mkfs.ocfs2 option '" + arg + "'");
      }
    }
    if (device.isEmpty()) {
      throw new UnsupportedFeatureException("mkfs.ocfs2 without a device");
    }
    if (!stack.equals("o2cb")) {
      throw new UnsupportedFeatureException("mkfs.ocfs2 --cluster-stack=" + stack);
    }
    return new MkfsArgs(label, slots, block, cluster, stack, name, quiet, force, device.get());
  }

  /** Whether the sizes are ones mkfs.ocfs2 accepts (block 512..4K, cluster 4K..1M). */
  boolean sizesValid() {
    return power(blockSize, 512, 4096) && power(clusterSize, 4096, 1 << 20);
  }

  private static boolean power(int value, int min, int max) {
    return Integer.bitCount(value) == 1 && value >= min && value <= max;
  }

  private static int slots(String value) {
    if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1) {
      throw new UnsupportedFeatureException("mkfs.ocfs2 -N " + value);
    }
    return Integer.parseInt(value);
  }

  private static int size(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    int factor = 1;
    if (v.endsWith("K") || v.endsWith("M")) {
      factor = v.endsWith("K") ? 1024 : 1 << 20;
      v = v.substring(0, v.length() - 1);
    }
    try {
      return Integer.parseInt(v) * factor;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
