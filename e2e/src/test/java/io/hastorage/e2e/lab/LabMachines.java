package io.hastorage.e2e.lab;

import java.io.IOException;
import java.util.List;

/** The machines of a lab as the operator reaches them: root over SSH with a pinned host key. */
interface LabMachines {

  /** Every node name, targets first. */
  List<String> nodes();

  /** The address the operator's SSH connects to. */
  String address(String node);

  /** The private key that logs in as root on every node. */
  String privateKey() throws IOException;

  /** The node's own host key as one known_hosts line, for the pinned key in its Secret. */
  String knownHostsLine(String node) throws IOException;
}
