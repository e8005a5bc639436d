package io.hastorage.operator.plan.scst;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.testing.RealPrerequisites;
import io.hastorage.operator.testing.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the node's real {@code ocf:heartbeat:portblock} and the rendered {@code
 * ocf:hastorage:portblock} in a throwaway network namespace (its own, empty iptables), the way
 * pacemaker-execd runs them: OCF_ROOT, OCF_RESOURCE_INSTANCE and OCF_RESKEY_* in the environment,
 * the action as the only argument. What remains is read with {@code iptables -S INPUT}.
 *
 * <p>Needs root, {@code ip}, {@code iptables} and resource-agents; skipped otherwise, but failed
 * under CI=true or HASTORAGE_REQUIRE_REAL_TOOLS=1 ({@link RealPrerequisites}). The captured
 * transcript of the same sequence is in {@code captured/portblock/} ({@code capture.sh} regenerates
 * it).
 */
class PortblockNetnsTest {

  private static final String STOCK = "/usr/lib/ocf/resource.d/heartbeat/portblock";
  private static final String VIP = "10.20.1.180";
  private static final int PORT = 3260;
  private static final int OCF_NOT_RUNNING = 7;

  @TempDir Path dir;
  private String ns;
  private Path wrapper;

  @BeforeEach
  void namespace() throws Exception {
    requireRootAndTools();
    ns = "hastorage-pb-" + UUID.randomUUID().toString().substring(0, 8);
    ok(List.of("ip", "netns", "add", ns));
    Files.createDirectories(dir.resolve("rsctmp"));
    wrapper = dir.resolve("resource.d/hastorage/portblock");
    Files.createDirectories(wrapper.getParent());
    Files.writeString(wrapper, PortblockWrapperAgent.script());
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    if (ns != null) {
      ok(List.of("ip", "netns", "del", ns));
    }
  }

  @Test
  void theAssessmentOfThisNodePredictsWhetherTheStockUnblockLeavesItsDropRule() throws Exception {
    PortblockCompatibility.Assessment assessment = assessThisNode();

    agent(STOCK, "p_block", "block", "start");
    agent(STOCK, "p_unblock", "unblock", "start");

    assertThat(dropRules())
        .as("DROP rules after unblock start; " + assessment.message())
        .hasSize(assessment.wrapperNeeded() ? 1 : 0);
  }

  @Test
  void theWrapperUnblocksOnStartAndBlocksOnceOnStopAcrossAFailoverCycle() throws Exception {
    agent(wrapper.toString(), "p_block", "block", "start");
    assertThat(dropRules()).as("block start").hasSize(1);

    agent(wrapper.toString(), "p_unblock", "unblock", "start");
    assertThat(dropRules()).as("unblock start: clients reach the target").isEmpty();
    assertThat(agent(wrapper.toString(), "p_unblock", "unblock", "monitor").exitCode()).isZero();

    agent(wrapper.toString(), "p_unblock", "unblock", "stop");
    assertThat(dropRules()).as("unblock stop: the leaving node blocks again, once").hasSize(1);

    agent(wrapper.toString(), "p_block", "block", "stop");
    assertThat(dropRules()).as("block stop: nothing left behind").isEmpty();
  }

  @Test
  void withTheWrapperAStrayDropRuleFailsTheUnblockMonitorSoPacemakerRecovers() throws Exception {
    agent(wrapper.toString(), "p_unblock", "unblock", "start");
    ok(
        inNs(
            "iptables",
            "-I",
            "INPUT",
            "-p",
            "tcp",
            "-d",
            VIP,
            "-m",
            "multiport",
            "--dports",
            "" + PORT,
            "-j",
            "DROP"));

    RealTools.Result monitor = agent(wrapper.toString(), "p_unblock", "unblock", "monitor");

    assertThat(monitor.exitCode()).as(monitor.output()).isEqualTo(OCF_NOT_RUNNING);
  }

  @Test
  void theWrapperKeepsTheStockAgentsMetaDataAndValidation() throws Exception {
    RealTools.Result metaData = agent(wrapper.toString(), "p_unblock", "unblock", "meta-data");
    RealTools.Result validate = agent(wrapper.toString(), "p_unblock", "unblock", "validate-all");

    assertThat(metaData.exitCode()).isZero();
    assertThat(metaData.output()).contains("<resource-agent name=\"portblock\"");
    assertThat(validate.exitCode()).as(validate.output()).isZero();
  }

  @Test
  void theListingFormTheAssessmentReadsIsTheOneThisIptablesPrints() throws Exception {
    ok(
        inNs(
            "iptables",
            "-I",
            "INPUT",
            "-p",
            "tcp",
            "-d",
            VIP,
            "-m",
            "multiport",
            "--dports",
            "" + PORT,
            "-j",
            "DROP"));
    String listing = ok(inNs("iptables", "-n", "-L", "INPUT")).output();
    String version = ok(List.of("iptables", "-V")).output();

    PortblockCompatibility.ListingForm expected =
        version.contains("v" + PortblockCompatibility.NUMERIC_IPTABLES + " ")
            ? PortblockCompatibility.ListingForm.NUMBERS
            : PortblockCompatibility.ListingForm.NAMES;
    assertThat(PortblockCompatibility.listingForm(listing)).as(listing).isEqualTo(expected);
  }

  private PortblockCompatibility.Assessment assessThisNode() throws Exception {
    String ra =
        ok(List.of("dpkg-query", "-W", "-f=${Version}", "resource-agents")).output().strip();
    String iptables = ok(List.of("iptables", "-V")).output();
    return PortblockCompatibility.assess(
        "this-host", Optional.of(ra), Optional.of(iptables), Optional.empty());
  }

  /** Runs one agent action as pacemaker-execd would, inside the namespace. */
  private RealTools.Result agent(String agent, String instance, String action, String op)
      throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "env"));
    argv.addAll(
        List.of(
            "OCF_ROOT=/usr/lib/ocf",
            "HA_RSCTMP=" + dir.resolve("rsctmp"),
            "OCF_RESOURCE_INSTANCE=" + instance,
            "OCF_RESKEY_ip=" + VIP,
            "OCF_RESKEY_portno=" + PORT,
            "OCF_RESKEY_protocol=tcp",
            "OCF_RESKEY_action=" + action,
            agent,
            op));
    return RealTools.run(dir, argv);
  }

  private List<String> dropRules() throws Exception {
    String rules = ok(inNs("iptables", "-S", "INPUT")).output();
    return PortblockCompatibility.dropRules(rules, VIP, PORT);
  }

  private List<String> inNs(String... command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(command));
    return argv;
  }

  private RealTools.Result ok(List<String> argv) throws Exception {
    RealTools.Result result = RealTools.run(dir, argv);
    assertThat(result.exitCode()).as(argv + ": " + result.output()).isZero();
    return result;
  }

  /** Root, the tools and the stock agent, through {@link RealPrerequisites}. */
  private static void requireRootAndTools() {
    RealPrerequisites.require(
        "the portblock namespace test",
        RealPrerequisites.missingTools("ip", "iptables", "dpkg-query", "sed")
            .or(
                () ->
                    Files.isExecutable(Path.of(STOCK))
                        ? Optional.empty()
                        : Optional.of(STOCK + " not installed (resource-agents)"))
            .or(() -> RealPrerequisites.root("a network namespace with its own iptables")));
  }
}
