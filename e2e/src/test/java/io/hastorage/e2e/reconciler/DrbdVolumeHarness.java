package io.hastorage.e2e.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.e2e.sandbox.SandboxEnvironment;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.reconciler.DrbdVolumeReconciler;
import io.hastorage.operator.reconciler.KubernetesSecretReader;
import io.hastorage.operator.reconciler.Ocfs2MountReconciler;
import io.hastorage.operator.reconciler.ScstTargetReconciler;
import io.hastorage.operator.reconciler.StorageClusterReconciler;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Drives the DrbdVolume reconciler by hand against the embedded API and the simulated fleet, with
 * the StorageCluster converged first by its own reconciler (both share one engine, as in the
 * operator). Status patches are applied as JOSDK would.
 */
final class DrbdVolumeHarness implements AutoCloseable {

  final SandboxEnvironment env;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final OperatorRunner.Engine engine;
  private final StorageClusterReconciler clusterReconciler;
  private DrbdVolumeReconciler reconciler;
  private final ScstTargetReconciler targetReconciler;
  private final Ocfs2MountReconciler mountReconciler;
  StorageCluster cluster;
  DrbdVolume volume;
  ScstTarget target;
  Ocfs2Mount mount;
  int mountStatusWrites;
  int statusWrites;

  DrbdVolumeHarness() throws Exception {
    env =
        SandboxEnvironment.start(
            Path.of(System.getProperty("hastorage.repoRoot", "..")), ReconcilerHarness.CONFIG);
    engine =
        OperatorRunner.Engine.create(
            env.dependencies(), pool, new KubernetesSecretReader(env.client()));
    clusterReconciler = OperatorRunner.storageClusterReconciler(engine, env.dependencies());
    reconciler = OperatorRunner.drbdVolumeReconciler(engine, env.dependencies());
    targetReconciler = OperatorRunner.scstTargetReconciler(engine, env.dependencies());
    mountReconciler = OperatorRunner.ocfs2MountReconciler(engine, env.dependencies());
    List<HasMetadata> resources = env.exampleResources();
    cluster = Manifests.ofKind(resources, StorageCluster.class).get(0);
    cluster.getMetadata().setGeneration(1L);
    volume = Manifests.ofKind(resources, DrbdVolume.class).get(0);
    volume.getMetadata().setGeneration(1L);
    target = Manifests.ofKind(resources, ScstTarget.class).get(0);
    target.getMetadata().setGeneration(1L);
    mount = Manifests.ofKind(resources, Ocfs2Mount.class).get(0);
    mount.getMetadata().setGeneration(1L);
    env.apply(List.of(cluster, volume, target, mount));
    cluster = env.storageCluster(cluster.getMetadata().getName());
    volume = env.drbdVolume(volume.getMetadata().getName());
    target =
        env.client()
            .resources(ScstTarget.class)
            .inNamespace(SandboxEnvironment.NAMESPACE)
            .withName(target.getMetadata().getName())
            .get();
  }

  /** Reconciles the StorageCluster until Ready and stores its status in the API. */
  void convergeCluster() throws Exception {
    for (int i = 0; i < 6; i++) {
      UpdateControl<StorageCluster> control = clusterReconciler.reconcile(cluster, null);
      if (control.isPatchStatus()) {
        cluster.setStatus(control.getResource().orElseThrow().getStatus());
        cluster =
            env.client()
                .resources(StorageCluster.class)
                .inNamespace(SandboxEnvironment.NAMESPACE)
                .resource(cluster)
                .updateStatus();
      }
      if (isTrue(cluster.getStatus().condition("Ready").orElse(null))) {
        return;
      }
    }
    throw new AssertionError("StorageCluster did not converge: " + cluster.getStatus().conditions);
  }

  /** One reconcile of the volume; applies the status patch it asks for. */
  UpdateControl<DrbdVolume> reconcile() throws Exception {
    UpdateControl<DrbdVolume> control = reconciler.reconcile(volume, null);
    if (control.isPatchStatus()) {
      statusWrites++;
      volume.setStatus(control.getResource().orElseThrow().getStatus());
    }
    return control;
  }

  /** Reconciles until Ready, at most {@code rounds} times; returns the rounds used. */
  int converge(int rounds) throws Exception {
    for (int i = 1; i <= rounds; i++) {
      reconcile();
      if (isTrue(condition("Ready"))) {
        return i;
      }
    }
    throw new AssertionError("DrbdVolume not Ready: " + volume.getStatus().conditions);
  }

