package io.hastorage.operator.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SshSettingsTest {

  @Test
  void defaultsStayBelowOpenSshMaxSessions() {
    assertThat(SshSettings.DEFAULTS.maxChannelsPerConnection()).isEqualTo(8);
    assertThat(SshSettings.DEFAULTS.maxChannelsPerConnection())
        .isLessThan(SshSettings.OPENSSH_MAX_SESSIONS);
  }

  @Test
  void channelCapMustBeBetweenOneAndNine() {
    assertThatThrownBy(() -> SshSettings.DEFAULTS.withMaxChannelsPerConnection(10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SshSettings.DEFAULTS.withMaxChannelsPerConnection(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SshSettings.DEFAULTS.withMaxChannelsPerConnection(9).maxChannelsPerConnection())
        .isEqualTo(9);
  }

  @Test
  void durationsAreValidated() {
    assertThatThrownBy(() -> SshSettings.DEFAULTS.withConnectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SshSettings.DEFAULTS.withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SshSettings.DEFAULTS.withKeepAliveInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SshSettings.DEFAULTS.withKeepAliveInterval(Duration.ZERO).keepAliveInterval())
        .isZero();
  }

  @Test
  void socketsComeWithTcpNoDelay() throws Exception {
    try (Socket socket = new NoDelaySocketFactory().createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
      assertThat(socket.getKeepAlive()).isTrue();
    }
  }
}
