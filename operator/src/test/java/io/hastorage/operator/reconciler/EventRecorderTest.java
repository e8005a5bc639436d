package io.hastorage.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hastorage.operator.api.drbd.DrbdVolume;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {

  KubernetesClient client;

  private static DrbdVolume volume() {
    DrbdVolume volume = new DrbdVolume();
    volume.setMetadata(
        new ObjectMetaBuilder().withName("vg1").withNamespace("storage").withUid("u1").build());
    return volume;
  }

  private static Condition condition(String type, String status, String reason) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage("m")
        .build();
  }

  private List<Event> events() {
    return client.v1().events().inNamespace("storage").list().getItems();
  }

  /** Degraded, like Warning, is abnormal when True: losing redundancy is the Warning event. */
  @Test
  void degradedBecomingTrueIsAWarningAndBecomingFalseIsNormal() {
    EventRecorder events =
        new EventRecorder(
            client, Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));
    Condition redundant = condition("Degraded", "False", "Redundant");
    Condition lost = condition("Degraded", "True", "PeerDown");

    events.conditionTransitions(volume(), List.of(), List.of(redundant));
    events.conditionTransitions(volume(), List.of(redundant), List.of(lost));

    assertThat(events())
        .extracting(Event::getType, Event::getReason)
        .containsExactly(tuple("Warning", "PeerDown"));

    new EventRecorder(client, Clock.fixed(Instant.parse("2026-12-07T00:01:00Z"), ZoneOffset.UTC))
        .conditionTransitions(volume(), List.of(lost), List.of(redundant));

    assertThat(events())
        .extracting(Event::getType, Event::getReason)
        .containsExactlyInAnyOrder(tuple("Warning", "PeerDown"), tuple("Normal", "Redundant"));
  }

  @Test
  void aNewDegradedConditionThatIsTrueIsAnnouncedAsAWarning() {
    new EventRecorder(client, Clock.systemUTC())
        .conditionTransitions(
            volume(), List.of(), List.of(condition("Degraded", "True", "InitialSync")));

    assertThat(events())
        .extracting(Event::getType, Event::getReason)
        .containsExactly(tuple("Warning", "InitialSync"));
  }
}
