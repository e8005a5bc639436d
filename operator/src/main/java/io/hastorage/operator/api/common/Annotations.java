package io.hastorage.operator.api.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** The annotations users put on any of our resources to hold the operator back. */
public final class Annotations {

  /** "true": observe and report, change nothing. */
  public static final String PAUSED = "hastorage.io/paused";

  /** "true": compute the plan and record it in status, execute nothing. */
  public static final String DRY_RUN = "hastorage.io/dry-run";

  private Annotations() {}

  public static boolean isPaused(HasMetadata resource) {
    return isTrue(resource, PAUSED);
  }

  public static boolean isDryRun(HasMetadata resource) {
    return isTrue(resource, DRY_RUN);
  }

  private static boolean isTrue(HasMetadata resource, String key) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(key));
  }
}
