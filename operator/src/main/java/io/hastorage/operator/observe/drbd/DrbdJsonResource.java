package io.hastorage.operator.observe.drbd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Turns one resource object of {@code drbdsetup status --json} into neutral device states. */
final class DrbdJsonResource {

  private DrbdJsonResource() {}

  static List<DrbdDeviceState> devices(JsonNode resource) {
    List<DrbdDeviceState> states = new ArrayList<>();
    for (JsonNode device : resource.path("devices")) {
      List<JsonNode> connections = new ArrayList<>();
      resource.path("connections").forEach(connections::add);
      if (connections.isEmpty()) {
        states.add(state(resource, device, null, null));
      }
      for (JsonNode connection : connections) {
        states.add(state(resource, device, connection, peerDevice(connection, device)));
      }
    }
    return states;
  }

  private static JsonNode peerDevice(JsonNode connection, JsonNode device) {
    int volume = device.path("volume").asInt(-1);
    for (JsonNode peerDevice : connection.path("peer_devices")) {
      if (peerDevice.path("volume").asInt(-2) == volume) {
        return peerDevice;
      }
    }
    return null;
  }

  private static DrbdDeviceState state(
      JsonNode resource, JsonNode device, JsonNode connection, JsonNode peerDevice) {
    JsonNode conn = connection == null ? MissingNode.getInstance() : connection;
    JsonNode peerDev = peerDevice == null ? MissingNode.getInstance() : peerDevice;
    String replication = text(peerDev, "replication-state", "Off");
    String connectionState =
        connectionState(text(conn, "connection-state", "StandAlone"), replication);
    return new DrbdDeviceState(
        device.path("minor").asInt(-1),
        optionalText(resource, "name"),
        device.has("volume") ? OptionalInt.of(device.get("volume").asInt()) : OptionalInt.empty(),
        optionalText(conn, "name"),
        connectionState,
        text(resource, "role", DrbdDeviceState.UNKNOWN_ROLE),
        text(conn, "peer-role", DrbdDeviceState.UNKNOWN_ROLE),
        text(device, "disk-state", DrbdDeviceState.UNKNOWN_DISK),
        text(peerDev, "peer-disk-state", DrbdDeviceState.UNKNOWN_DISK),
        Optional.empty(),
        peerDev.path("out-of-sync").asLong(0L),
        syncPercent(connectionState, peerDev));
  }

  /**
   * DRBD 8.4 had one state where DRBD 9 has two: while connected, 8.4's {@code cs:} showed the
   * replication state (SyncSource, VerifyS, ...) and plain Connected meant 9's Established.
   */
  private static String connectionState(String connection, String replication) {
    if (!connection.equals("Connected")
        || replication.equals("Established")
        || replication.equals("Off")) {
      return connection;
    }
    return replication;
  }

  private static OptionalDouble syncPercent(String connectionState, JsonNode peerDevice) {
    JsonNode percent = peerDevice.path("percent-in-sync");
    boolean syncing = connectionState.startsWith("Sync") || connectionState.startsWith("Paused");
    return syncing && percent.isNumber()
        ? OptionalDouble.of(percent.asDouble())
        : OptionalDouble.empty();
  }

  private static String text(JsonNode node, String field, String fallback) {
    return optionalText(node, field).orElse(fallback);
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
