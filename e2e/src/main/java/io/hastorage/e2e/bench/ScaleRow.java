package io.hastorage.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/** One line of ScaleMain's JSON output as a row of the report's scale table. */
final class ScaleRow {

  private ScaleRow() {}

  static String markdown(String json) {
    try {
      JsonNode n = new ObjectMapper().readTree(json);
      if (n.has("error")) {
        return "| "
            + n.path("resources").asInt()
            + " | "
            + n.path("error").asText()
            + " | | | | | | | |";
      }
      return String.format(
          Locale.ROOT,
          "| %d | %d | %d | %.1f | %.0f | %.0f | %.1f | %.2f | %d |",
          n.path("resources").asInt(),
          n.path("clusters").asInt(),
          n.path("nodes").asInt(),
          n.path("secondsToReady").asDouble(),
          n.path("heapAfterGcBytes").asDouble() / 1048576.0,
          n.path("rssBytes").asDouble() / 1048576.0,
          n.path("reconcilesPerSecond").asDouble(),
          n.path("execsPerReconcile").asDouble(),
          n.path("mutatingCommandsAtSteadyState").asLong());
    } catch (java.io.IOException e) {
      return "| unparsable scale output: " + json.replace('|', '/') + " | | | | | | | | |";
    }
  }
}
