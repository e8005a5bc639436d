package io.hastorage.operator.api.common;

/** The API group and version of all four resources. */
public final class ApiGroup {

  public static final String GROUP = "hastorage.io";
  public static final String VERSION = "v1alpha1";

  private ApiGroup() {}
}
