package io.hastorage.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.hastorage.e2e.sandbox.SandboxEnvironment;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.node.NodeShellFactory;
import io.hastorage.operator.reconciler.KubernetesSecretReader;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The seed example's four resources reconciled by hand, in dependency order, by the operator's own
 * reconcilers over the sandbox's simulated nodes: what JOSDK would do, without its scheduling, so a
 * benchmark or a test can count what each reconcile costs. A status patch a reconcile asks for is
 * written to the API, as JOSDK would.
 */
public final class ReconcileDriver implements AutoCloseable {

  /** What one reconcile of one resource did to the API. */
  public record Outcome(String kind, boolean statusWritten) {}

  private final SandboxEnvironment env;
  private ExecutorService pool = Executors.newFixedThreadPool(4);
  private Map<Class<?>, Reconciler<?>> reconcilers;
  private NodeShellFactory ownShells;
  private final List<CustomResource<?, ? extends ResourceStatus>> resources = new ArrayList<>();
  private final boolean ownsEnvironment;
  private boolean readBeforeReconcile;

  private ReconcileDriver(SandboxEnvironment env, UnaryOperator<NodeShellFactory> transport)
      throws Exception {
    this.env = env;
    this.ownsEnvironment = true;
    reconcilers = reconcilers(env.dependencies().shells(), transport);
    List<HasMetadata> example = env.exampleResources();
    for (Class<? extends CustomResource<?, ? extends ResourceStatus>> kind :
        List.of(StorageCluster.class, DrbdVolume.class, ScstTarget.class, Ocfs2Mount.class)) {
      for (var resource : Manifests.ofKind(example, kind)) {
        resource.getMetadata().setGeneration(1L);
        resources.add(resource);
      }
    }
    env.apply(new ArrayList<>(resources));
    for (int i = 0; i < resources.size(); i++) {
      resources.set(i, env.client().resource(resources.get(i)).get());
    }
  }

  private Map<Class<?>, Reconciler<?>> reconcilers(
      NodeShellFactory shells, UnaryOperator<NodeShellFactory> transport) {
    OperatorRunner.Dependencies plain = env.dependencies();
    OperatorRunner.Dependencies deps =
        new OperatorRunner.Dependencies(
            plain.client(),
            plain.config(),
            transport.apply(shells),
            plain.registry(),
            plain.clock());
    OperatorRunner.Engine engine =
        OperatorRunner.Engine.create(deps, pool, new KubernetesSecretReader(env.client()));
    return Map.of(
        StorageCluster.class, OperatorRunner.storageClusterReconciler(engine, deps),
        DrbdVolume.class, OperatorRunner.drbdVolumeReconciler(engine, deps),
        ScstTarget.class, OperatorRunner.scstTargetReconciler(engine, deps),
        Ocfs2Mount.class, OperatorRunner.ocfs2MountReconciler(engine, deps));
  }

  /**
   * An operator restart: new engine, reconcilers, node pool and SSH connections (nothing of the old
   * process's memory survives); the resources are read back from the API as they were stored.
   */
  public void restartOperator(UnaryOperator<NodeShellFactory> transport) {
    pool.shutdownNow();
    if (ownShells != null) {
      ownShells.close();
    }
    pool = Executors.newFixedThreadPool(4);
    ownShells =
        io.hastorage.operator.OperatorMain.sshShells(env.dependencies().config(), env.registry());
    reconcilers = reconcilers(ownShells, transport);
    for (int i = 0; i < resources.size(); i++) {
      resources.set(i, env.client().resource(resources.get(i)).get());
    }
  }

  /** A second operator process over the same API and nodes (see {@link #secondOperator}). */
  private ReconcileDriver(ReconcileDriver first, UnaryOperator<NodeShellFactory> transport) {
    this.env = first.env;
    this.ownsEnvironment = false;
    this.readBeforeReconcile = true;
    first.readBeforeReconcile = true;
    ownShells =
        io.hastorage.operator.OperatorMain.sshShells(env.dependencies().config(), env.registry());
    reconcilers = reconcilers(ownShells, transport);
    for (var resource : first.resources) {
      resources.add(env.client().resource(resource).get());
    }
  }

  /**
   * Another operator instance running at the same time as this one (a leadership hand-over, or a
   * second deployment): its own engine, node pool, SSH connections and memory, the same API and
   * nodes. From then on both read each resource from the API before reconciling it, as JOSDK's
   * informer cache would show the other's status writes. Closing it leaves the environment open.
   */
  public ReconcileDriver secondOperator(UnaryOperator<NodeShellFactory> transport) {
    return new ReconcileDriver(this, transport);
  }

  /** A fresh sandbox environment (API, simulated fleet) with the seed example applied. */
  public static ReconcileDriver start(Path repoRoot) throws Exception {
    return start(repoRoot, UnaryOperator.identity());
  }

