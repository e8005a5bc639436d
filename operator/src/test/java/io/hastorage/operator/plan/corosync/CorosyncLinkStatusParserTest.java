package io.hastorage.operator.plan.corosync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.plan.corosync.CorosyncLinkStatusParser.LocalNode;
import io.hastorage.operator.testing.Captured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorosyncLinkStatusParserTest {

  private static final String CONNECTED = "lab-pacemaker-2.1.5/corosync-cfgtool-s.txt";
  private static final String PEER_DOWN = "lab-pacemaker-2.1.5/corosync-cfgtool-s-peer-down.txt";

  @Test
  void bothNodesConnectedOnTheLabsSingleLink() {
    List<LinkStatus> links = CorosyncLinkStatusParser.parse(Captured.read(CONNECTED));

    assertThat(links)
        .containsExactly(new LinkStatus(0, "10.99.0.11", Map.of(1, "localhost", 2, "connected")));
    assertThat(LinkStatus.allPeersConnected(links)).isTrue();
  }

  @Test
  void aCrashedPeerIsDisconnected() {
    List<LinkStatus> links = CorosyncLinkStatusParser.parse(Captured.read(PEER_DOWN));

    assertThat(links).hasSize(1);
    assertThat(links.get(0).peers()).containsEntry(2, LinkStatus.DISCONNECTED);
    assertThat(links.get(0).allPeersConnected()).isFalse();
    assertThat(LinkStatus.allPeersConnected(links)).isFalse();
  }

  @Test
  void theLocalNodeLine() {
    assertThat(CorosyncLinkStatusParser.localNode(Captured.read(CONNECTED)))
        .contains(new LocalNode(1, "knet"));
  }

  /** The seed's two rings under Corosync 3, laid out as cfgtool prints a second link. */
  @Test
  void twoLinksWithOneDownAreNotAllConnected() {
    String output =
        Captured.read(CONNECTED)
            + "LINK ID 1 udp\n"
            + "\taddr\t= 192.168.0.178\n"
            + "\tstatus:\n"
            + "\t\tnodeid:          1:\tlocalhost\n"
            + "\t\tnodeid:          2:\tdisconnected\n";

    List<LinkStatus> links = CorosyncLinkStatusParser.parse(output);

    assertThat(links).extracting(LinkStatus::linkId).containsExactly(0, 1);
    assertThat(links)
        .extracting(LinkStatus::localAddress)
        .containsExactly("10.99.0.11", "192.168.0.178");
    assertThat(links.get(0).allPeersConnected()).isTrue();
    assertThat(links.get(1).allPeersConnected()).isFalse();
    assertThat(LinkStatus.allPeersConnected(links)).isFalse();
  }

  @Test
  void peersKeepTheToolsOrder() {
    List<LinkStatus> links = CorosyncLinkStatusParser.parse(Captured.read(CONNECTED));

    assertThat(links.get(0).peers().keySet()).containsExactly(1, 2);
  }

  @Test
  void aToolErrorParsesToNoLinksWhichIsNotHealthy() {
    String error = "Could not initialize corosync configuration API error CS_ERR_LIBRARY\n";

    assertThat(CorosyncLinkStatusParser.parse(error)).isEmpty();
    assertThat(CorosyncLinkStatusParser.localNode(error)).isEmpty();
    assertThat(LinkStatus.allPeersConnected(List.of())).isFalse();
  }

  @Test
  void aLinkWithoutNodeLinesIsNotHealthy() {
    List<LinkStatus> links =
        CorosyncLinkStatusParser.parse("LINK ID 0 udp\n\taddr\t= 10.0.0.1\n\tstatus:\n");

    assertThat(links).containsExactly(new LinkStatus(0, "10.0.0.1", Map.of()));
    assertThat(LinkStatus.allPeersConnected(links)).isFalse();
  }

  @Test
  void windowsLineEndingsAndALinkWithoutTransportWordStillParse() {
    String output =
        "Local node ID 2, transport knet\r\nLINK ID 0\r\n\taddr\t= 10.0.0.2\r\n"
            + "\tstatus:\r\n\t\tnodeid:          1:\tconnected\r\n\t\tnodeid:          2:\tlocalhost\r\n";

    assertThat(CorosyncLinkStatusParser.parse(output))
        .containsExactly(new LinkStatus(0, "10.0.0.2", Map.of(1, "connected", 2, "localhost")));
    assertThat(CorosyncLinkStatusParser.localNode(output)).contains(new LocalNode(2, "knet"));
  }

  /** The kernel lab's two real knet links (storage network first), seen from both nodes. */
  @Test
  void theKernelLabsTwoLinksFromBothNodes() {
    String ta = Captured.read("kernel-lab/harness/ta-corosync-cfgtool-s.txt");
    String tb = Captured.read("kernel-lab/harness/tb-corosync-cfgtool-s.txt");

    assertThat(CorosyncLinkStatusParser.parse(ta))
        .containsExactly(
            new LinkStatus(0, "10.98.1.11", Map.of(1, "localhost", 2, "connected")),
            new LinkStatus(1, "10.98.0.11", Map.of(1, "localhost", 2, "connected")));
    assertThat(CorosyncLinkStatusParser.parse(tb))
        .containsExactly(
            new LinkStatus(0, "10.98.1.12", Map.of(1, "connected", 2, "localhost")),
            new LinkStatus(1, "10.98.0.12", Map.of(1, "connected", 2, "localhost")));
    assertThat(LinkStatus.allPeersConnected(CorosyncLinkStatusParser.parse(tb))).isTrue();
    assertThat(CorosyncLinkStatusParser.localNode(ta)).contains(new LocalNode(1, "knet"));
    assertThat(CorosyncLinkStatusParser.localNode(tb)).contains(new LocalNode(2, "knet"));
  }
}
