package io.hastorage.e2e.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One fake machine: its distribution, kernel, packages, kernel modules, files and services, plus
 * the log of every exec it received and switches to make its commands fail. All state is per
 * instance and guarded by one lock, so SSH execs, tests and the sandbox may touch it concurrently.
 */
public final class SimulatedNode {

  /** Pseudo program name for {@link #failNextCommands}: the operator's atomic file write. */
  public static final String FILE_WRITE = "@write-file";

  /** Pseudo program name for {@link #failNextCommands}: the operator's file read. */
  public static final String FILE_READ = "@read-file";

  private static final Pattern MODE = Pattern.compile("^0?[0-7]{3}$");

  private final Object lock = new Object();
  private final String name;
  private final Distro distro;
  private final String kernelRelease;
  private final ServiceTable services = new ServiceTable(lock);
  private final PackageTable packages = new PackageTable(lock, services);
  private final ModuleTable modules = new ModuleTable(lock);
  private final FileTable files = new FileTable(lock);
  private final DiskTable disks = new DiskTable(lock);
  private volatile DrbdDevices drbdDevices = node -> "";
  private final ExecLog execLog = new ExecLog();
  private final FailureSwitches failures = new FailureSwitches();
  private final NodeLockState nodeLock = new NodeLockState();
  private final TransportFaults transportFaults = new TransportFaults();

  private SimulatedNode(String name, Distro distro, String kernelRelease) {
    this.name = name;
    this.distro = distro;
    this.kernelRelease = kernelRelease;
    files.put("/etc/os-release", SimulatedFile.text(distro.osRelease(), "0644"));
    files.put("/etc/hostname", SimulatedFile.text(name + "\n", "0644"));
  }

  public static Builder builder(String name, Distro distro) {
    return new Builder(name, distro);
  }

  /** The node name, which is also its hostname ({@code uname -n}). */
  public String name() {
    return name;
  }

  public Distro distro() {
    return distro;
  }

  public String kernelRelease() {
    return kernelRelease;
  }

  public PackageTable packages() {
    return packages;
  }

  public ModuleTable modules() {
    return modules;
  }

  /** Regular files only; use {@link #readFile} to see /proc and /sys as well. */
  public FileTable files() {
    return files;
  }

  /** Local block devices and what is written on them. */
  public DiskTable disks() {
    return disks;
  }

  /**
   * The DRBD devices' lines of /proc/drbd (after the version header), from the replication state
   * this node is part of; by default there are none.
   */
  public interface DrbdDevices {
    String procDrbdLines(SimulatedNode node);
  }

  /** Binds this node's /proc/drbd device lines to a replication state. */
  public void attachDrbdDevices(DrbdDevices devices) {
    this.drbdDevices = Objects.requireNonNull(devices, "devices");
  }

  String procDrbdDeviceLines() {
    return drbdDevices.procDrbdLines(this);
  }

  public ServiceTable services() {
    return services;
  }

  public ExecLog execLog() {
    return execLog;
  }

  /** The operator's lock on this node and the audit of changes made without it. */
  public NodeLockState nodeLock() {
    return nodeLock;
  }

  public FailureSwitches failures() {
    return failures;
  }

  /** SSH faults after a command ran: the connection dropped, or no answer. */
  public TransportFaults transportFaults() {
    return transportFaults;
  }

  /** A file's content as a program on the node would read it (virtual files included). */
  public Optional<byte[]> readFile(String path) {
    if (VirtualFiles.isVirtual(path)) {
      return VirtualFiles.read(this, path);
    }
    return files.get(path).map(SimulatedFile::content);
  }