  /** Like {@link #start(Path)}, the operator's SSH transport wrapped by {@code transport}. */
  public static ReconcileDriver start(Path repoRoot, UnaryOperator<NodeShellFactory> transport)
      throws Exception {
    OperatorConfig config =
        OperatorConfig.defaults()
            .with(Map.of("HASTORAGE_HTTP_PORT", "0", "HASTORAGE_LEADER_ELECTION", "false"));
    return new ReconcileDriver(SandboxEnvironment.start(repoRoot, config), transport);
  }

  public SandboxEnvironment env() {
    return env;
  }

  /** The resources in dependency order: StorageCluster, DrbdVolume, ScstTarget, Ocfs2Mount. */
  public List<String> kinds() {
    return resources.stream().map(HasMetadata::getKind).toList();
  }

  /** One reconcile of the resource at {@code index}; its status patch, if any, is stored. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Outcome reconcile(int index) throws Exception {
    if (readBeforeReconcile) {
      resources.set(index, env.client().resource(resources.get(index)).get());
    }
    CustomResource resource = resources.get(index);
    Reconciler reconciler = reconcilers.get(resource.getClass());
    UpdateControl<CustomResource> control = reconciler.reconcile(resource, null);
    if (control.isPatchStatus()) {
      Object status = control.getResource().orElseThrow().getStatus();
      resource.setStatus(status);
      try {
        resources.set(index, env.client().resource(resource).updateStatus());
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || !readBeforeReconcile) {
          throw e;
        }
        // the other instance wrote meanwhile: this one's status wins, as a JOSDK patch would
        CustomResource current = env.client().resource(resource).get();
        current.setStatus(status);
        resources.set(index, env.client().resource(current).updateStatus());
      }
    }
    return new Outcome(resource.getKind(), control.isPatchStatus());
  }

  /**
   * One cleanup of the resource at {@code index}, as JOSDK runs it once the resource carries a
   * deletion timestamp (read from the API first, so a status the cleanup wrote is seen next time);
   * true when it released the finalizer.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public boolean cleanup(int index) throws Exception {
    resources.set(index, env.client().resource(resources.get(index)).get());
    CustomResource resource = resources.get(index);
    Cleaner cleaner = (Cleaner) reconcilers.get(resource.getClass());
    DeleteControl control = cleaner.cleanup(resource, null);
    return control.isRemoveFinalizer();
  }

  /** Reads every resource back from the API, e.g. after a test edited a spec as a user would. */
  public void reload() {
    for (int i = 0; i < resources.size(); i++) {
      resources.set(i, env.client().resource(resources.get(i)).get());
    }
  }

  /** The resource at {@code index} as the API holds it now. */
  public CustomResource<?, ? extends ResourceStatus> current(int index) {
    return env.client().resource(resources.get(index)).get();
  }

  /** Sets one annotation of the resource at {@code index} in the API (and in the driver). */
  public void annotate(int index, String key, String value) {
    var annotated =
        env.client()
            .resource(resources.get(index))
            .edit(
                r -> {
                  if (r.getMetadata().getAnnotations() == null) {
                    r.getMetadata().setAnnotations(new java.util.HashMap<>());
                  }
                  r.getMetadata().getAnnotations().put(key, value);
                  return r;
                });
    resources.set(index, annotated);
  }

  /** One round: every resource reconciled once, in dependency order. */
  public List<Outcome> round() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      outcomes.add(reconcile(i));
    }
    return outcomes;
  }

  /** Rounds until every resource is Ready; returns the rounds used, or -1 after {@code max}. */
  /**
   * Rounds until every resource is Ready and none reports lost redundancy (Degraded=True): fully
   * converged, not merely serving. The rounds it took, or -1 after {@code max}.
   */
  public int convergeAll(int max) throws Exception {
    for (int round = 1; round <= max; round++) {
      round();
      if (allReady() && noneDegraded()) {
        return round;
      }
    }
    return -1;
  }

  public boolean allReady() {
    return resources.stream().allMatch(r -> hasCondition(r, "Ready", "True"));
  }

  /** No resource's Degraded condition is True. */
  public boolean noneDegraded() {
    return resources.stream().noneMatch(r -> hasCondition(r, "Degraded", "True"));
  }

  private static boolean hasCondition(
      CustomResource<?, ? extends ResourceStatus> resource, String type, String status) {
    return resource.getStatus() != null
        && resource
            .getStatus()
            .condition(type)
            .map(c -> status.equals(c.getStatus()))
            .orElse(false);
  }

  /** Events in the namespace so far (each is an API write). */
  public int events() {
    return env.client()
        .v1()
        .events()
        .inNamespace(SandboxEnvironment.NAMESPACE)
        .list()
        .getItems()
        .size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    if (ownShells != null) {
      ownShells.close();
    }
    if (ownsEnvironment) {
      env.close();
    }
  }
}
