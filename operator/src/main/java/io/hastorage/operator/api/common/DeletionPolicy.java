package io.hastorage.operator.api.common;

import static io.hastorage.operator.api.common.ValidationPatterns.PARAMETER_VALUE;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/**
 * What deleting the resource does to data on the nodes. Retain is the default; Destroy only takes
 * effect with the confirmation string, as Rook does with "yes-really-destroy-data".
 */
public class DeletionPolicy {

  public static final String CONFIRMATION = "yes-really-destroy-data";

  /** Retain keeps every byte; Destroy removes what the operator created. */
  public enum Mode {
    Retain,
    Destroy
  }

  @Default("Retain")
  @JsonPropertyDescription("Retain (default) keeps all data when the resource is deleted.")
  public Mode mode;

  @Pattern(PARAMETER_VALUE)
  @JsonPropertyDescription("Must be exactly 'yes-really-destroy-data' for mode Destroy to act.")
  public String confirmation;

  /** True only when destruction was asked for and confirmed. */
  public boolean destroyConfirmed() {
    return mode == Mode.Destroy && CONFIRMATION.equals(confirmation);
  }
}
