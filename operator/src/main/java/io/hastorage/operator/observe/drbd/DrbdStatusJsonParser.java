package io.hastorage.operator.observe.drbd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads DRBD 9's {@code drbdsetup status --json}: an array of resources, each with {@code devices}
 * (volume, minor, disk-state) and {@code connections} (peer name, connection-state, peer-role, and
 * {@code peer_devices} with peer-disk-state, replication-state, out-of-sync in KiB and
 * percent-in-sync).
 *
 * <p>It yields one {@link DrbdDeviceState} per resource, volume and peer. A volume without any
 * connection (no net section, or DRBD dropped it) is reported once as {@code StandAlone}, the 8.4
 * word for "not connected and not trying", with the peer unknown.
 *
 * <p>Resources are read one at a time, so truncated output (a probe cut off by its timeout) still
 * gives every resource that was complete. Missing fields read as DRBD's unknown words. The parser
 * throws {@link IllegalArgumentException} only when the text does not start with a JSON array (not
 * this command's output, e.g. the "No currently configured DRBD found." message).
 */
public final class DrbdStatusJsonParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private DrbdStatusJsonParser() {}

  /** Parses the command's stdout; see the class comment for what is tolerated. */
  public static DrbdKernelStatus parse(String json) {
    List<DrbdDeviceState> devices = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("not drbdsetup status --json output: no JSON array");
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        JsonNode resource = MAPPER.readTree(parser);
        devices.addAll(DrbdJsonResource.devices(resource));
      }
    } catch (IOException e) {
      if (devices.isEmpty() && !looksLikeArray(json)) {
        throw new IllegalArgumentException("not drbdsetup status --json output", e);
      }
      // Truncated or damaged after some complete resources: keep those.
    }
    return new DrbdKernelStatus(Optional.empty(), devices);
  }

  private static boolean looksLikeArray(String json) {
    return json.stripLeading().startsWith("[");
  }
}
