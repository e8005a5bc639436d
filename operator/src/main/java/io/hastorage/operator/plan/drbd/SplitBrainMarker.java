package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeRequest;
import java.util.Optional;

/**
 * The trace DRBD's {@code split-brain} handler leaves: the rendered handler writes the UTC time of
 * the detection to {@code DIRECTORY/RESOURCE} on the node that detected it. drbdadm runs handlers
 * through {@code /bin/sh -c}, so no script file is needed.
 *
 * <p>A StandAlone device with data of its own only <em>may</em> be split brain (an administrator's
 * {@code drbdadm disconnect} looks the same); the marker is what tells the two apart. The operator
 * only reads it. The administrator removes it as the last step of the manual recovery
 * (docs/drbd-split-brain.md), so an old marker never turns a later, deliberate disconnect into a
 * "split brain".
 */
public final class SplitBrainMarker {

  public static final String DIRECTORY = "/var/lib/ha-iscsi-operator/drbd-split-brain";

  private SplitBrainMarker() {}

  public static String path(String resource) {
    return DIRECTORY + "/" + resource;
  }

  /** The handler command; the resource name is validated to [a-zA-Z0-9_.-], safe unquoted. */
  static String handler(String resource) {
    return "mkdir -p " + DIRECTORY + " && date -u +%Y-%m-%dT%H:%M:%SZ > " + path(resource);
  }

  public static ProbeRequest request(String resource) {
    return ProbeRequest.ofContents(path(resource));
  }

  /** When the handler fired on this node, if it ever did and the marker was not removed. */
  public static Optional<String> detectedAt(NodeFacts facts, String resource) {
    return facts.fileContent(path(resource)).map(String::strip);
  }
}
