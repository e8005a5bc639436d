package io.hastorage.e2e.sim;

/**
 * Thrown by the simulated shell or a simulated tool for input the simulation does not model. The
 * shell turns it into exit 127 with {@code simulated shell: unsupported: ...} on stderr and records
 * it in the node's exec log, so gaps in the simulation are loud instead of silently "working".
 */
public final class UnsupportedFeatureException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnsupportedFeatureException(String what) {
    super(what);
  }
}
