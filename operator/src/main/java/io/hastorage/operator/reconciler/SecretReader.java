package io.hastorage.operator.reconciler;

import java.util.Map;
import java.util.Optional;

/** Reads a Secret's decoded data. Narrow, so tests can hand in Secrets without an API server. */
public interface SecretReader {

  Optional<Map<String, byte[]>> read(String namespace, String name);
}
