package io.hastorage.operator.status;

/** The three values of metav1.Condition.status. */
public enum ConditionStatus {
  True,
  False,
  Unknown;

  public static ConditionStatus of(boolean value) {
    return value ? True : False;
  }
}
