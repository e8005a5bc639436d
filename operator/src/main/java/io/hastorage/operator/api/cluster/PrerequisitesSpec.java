package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.KERNEL_MODULE;
import static io.hastorage.operator.api.common.ValidationPatterns.PACKAGE;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * What the nodes need installed. The operator always checks; it installs packages and loads modules
 * only when {@code install} is true.
 */
public class PrerequisitesSpec {

  @JsonPropertyDescription(
      "Install missing packages with the node's package manager and load missing kernel modules."
          + " Off by default: then a condition lists what is missing where.")
  public Boolean install;

  @Size(min = 0, max = 64)
  @JsonPropertyDescription("Packages needed on every node in addition to the built-in list.")
  public List<@Pattern(PACKAGE) String> extraPackages = new ArrayList<>();

  @Size(min = 0, max = 32)
  @JsonPropertyDescription(
      "Kernel modules needed on target nodes in addition to the built-in list.")
  public List<@Pattern(KERNEL_MODULE) String> extraTargetModules = new ArrayList<>();

  @Size(min = 0, max = 32)
  @JsonPropertyDescription(
      "Built-in packages or modules not to require (e.g. scst when SCST is built from source).")
  public List<@Pattern(PACKAGE) String> skip = new ArrayList<>();

  public boolean installOrDefault() {
    return Boolean.TRUE.equals(install);
  }
}
