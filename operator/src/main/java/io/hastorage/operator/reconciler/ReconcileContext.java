package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MDC;

/**
 * Puts "Reconciliation #n Kind(ns/name)" into the logging context for the duration of one reconcile
 * (as Strimzi prefixes its lines); per-node work adds the node.
 */
final class ReconcileContext implements AutoCloseable {

  private static final AtomicLong COUNTER = new AtomicLong();

  private ReconcileContext() {}

  static ReconcileContext enter(HasMetadata resource) {
    MDC.put("reconciliation", "#" + COUNTER.incrementAndGet());
    MDC.put(
        "resource",
        resource.getKind()
            + "("
            + resource.getMetadata().getNamespace()
            + "/"
            + resource.getMetadata().getName()
            + ")");
    return new ReconcileContext();
  }

  @Override
  public void close() {
    MDC.remove("reconciliation");
    MDC.remove("resource");
  }
}
