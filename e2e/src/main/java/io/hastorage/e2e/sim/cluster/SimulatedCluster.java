package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedPackage;
import io.hastorage.e2e.sim.tools.ServiceManager;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.w3c.dom.Element;

/**
 * The Corosync/Pacemaker cluster of a set of simulated nodes (the storage targets): which daemons
 * run where, who sees whom, quorum, the DC and the one shared CIB. The cluster tools ({@link
 * ClusterTools}) are bound to one instance; so is the {@link ServiceManager} that {@code systemctl}
 * uses for {@code corosync.service} and {@code pacemaker.service}.
 *
 * <p>Corosync starts only when the node's corosync.conf parses, names the node in its nodelist, and
 * an authkey exists; it keeps what it loaded until it restarts or {@code corosync-cfgtool -R}
 * reloads the conf. Two nodes see each other when both run corosync on hosts that are up with the
 * same authkey and cluster name, each in the other's nodelist. A host going down ({@link
 * #nodeDown}, which the fleet calls when a node's SSH server stops) kills its daemons; coming up
 * ({@link #nodeUp}) starts the enabled ones. All methods are thread-safe.
 */
public final class SimulatedCluster {

  public static final String COROSYNC_UNIT = "corosync.service";
  public static final String PACEMAKER_UNIT = "pacemaker.service";
  public static final String COROSYNC_CONF = "/etc/corosync/corosync.conf";
  public static final String AUTHKEY = "/etc/corosync/authkey";

  /** The build hash Pacemaker 2.1.5 appends to its version (dc-version, crm_mon). */
  static final String BUILD = "a3f44794f94";

  private final Map<String, ClusterMember> members = new LinkedHashMap<>();
  private final Membership membership = new Membership(members);
  private final Daemons daemons;
  private final Cib cib = new Cib();
  private final Clock clock;
  private DrbdRoles drbd = DrbdRoles.NONE;
  private int reloadRequests;

  public SimulatedCluster(List<SimulatedNode> nodes) {
    this(nodes, Clock.systemUTC());
  }

  public SimulatedCluster(List<SimulatedNode> nodes, Clock clock) {
    nodes.forEach(node -> members.put(node.name(), new ClusterMember(node)));
    this.clock = clock;
    this.daemons = new Daemons(this::now);
  }

  /** The cluster's nodes, in the order given. */
  public List<String> nodeNames() {
    return List.copyOf(members.keySet());
  }

  public boolean isMember(String node) {
    return members.containsKey(node);
  }

  /** The manager {@code systemctl} should use on the cluster's nodes. */
  public ServiceManager serviceManager() {
    return new ClusterServices(this, ServiceManager.simple());
  }

  public synchronized boolean isHostUp(String node) {
    return member(node).hostUp;
  }

  public synchronized boolean corosyncRunning(String node) {
    return member(node).runsCorosync();
  }

  public synchronized boolean pacemakerRunning(String node) {
    return member(node).runsPacemaker();
  }

  /** Whether {@code unit} (corosync.service, pacemaker.service) is enabled on {@code node}. */
  public synchronized boolean enabled(String node, String unit) {
    return daemons.enabled(member(node), unit);
  }

  /** The cluster as this node sees it; empty while its corosync is not running. */
  public synchronized Optional<ClusterView> view(String node) {
    ClusterMember member = member(node);
    return member.runsCorosync() ? Optional.of(membership.view(member)) : Optional.empty();
  }

  /** How often this node's corosync re-read its corosync.conf for {@code corosync-cfgtool -R}. */
  public synchronized int reloadCount(String node) {
    return member(node).reloads;
  }

  /** Successful {@code corosync-cfgtool -R} commands, on any node. */
  public synchronized int reloadRequests() {
    return reloadRequests;
  }

  public synchronized int cibEpoch() {
    return cib.epoch();
  }

  /** The stored CIB (configuration; the status section is only rendered for queries). */
  public synchronized String cibXml() {
    return CibXml.format(cib.root());
  }

  /** Inspection: the configuration element with this id, formatted as {@link #cibXml} shows it. */
  public synchronized Optional<String> configurationElement(String id) {
    return configurationElement(cib.configuration(), id).map(CibXml::format);
  }

  private static Optional<Element> configurationElement(Element parent, String id) {
    for (Element child : CibXml.children(parent)) {
      if (child.getAttribute("id").equals(id)) {
        return Optional.of(child);
      }
      Optional<Element> nested = configurationElement(child, id);
      if (nested.isPresent()) {
        return nested;
      }
    }
    return Optional.empty();
  }

