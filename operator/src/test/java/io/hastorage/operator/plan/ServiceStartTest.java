package io.hastorage.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.node.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceStartTest {

  @Test
  void enablesAndStartsEveryUnitInOneCommandThatOutlastsTheCommandDefault() {
    Command command = ServiceStart.enableNow(List.of("iscsid.service", "o2cb.service"));

    assertThat(command.argv())
        .containsExactly("systemctl", "enable", "--now", "iscsid.service", "o2cb.service");
    assertThat(command.timeout()).isGreaterThan(Command.DEFAULT_TIMEOUT);
  }

  @Test
  void refusesAnEmptyUnitList() {
    assertThatThrownBy(() -> ServiceStart.enableNow(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
