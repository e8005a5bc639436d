package io.hastorage.operator.api.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** The annotations users put on any of our resources to hold the operator back. */
public final class Annotations {

  /** "true": observe and report, change nothing. */
  public static final String PAUSED = "hastorage.io/paused";

  /** "true": compute the plan and record it in status, execute nothing. */
  public static final String DRY_RUN = "hastorage.io/dry-run";

  /**
   * "true" on a resource being deleted: remove the finalizer without touching any node (everything
   * on the nodes, data included, stays exactly as it is). The way out when a node will never
   * answer.
   */
  public static final String FORCE_DELETE = "hastorage.io/force-delete";

  private Annotations() {}

  public static boolean isPaused(HasMetadata resource) {
    return isTrue(resource, PAUSED);
  }

  public static boolean isDryRun(HasMetadata resource) {
    return isTrue(resource, DRY_RUN);
  }

  public static boolean isForceDelete(HasMetadata resource) {
    return isTrue(resource, FORCE_DELETE);
  }

  private static boolean isTrue(HasMetadata resource, String key) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(key));
  }
}