  /** Stores the volume's status in the API, where the ScstTarget reconciler looks it up. */
  void publishVolumeStatus() {
    volume =
        env.client()
            .resources(DrbdVolume.class)
            .inNamespace(SandboxEnvironment.NAMESPACE)
            .resource(volume)
            .updateStatus();
  }

  /** One reconcile of the target; applies the status patch it asks for. */
  UpdateControl<ScstTarget> reconcileTarget() throws Exception {
    UpdateControl<ScstTarget> control = targetReconciler.reconcile(target, null);
    if (control.isPatchStatus()) {
      target.setStatus(control.getResource().orElseThrow().getStatus());
    }
    return control;
  }

  /** Stores the target's status in the API, where the Ocfs2Mount reconciler looks it up. */
  void publishTargetStatus() {
    target =
        env.client()
            .resources(ScstTarget.class)
            .inNamespace(SandboxEnvironment.NAMESPACE)
            .resource(target)
            .updateStatus();
  }

  /** The mount as stored in the API (with its spec changed by {@code change}). */
  void editMount(java.util.function.Consumer<Ocfs2Mount> change) {
    change.accept(mount);
    mount.getMetadata().setGeneration(mount.getMetadata().getGeneration() + 1);
  }

  /** One reconcile of the Ocfs2Mount; applies and stores the status patch it asks for. */
  UpdateControl<Ocfs2Mount> reconcileMount() throws Exception {
    UpdateControl<Ocfs2Mount> control = mountReconciler.reconcile(mount, null);
    if (control.isPatchStatus()) {
      mountStatusWrites++;
      mount.setStatus(control.getResource().orElseThrow().getStatus());
    }
    return control;
  }

  /** Reconciles the mount until Ready, at most {@code rounds} times; returns the rounds used. */
  int convergeMount(int rounds) throws Exception {
    for (int i = 1; i <= rounds; i++) {
      reconcileMount();
      if (isTrue(mountCondition("Ready"))) {
        return i;
      }
    }
    throw new AssertionError("Ocfs2Mount not Ready: " + mount.getStatus().conditions);
  }

  DeleteControl cleanupMount() throws Exception {
    return mountReconciler.cleanup(mount, null);
  }

  Condition mountCondition(String type) {
    if (mount.getStatus() == null) {
      return new Condition();
    }
    return mount.getStatus().condition(type).orElseGet(Condition::new);
  }

  DeleteControl cleanupTarget() throws Exception {
    return targetReconciler.cleanup(target, null);
  }

  Condition targetCondition(String type) {
    if (target.getStatus() == null) {
      return new Condition();
    }
    return target.getStatus().condition(type).orElseGet(Condition::new);
  }

  /** A fresh reconciler and engine, as after an operator restart; the nodes keep their state. */
  void restartOperator() {
    OperatorRunner.Engine fresh =
        OperatorRunner.Engine.create(
            env.dependencies(), pool, new KubernetesSecretReader(env.client()));
    reconciler = OperatorRunner.drbdVolumeReconciler(fresh, env.dependencies());
  }

  DeleteControl cleanup() throws Exception {
    return reconciler.cleanup(volume, null);
  }

  Condition condition(String type) {
    if (volume.getStatus() == null) {
      return new Condition();
    }
    return volume.getStatus().condition(type).orElseGet(Condition::new);
  }

  SimulatedNode node(String name) {
    return env.fleet().node(name);
  }

  /** Every command line the node ran, in order. */
  List<String> commands(String node) {
    return env.fleet().node(node).execLog().commandLines();
  }

  int changes() {
    return env.fleet().names().stream()
        .mapToInt(n -> env.fleet().node(n).mutatingCommandCount())
        .sum();
  }

  int events(String reason) {
    return (int)
        env
            .client()
            .v1()
            .events()
            .inNamespace(SandboxEnvironment.NAMESPACE)
            .list()
            .getItems()
            .stream()
            .filter(e -> reason.equals(e.getReason()))
            .count();
  }

  private static boolean isTrue(Condition condition) {
    return condition != null && "True".equals(condition.getStatus());
  }

  @Override
  public void close() {
    pool.shutdownNow();
    env.close();
  }
}
