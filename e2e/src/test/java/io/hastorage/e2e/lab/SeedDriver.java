package io.hastorage.e2e.lab;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's four resources in a lab, reconciled by hand in dependency order by the operator's own
 * reconcilers, as JOSDK would run them (a status patch a reconcile asks for is written to the API,
 * where the next resource's reconciler reads it). Prints every condition as it changes, so a lab
 * run's log reads like the sandbox's.
 */
final class SeedDriver {

  /** The outcome of one reconcile: did it write status. */
  record Outcome(String kind, String name, boolean statusWritten) {}

  private final LabOperator operator;
  private final Map<Class<?>, Reconciler<?>> reconcilers;
  private final List<CustomResource<?, ? extends ResourceStatus>> resources = new ArrayList<>();
  private final Map<String, String> lastSeen = new HashMap<>();
  private final long started = System.nanoTime();

  SeedDriver(LabOperator operator, String manifest) throws java.io.IOException {
    this.operator = operator;
    OperatorRunner.Engine engine = operator.engine();
    OperatorRunner.Dependencies deps = operator.deps();
    reconcilers =
        Map.of(
            StorageCluster.class, OperatorRunner.storageClusterReconciler(engine, deps),
            DrbdVolume.class, OperatorRunner.drbdVolumeReconciler(engine, deps),
            ScstTarget.class, OperatorRunner.scstTargetReconciler(engine, deps),
            Ocfs2Mount.class, OperatorRunner.ocfs2MountReconciler(engine, deps));
    List<HasMetadata> parsed = Manifests.parse(manifest);
    for (Class<? extends CustomResource<?, ? extends ResourceStatus>> kind :
        List.of(StorageCluster.class, DrbdVolume.class, ScstTarget.class, Ocfs2Mount.class)) {
      for (var resource : Manifests.ofKind(parsed, kind)) {
        resources.add(operator.create(resource));
      }
    }
  }

  /** One round: every resource reconciled once, in dependency order. */
  List<Outcome> round() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      outcomes.add(reconcile(i));
    }
    return outcomes;
  }

  /**
   * Rounds until every resource is Ready; the rounds it took. Like the operator's requeue: after a
   * round that changed a status (steps were applied, something moved) the next comes sooner (a
   * third of {@code pause}), after a quiet one after {@code pause}. Never back to back: under TCG a
   * round's probes cost a target seconds of CPU, and Pacemaker's own monitors need it too.
   */
  int untilAllReady(Duration timeout, Duration pause) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int rounds = 1; ; rounds++) {
      boolean changed = round().stream().anyMatch(Outcome::statusWritten);
      if (resources.stream().allMatch(r -> "True".equals(status(r, "Ready")))) {
        return rounds;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not all Ready after " + timeout + ":\n" + summary());
      }
      Thread.sleep(changed ? pause.toMillis() / 3 : pause.toMillis());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Outcome reconcile(int index) throws Exception {
    CustomResource resource = operator.client().resource(resources.get(index)).get();
    Reconciler reconciler = reconcilers.get(resource.getClass());
    UpdateControl<CustomResource> control = reconciler.reconcile(resource, null);
    if (control.isPatchStatus()) {
      resource.setStatus(control.getResource().orElseThrow().getStatus());
      resource = operator.client().resource(resource).updateStatus();
    }
    resources.set(index, resource);
    report(resource);
    return new Outcome(
        resource.getKind(), resource.getMetadata().getName(), control.isPatchStatus());
  }

  /** The resource of that kind, as last reconciled. */
  <T extends CustomResource<?, ? extends ResourceStatus>> T get(Class<T> kind) {
    return resources.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
  }

  /** The condition's status (True, False, Unknown) or "absent". */
  static String status(CustomResource<?, ? extends ResourceStatus> resource, String type) {
    return condition(resource, type).map(Condition::getStatus).orElse("absent");
  }

  static java.util.Optional<Condition> condition(
      CustomResource<?, ? extends ResourceStatus> resource, String type) {
    ResourceStatus status = resource.getStatus();
    return status == null ? java.util.Optional.empty() : status.condition(type);
  }

  /** Every resource's conditions, one line each. */
  String summary() {
    StringBuilder out = new StringBuilder();
    for (var r : resources) {
      out.append(r.getKind()).append(' ').append(r.getMetadata().getName()).append(":\n");
      if (r.getStatus() != null) {
        for (Condition c : r.getStatus().conditions) {
          out.append("  ").append(line(c)).append('\n');
        }
      }
    }
    return out.toString();
  }

  private void report(CustomResource<?, ? extends ResourceStatus> resource) {
    if (resource.getStatus() == null) {
      return;
    }
    for (Condition c : resource.getStatus().conditions) {
      String key = resource.getKind() + "/" + c.getType();
      String line = line(c);
      if (!line.equals(lastSeen.put(key, line))) {
        System.out.printf(
            "[%6.1fs] %s %s  %s%n",
            (System.nanoTime() - started) / 1e9,
            resource.getKind(),
            resource.getMetadata().getName(),
            line);
      }
    }
  }

  private static String line(Condition c) {
    return c.getType() + "=" + c.getStatus() + "  " + c.getReason() + ": " + c.getMessage();
  }
}
