package io.hastorage.e2e.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one scale run.
 *
 * @param resources DrbdVolumes plus ScstTargets (half each); StorageClusters not counted
 * @param clusters StorageClusters, one simulated target pair each
 * @param nodes simulated target nodes (2 per cluster), each behind its own SSH server
 * @param secondsToReady from the operator's start until every resource, StorageClusters included,
 *     showed Ready=True (seen through informers, so within milliseconds of the status write)
 * @param heapAfterGcBytes heap used after {@code System.gc()} once all were Ready: the operator
 *     <em>and</em> the in-process embedded API server and simulated nodes
 * @param rssBytes the process's resident set (VmRSS) at the same moment, same caveat
 * @param reconcilesPerSecond reconciles started per second over the steady window, from JOSDK's
 *     {@code operator.sdk.reconciliations.started} counters; each resource asks for one per resync
 *     period, so this is that demand or, when the machine cannot keep up, its capacity
 * @param execsPerReconcile SSH execs the nodes received over the window per reconcile started
 * @param mutatingCommandsAtSteadyState execs over the window that changed a node (0 when the
 *     converged state was only observed)
 */
public record ScaleFigures(
    int resources,
    int clusters,
    int nodes,
    double secondsToReady,
    long heapAfterGcBytes,
    long rssBytes,
    double reconcilesPerSecond,
    double execsPerReconcile,
    long mutatingCommandsAtSteadyState) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The figures as a JSON object, field names as in the record. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("resources", resources);
    map.put("clusters", clusters);
    map.put("nodes", nodes);
    map.put("secondsToReady", secondsToReady);
    map.put("heapAfterGcBytes", heapAfterGcBytes);
    map.put("rssBytes", rssBytes);
    map.put("reconcilesPerSecond", reconcilesPerSecond);
    map.put("execsPerReconcile", execsPerReconcile);
    map.put("mutatingCommandsAtSteadyState", mutatingCommandsAtSteadyState);
    return map;
  }

  /**
   * Reads the figures from a JSON object with the record's field names, e.g. the line {@link
   * ScaleMain} prints; other fields (its {@code details}) are ignored.
   */
  public static ScaleFigures fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return new ScaleFigures(
          required(node, "resources").asInt(),
          required(node, "clusters").asInt(),
          required(node, "nodes").asInt(),
          required(node, "secondsToReady").asDouble(),
          required(node, "heapAfterGcBytes").asLong(),
          required(node, "rssBytes").asLong(),
          required(node, "reconcilesPerSecond").asDouble(),
          required(node, "execsPerReconcile").asDouble(),
          required(node, "mutatingCommandsAtSteadyState").asLong());
    } catch (IOException e) {
      throw new UncheckedIOException("not scale figures: " + json, e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("scale figures without " + field + ": " + node);
    }
    return value;
  }
}
