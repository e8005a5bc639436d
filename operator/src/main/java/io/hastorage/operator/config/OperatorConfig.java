package io.hastorage.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting of the operator, typed, with its default, read once at start from the environment.
 * Nothing else in the code reads environment variables.
 */
public final class OperatorConfig {

  public static final ConfigOption<Duration> RESYNC_PERIOD =
      duration(
          "HASTORAGE_RESYNC_PERIOD",
          "60s",
          "How often a converged resource is probed again to find drift (node state can't be watched).");
  public static final ConfigOption<Duration> CONVERGING_REQUEUE =
      duration(
          "HASTORAGE_CONVERGING_REQUEUE",
          "3s",
          "Delay before the next reconcile after steps were applied, to verify them.");
  public static final ConfigOption<Duration> ERROR_REQUEUE =
      duration(
          "HASTORAGE_ERROR_REQUEUE",
          "20s",
          "Delay before retrying a resource whose nodes failed or refused a step.");
  public static final ConfigOption<Duration> PROBE_TIMEOUT =
      duration("HASTORAGE_PROBE_TIMEOUT", "30s", "Time limit of the batched probe on one node.");
  public static final ConfigOption<Duration> SSH_CONNECT_TIMEOUT =
      duration("HASTORAGE_SSH_CONNECT_TIMEOUT", "10s", "TCP connect and SSH handshake time limit.");
  public static final ConfigOption<Duration> SSH_KEEPALIVE =
      duration(
          "HASTORAGE_SSH_KEEPALIVE",
          "15s",
          "Interval of SSH keepalive messages on pooled connections.");
  public static final ConfigOption<Integer> SSH_MAX_CHANNELS =
      integer(
          "HASTORAGE_SSH_MAX_CHANNELS",
          "8",
          "Concurrent commands per pooled connection; OpenSSH allows 10 sessions by default.");
  public static final ConfigOption<Duration> SSH_BACKOFF_INITIAL =
      duration(
          "HASTORAGE_SSH_BACKOFF_INITIAL",
          "2s",
          "First wait before reconnecting to a failed node.");
  public static final ConfigOption<Duration> SSH_BACKOFF_MAX =
      duration(
          "HASTORAGE_SSH_BACKOFF_MAX", "2m", "Longest wait before reconnecting to a failed node.");
  public static final ConfigOption<Duration> NODE_LOCK_WAIT =
      duration(
          "HASTORAGE_NODE_LOCK_WAIT",
          "2s",
          "How long a reconcile waits for another one's changes on the same node before requeueing.");
  public static final ConfigOption<Integer> NODE_PARALLELISM =
      integer("HASTORAGE_NODE_PARALLELISM", "16", "Nodes observed or changed in parallel.");
  public static final ConfigOption<Integer> HTTP_PORT =
      integer(
          "HASTORAGE_HTTP_PORT",
          "8080",
          "Port of /metrics, /healthz and /readyz (0: any free port).");
  public static final ConfigOption<Boolean> LEADER_ELECTION =
      bool(
          "HASTORAGE_LEADER_ELECTION",
          "true",
          "Elect a leader through a Lease so replicas can stand by.");
  public static final ConfigOption<String> LEASE_NAME =
      string("HASTORAGE_LEASE_NAME", "ha-iscsi-operator", "Name of the leader election Lease.");
  public static final ConfigOption<String> LEASE_NAMESPACE =
      string(
          "HASTORAGE_LEASE_NAMESPACE",
          "",
          "Namespace of the Lease; empty: the namespace the operator runs in.");
  public static final ConfigOption<Set<String>> WATCH_NAMESPACES =
      new ConfigOption<>(
          "HASTORAGE_WATCH_NAMESPACES",
          "",
          "Comma-separated namespaces to watch; empty: all namespaces.",
          s ->
              Arrays.stream(s.split(","))
                  .map(String::strip)
                  .filter(x -> !x.isEmpty())
                  .collect(Collectors.toUnmodifiableSet()));

  public static final List<ConfigOption<?>> ALL =
      List.of(
          RESYNC_PERIOD,
          CONVERGING_REQUEUE,
          ERROR_REQUEUE,
          PROBE_TIMEOUT,
          SSH_CONNECT_TIMEOUT,
          SSH_KEEPALIVE,
          SSH_MAX_CHANNELS,
          SSH_BACKOFF_INITIAL,
          SSH_BACKOFF_MAX,
          NODE_LOCK_WAIT,
          NODE_PARALLELISM,
          HTTP_PORT,
          LEADER_ELECTION,
          LEASE_NAME,
          LEASE_NAMESPACE,
          WATCH_NAMESPACES);

  private final Map<String, Object> values;

  private OperatorConfig(Map<String, Object> values) {
    this.values = values;
  }

  /** Reads every option from {@code environment}, falling back to defaults. Fails on bad values. */
  public static OperatorConfig from(Map<String, String> environment) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigOption<?> option : ALL) {
      values.put(
          option.key(),
          option.parse(environment.getOrDefault(option.key(), option.defaultValue())));
    }
    return new OperatorConfig(values);
  }

  public static OperatorConfig defaults() {
    return from(Map.of());
  }

  /** A copy with some options overridden, e.g. by the sandbox or tests. */
  public OperatorConfig with(Map<String, String> overrides) {
    Map<String, String> raw = new LinkedHashMap<>();
    values.forEach((k, v) -> raw.put(k, render(v)));
    raw.putAll(overrides);
    return from(raw);
  }

  public <T> T get(ConfigOption<T> option) {
    @SuppressWarnings("unchecked")
    T value = (T) values.get(option.key());
    return value;
  }

  /** A table of every option for the README and `--help`. */
  public static String describe() {
    return ALL.stream()
        .map(
            o ->
                String.format(
                    "  %-32s %-18s %s",
                    o.key(),
                    "(" + (o.defaultValue().isEmpty() ? "\"\"" : o.defaultValue()) + ")",
                    o.description()))
        .collect(Collectors.joining("\n"));
  }

  private static String render(Object value) {
    if (value instanceof Set<?> set) {
      return set.stream().map(String::valueOf).sorted().collect(Collectors.joining(","));
    }
    return value instanceof Duration d ? d.toString() : String.valueOf(value);
  }

  private static ConfigOption<Duration> duration(String key, String def, String description) {
    return new ConfigOption<>(key, def, description, Durations::parse);
  }

  private static ConfigOption<Integer> integer(String key, String def, String description) {
    return new ConfigOption<>(key, def, description, Integer::parseInt);
  }

  private static ConfigOption<Boolean> bool(String key, String def, String description) {
    return new ConfigOption<>(
        key,
        def,
        description,
        s -> {
          if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("must be true or false");
          }
          return Boolean.parseBoolean(s);
        });
  }

  private static ConfigOption<String> string(String key, String def, String description) {
    return new ConfigOption<>(key, def, description, s -> s);
  }
}