  /** A cluster option from cib-bootstrap-options. */
  public synchronized Optional<String> property(String name) {
    return cib.property(name);
  }

  /**
   * Binds the cluster to the DRBD its ocf:linbit:drbd clones drive: crm_mon places resources by its
   * roles ({@link PacemakerPlacement}), and {@link #failover} promotes through it.
   */
  public synchronized void attachDrbd(DrbdRoles drbd) {
    this.drbd = Objects.requireNonNull(drbd, "drbd");
  }

  synchronized DrbdRoles drbd() {
    return drbd;
  }

  /**
   * Pacemaker's failover: while a member that crashed has not rejoined, every promotable DRBD clone
   * in the CIB whose resource has no Primary is promoted on the first node (in member order) whose
   * pacemaker runs with quorum (or no-quorum-policy=ignore), is not standby, and whose side is up
   * and UpToDate, as the linbit agent's promote would. Runs after a crash has reached DRBD (the
   * fleet calls it then) and again whenever the CIB is read. Fencing is not waited for.
   */
  public synchronized void failover() {
    if (members.values().stream().noneMatch(m -> m.crashed && !m.runsPacemaker())) {
      return;
    }
    PacemakerPlacement.failover(cib, deciders(), drbd);
  }

  /** Members whose pacemaker may place resources: running, with quorum (or ignoring it), active. */
  private List<String> deciders() {
    boolean ignoreQuorum = cib.property("no-quorum-policy").orElse("").equals("ignore");
    return members.values().stream()
        .filter(ClusterMember::runsPacemaker)
        .filter(m -> ignoreQuorum || membership.quorate(m))
        .filter(m -> !standby(m.name()))
        .map(ClusterMember::name)
        .toList();
  }

  private boolean standby(String node) {
    return cib.nodes().stream()
        .anyMatch(n -> n[1].equals(node) && NodeAttributes.isOn(cib, n[0], "standby"));
  }

  /**
   * The primitives {@code node} runs, as its own pacemaker places them (what its crm_mon lists on
   * it); none while its pacemaker is not running. This is what the network reaches on that machine:
   * the initiators' simulated SAN asks every target. Runs {@link #failover} first, as reading the
   * CIB does.
   */
  public synchronized List<RunningPrimitive> runningOn(String node) {
    ClusterMember member = member(node);
    if (!member.runsPacemaker()) {
      return List.of();
    }
    failover();
    return PacemakerPlacement.of(cib, membership.view(member), drbd).runningOn(node);
  }

  /** The host crashed (or its SSH server was stopped): its daemons die, unclean if a member. */
  public synchronized void nodeDown(String node) {
    ClusterMember member = member(node);
    if (member.hostUp) {
      member.crashed = member.runsPacemaker();
      member.hostUp = false;
      member.corosync = null;
      member.pacemaker = false;
      member.sawAll = false;
      daemons.mirror(member);
      settle();
    }
  }

  /**
   * The host booted: enabled daemons start (and may fail to, as on a real boot). Once its pacemaker
   * runs with the cluster, the DRBD clone instances start on it (the linbit agent's start: its side
   * comes up and resyncs from the Primary); promotion stays where it is.
   */
  public synchronized void nodeUp(String node) {
    ClusterMember member = member(node);
    if (!member.hostUp) {
      member.hostUp = true;
      if (daemons.enabled(member, PACEMAKER_UNIT)) {
        daemons.startPacemaker(member);
      } else if (daemons.enabled(member, COROSYNC_UNIT)) {
        daemons.startCorosync(member);
      }
      settle();
      if (deciders().contains(node)) {
        PacemakerPlacement.startClones(cib, node, deciders(), drbd);
      }
    }
  }

  synchronized Optional<ServiceManager.StartFailure> start(String node, String unit) {
    ClusterMember member = member(node);
    Optional<ServiceManager.StartFailure> failure =
        unit.equals(PACEMAKER_UNIT)
            ? daemons.startPacemaker(member)
            : daemons.startCorosync(member);
    settle();
    return failure;
  }

  synchronized void stop(String node, String unit) {
    ClusterMember member = member(node);
    if (unit.equals(PACEMAKER_UNIT)) {
      daemons.stopPacemaker(member);
    } else {
      daemons.stopCorosync(member);
    }
    settle();
  }