  /** Same as {@link #readFile}, as UTF-8 text. */
  public Optional<String> readText(String path) {
    return readFile(path).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  public boolean fileExists(String path) {
    return readFile(path).isPresent();
  }

  /**
   * Writes a regular file.
   *
   * @throws IllegalArgumentException for a relative path, a /proc or /sys path, or a bad mode
   */
  public void writeFile(String path, byte[] content, String mode) {
    if (VirtualFiles.isVirtual(path)) {
      throw new IllegalArgumentException("read-only file system: " + path);
    }
    if (!MODE.matcher(mode).matches()) {
      throw new IllegalArgumentException("invalid mode: " + mode);
    }
    files.put(path, new SimulatedFile(content, mode.length() == 3 ? "0" + mode : mode));
  }

  /** Execs received so far (each SSH exec is one, whatever it runs). */
  public int execCount() {
    return execLog.execCount();
  }

  /**
   * Finished execs that ran anything changing the node: every exec except the probe, file reads and
   * other read-only commands.
   */
  public int mutatingCommandCount() {
    return execLog.mutatingCount();
  }

  /**
   * Makes every later invocation of {@code program} (argv[0], or {@link #FILE_WRITE} / {@link
   * #FILE_READ}) exit with {@code exitCode} and {@code stderr} without running, until {@link
   * #clearFailures()}.
   */
  public void failNextCommands(String program, int exitCode, String stderr) {
    failures.failAlways(program, exitCode, stderr);
  }

  /** Like {@link #failNextCommands(String, int, String)}, for the next {@code times} only. */
  public void failNextCommands(String program, int times, int exitCode, String stderr) {
    failures.failNext(program, times, exitCode, stderr);
  }

  public void clearFailures() {
    failures.clear();
  }

  @Override
  public String toString() {
    return "SimulatedNode[" + name + ", " + distro.family() + ", " + kernelRelease + "]";
  }

  /** Seeds a node's initial state. */
  public static final class Builder {
    private final String name;
    private final Distro distro;
    private String kernelRelease;
    private final List<SimulatedPackage> repository = new ArrayList<>();
    private final List<String> installed = new ArrayList<>();
    private final List<KernelModule> available = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    private final List<ServiceUnit> units = new ArrayList<>();
    private final Map<String, Long> blockDevices = new LinkedHashMap<>();
    private final Map<String, SimulatedFile> seededFiles = new LinkedHashMap<>();

    private Builder(String name, Distro distro) {
      this.name = Objects.requireNonNull(name, "name");
      this.distro = Objects.requireNonNull(distro, "distro");
      this.kernelRelease = distro.defaultKernel();
    }

    public Builder kernelRelease(String release) {
      this.kernelRelease = Objects.requireNonNull(release, "release");
      return this;
    }

    public Builder repository(SimulatedPackage... packages) {
      repository.addAll(List.of(packages));
      return this;
    }

    /** Packages installed from the start; each must be in the repository. */
    public Builder installed(String... packageNames) {
      installed.addAll(List.of(packageNames));
      return this;
    }

    public Builder availableModules(KernelModule... modules) {
      available.addAll(List.of(modules));
      return this;
    }

    /** Modules loaded from the start (with what they require); each must be available. */
    public Builder loadedModules(String... moduleNames) {
      loaded.addAll(List.of(moduleNames));
      return this;
    }

    /** Units not owned by any package (sshd, for instance). */
    public Builder services(ServiceUnit... serviceUnits) {
      units.addAll(List.of(serviceUnits));
      return this;
    }

    /** A blank local block device. */
    public Builder disk(String device, long sizeBytes) {
      blockDevices.put(device, sizeBytes);
      return this;
    }

    /** A file an administrator put there by hand (e.g. agents built from source). */
    public Builder file(String path, String content, String mode) {
      seededFiles.put(path, SimulatedFile.text(content, mode));
      return this;
    }

    public SimulatedNode build() {
      SimulatedNode node = new SimulatedNode(name, distro, kernelRelease);
      seededFiles.forEach(node.files::put);
      repository.forEach(node.packages::addToRepository);
      available.forEach(node.modules::addAvailable);
      units.forEach(node.services::put);
      blockDevices.forEach(node.disks::add);
      if (!node.packages.installFromRepository(installed).ok()) {
        throw new IllegalStateException(name + ": preinstalled packages missing from repository");
      }
      for (String module : loaded) {
        if (node.modules.load(module) == ModuleTable.LoadResult.NOT_FOUND) {
          throw new IllegalStateException(name + ": preloaded module not available: " + module);
        }
      }
      return node;
    }
  }
}
