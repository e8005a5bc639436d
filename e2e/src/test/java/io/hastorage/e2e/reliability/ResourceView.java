package io.hastorage.e2e.reliability;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.hastorage.e2e.bench.ReconcileDriver;
import io.hastorage.e2e.sandbox.SandboxEnvironment;
import java.util.List;
import java.util.Optional;

/** The seed's four resources as the API holds them, read the way a user would with kubectl. */
final class ResourceView {

  static final int CLUSTER = 0;
  static final int VOLUME = 1;
  static final int TARGET = 2;
  static final int MOUNT = 3;

  private final ReconcileDriver driver;

  ResourceView(ReconcileDriver driver) {
    this.driver = driver;
  }

  Optional<Condition> condition(int index, String type) {
    var status = driver.current(index).getStatus();
    return status == null ? Optional.empty() : status.condition(type);
  }

  /** "Type=Status Reason", or "Type absent": what a table cell shows. */
  String brief(int index, String type) {
    return condition(index, type)
        .map(c -> type + "=" + c.getStatus() + " " + c.getReason())
        .orElse(type + " absent");
  }

  /** The condition's status (True, False, Unknown) or "absent". */
  String status(int index, String type) {
    return condition(index, type).map(Condition::getStatus).orElse("absent");
  }

  String kind(int index) {
    return driver.current(index).getKind();
  }

  String message(int index, String type) {
    return condition(index, type).map(Condition::getMessage).orElse("");
  }

  /** Every Event in the sandbox's namespace. */
  List<Event> allEvents() {
    return driver
        .env()
        .client()
        .v1()
        .events()
        .inNamespace(SandboxEnvironment.NAMESPACE)
        .list()
        .getItems();
  }

  /** The Events about resource {@code index}, oldest first. */
  List<Event> events(int index) {
    String kind = driver.current(index).getKind();
    String name = driver.current(index).getMetadata().getName();
    return allEvents().stream()
        .filter(e -> kind.equals(e.getInvolvedObject().getKind()))
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** "Type Reason: message" of the resource's events whose reason is one of {@code reasons}. */
  List<String> events(int index, String... reasons) {
    List<String> wanted = List.of(reasons);
    return events(index).stream()
        .filter(e -> wanted.contains(e.getReason()))
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
        .toList();
  }
}