  /**
   * systemd's restart: pacemaker.service requires corosync.service, so restarting corosync restarts
   * a running pacemaker as well.
   */
  synchronized Optional<ServiceManager.StartFailure> restart(String node, String unit) {
    ClusterMember member = member(node);
    boolean pacemakerToo = unit.equals(PACEMAKER_UNIT) || member.runsPacemaker();
    stop(node, unit);
    return start(node, pacemakerToo ? PACEMAKER_UNIT : COROSYNC_UNIT);
  }

  /**
   * {@code corosync-cfgtool -R} on {@code node}: every corosync in its membership re-reads its
   * corosync.conf. Empty when it is not running; else the errors (none when all reloaded).
   */
  synchronized Optional<List<String>> reload(String node) {
    ClusterMember member = member(node);
    if (!member.runsCorosync()) {
      return Optional.empty();
    }
    List<String> errors = membership.partition(member).stream().flatMap(daemons::reload).toList();
    if (errors.isEmpty()) {
      reloadRequests++;
    }
    settle();
    return Optional.of(errors);
  }

  /** Reads the CIB as {@code node}'s CIB client; empty when its pacemaker is not running. */
  synchronized <T> Optional<T> readCib(String node, BiFunction<Cib, ClusterView, T> reader) {
    ClusterMember member = member(node);
    if (!member.runsPacemaker()) {
      return Optional.empty();
    }
    failover();
    return Optional.of(reader.apply(cib, membership.view(member)));
  }

  /**
   * Changes the CIB as {@code client} on {@code node}; a changed configuration bumps the epoch.
   * Empty when its pacemaker is not running.
   */
  synchronized <T> Optional<T> writeCib(String node, String client, Function<Cib, T> writer) {
    ClusterMember member = member(node);
    if (!member.runsPacemaker()) {
      return Optional.empty();
    }
    String before = CibXml.format(cib.configuration());
    T result = writer.apply(cib);
    if (!before.equals(CibXml.format(cib.configuration()))) {
      cib.recordChange(node, client, "root", now());
    }
    return Optional.of(result);
  }

  /** {@code node}'s corosync as loaded; empty when it does not run. */
  synchronized Optional<ClusterMember.Corosync> corosync(String node) {
    ClusterMember member = member(node);
    return member.runsCorosync() ? Optional.of(member.corosync) : Optional.empty();
  }

  Instant now() {
    return clock.instant();
  }

  /** {@code 2.1.5-a3f44794f94}: the installed pacemaker's upstream version and build. */
  static String pacemakerVersion(SimulatedNode node) {
    return node.packages()
            .installed("pacemaker")
            .map(SimulatedPackage::upstreamVersion)
            .orElse("2.1.5")
        + "-"
        + BUILD;
  }

  private ClusterMember member(String node) {
    ClusterMember member = members.get(node);
    if (member == null) {
      throw new IllegalArgumentException(node + " is not a cluster node; have " + nodeNames());
    }
    return member;
  }

  /** Derived state after any transition: wait_for_all, joins, and what the DC writes. */
  private void settle() {
    for (ClusterMember member : members.values()) {
      if (member.runsCorosync()
          && membership.partition(member).size() >= member.corosync.conf().nodes().size()) {
        member.sawAll = true;
      }
    }
    for (ClusterMember member : members.values()) {
      if (member.runsPacemaker()) {
        member.everJoined = true;
        member.crashed = false;
        ClusterMember dc = membership.dc(member).orElseThrow();
        if (dc == member && electedDcWrites(dc)) {
          cib.recordChange(dc.name(), "crmd", "hacluster", now());
        }
      }
    }
  }

  /** What a DC writes on election: all nodelist nodes, and its bootstrap options. */
  private boolean electedDcWrites(ClusterMember dc) {
    boolean changed = false;
    CorosyncConf conf = dc.corosync.conf();
    for (CorosyncConf.Node node : conf.nodes()) {
      changed |= cib.ensureNode(node.nodeid(), node.name());
    }
    changed |= cib.setProperty("have-watchdog", "false");
    changed |= cib.setProperty("dc-version", pacemakerVersion(dc.node));
    changed |= cib.setProperty("cluster-infrastructure", "corosync");
    if (!conf.clusterName().isEmpty()) {
      changed |= cib.setProperty("cluster-name", conf.clusterName());
    }
    return changed;
  }
}
