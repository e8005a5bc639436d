package io.hastorage.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark ran on, for the report. */
public final class MachineInfo {

  private MachineInfo() {}

  public static String describe() {
    long memKb = 0;
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: the JVM's view below still says enough
    }
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %.1f GiB RAM, Linux %s, Java %s (%s)",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memKb / 1024.0 / 1024.0,
        System.getProperty("os.version"),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
  }
}
