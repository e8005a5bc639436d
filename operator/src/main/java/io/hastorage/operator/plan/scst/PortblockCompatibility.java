package io.hastorage.operator.plan.scst;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which portblock agent a node can trust to unblock clients, decided from what a probe read: the
 * resource-agents package version, {@code iptables -V}, and (optionally) the node's own {@code
 * iptables -n -L INPUT} listing. Pure; the probe only reads.
 *
 * <p>The requirement is that no client is left blocked after a failover. The stock {@code
 * ocf:heartbeat:portblock} of resource-agents 4.12 fails it wherever {@code iptables -n -L} prints
 * the protocol as a number (see {@link PortblockWrapperAgent}). Decision chain, first match wins:
 *
 * <ol>
 *   <li>no resource-agents version: the agent is missing, portblock cannot run ({@value
 *       #AGENT_MISSING});
 *   <li>no {@code iptables -V}: the agent has nothing to block with ({@value #IPTABLES_MISSING});
 *   <li>the listing shows a tcp/udp rule: its protocol column is the evidence, numbers or names;
 *   <li>otherwise the version: iptables 1.8.9 prints numbers (netfilter bug 1729, fixed in 1.8.10);
 *   <li>numbers: render {@code ocf:hastorage:portblock} and write its file ({@value #WORKAROUND});
 *       names: the stock agent ({@value #STOCK}).
 * </ol>
 *
 * Rejected alternatives, each measured on Debian 12: switching to {@code iptables-legacy} (1.8.9
 * legacy prints {@code 6} too, and it would hide the node's nft rules); {@code iptables -L} without
 * {@code -n} (names the protocol but also turns 0.0.0.0/0 into "anywhere" and 3260 into
 * "iscsi-target", and the agent's {@code -n} is fixed anyway); the parameter {@code protocol=6}
 * (start/stop work, but {@code validate-all} fails with OCF_ERR_CONFIGURED and a later iptables
 * that prints names silently brings the bug back). The resource-agents version is not used to
 * decide the fix is present: distributions backport the upstream grep fix (PR #1924) under old
 * version numbers, and the wrapper is harmless where the agent already copes.
 */
public final class PortblockCompatibility {

  public static final String STOCK = "PortblockStockAgent";
  public static final String WORKAROUND = "PortblockNumericProtocolWorkaround";
  public static final String AGENT_MISSING = "PortblockAgentMissing";
  public static final String IPTABLES_MISSING = "PortblockIptablesMissing";

  /** The iptables release whose {@code -n -L} prints protocol numbers. */
  static final String NUMERIC_IPTABLES = "1.8.9";

  private static final Pattern IPTABLES_VERSION = Pattern.compile("\\bv?(\\d+\\.\\d+\\.\\d+)");

  /** A rule line of {@code iptables -n -L}: target, then the protocol column. */
  private static final Pattern RULE_PROTOCOL =
      Pattern.compile("(?m)^[A-Z][A-Za-z0-9_-]*\\s+(tcp|udp|6|17)\\s+--\\s");

  /**
   * What a node gives the portblock agent.
   *
   * @param usable whether portblock can run at all (condition status)
   * @param provider the OCF provider for portblock primitives: heartbeat or hastorage
   * @param wrapperNeeded whether {@link PortblockWrapperAgent} must be on the node
   * @param reason CamelCase condition reason
   * @param message what was found, for the condition
   */
  public record Assessment(
      boolean usable, String provider, boolean wrapperNeeded, String reason, String message) {

    public Assessment {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    /** The agent type primitives name; the same for both providers. */
    public String type() {
      return "portblock";
    }
  }

  /** How {@code iptables -n -L} showed a rule's protocol. */
  enum ListingForm {
    NUMBERS,
    NAMES,
    INCONCLUSIVE
  }

  private PortblockCompatibility() {}

  /**
   * Decides for one node.
   *
   * @param node the node's name, for the message
   * @param resourceAgentsVersion the installed resource-agents package version, e.g. "1:4.12.0-2"
   * @param iptablesVersion the output of {@code iptables -V}, e.g. "iptables v1.8.9 (nf_tables)"
   * @param inputListing the output of {@code iptables -n -L INPUT}, when the probe read it
   */
  public static Assessment assess(
      String node,
      Optional<String> resourceAgentsVersion,
      Optional<String> iptablesVersion,
      Optional<String> inputListing) {
    if (resourceAgentsVersion.filter(v -> !v.isBlank()).isEmpty()) {
      return new Assessment(
          false,
          "heartbeat",
          false,
          AGENT_MISSING,
          "node "
              + node
              + ": resource-agents is not installed, so ocf:heartbeat:portblock is"
              + " missing");
    }
    Optional<String> iptables = iptablesVersion.flatMap(PortblockCompatibility::version);
    if (iptables.isEmpty()) {
      return new Assessment(
          false,
          "heartbeat",
          false,
          IPTABLES_MISSING,
          "node " + node + ": iptables -V gave no version; portblock has nothing to block with");
    }
    ListingForm form =
        inputListing.map(PortblockCompatibility::listingForm).orElse(ListingForm.INCONCLUSIVE);
    boolean numbers =
        form == ListingForm.INCONCLUSIVE
            ? NUMERIC_IPTABLES.equals(iptables.get())
            : form == ListingForm.NUMBERS;
    String found =
        "node "
            + node
            + ": resource-agents "
            + resourceAgentsVersion.get().strip()
            + ", iptables "
            + iptables.get()
            + (form == ListingForm.INCONCLUSIVE
                ? ""
                : ", iptables -n -L shows protocol " + (numbers ? "numbers" : "names"));
    if (!numbers) {
      return new Assessment(true, "heartbeat", false, STOCK, found);
    }
    return new Assessment(
        true,
        "hastorage",
        true,
        WORKAROUND,
        found
            + "; ocf:heartbeat:portblock would never remove its DROP rule there (clients stay"
            + " blocked after a failover), so portblock runs as ocf:hastorage:portblock");
  }

  /** The write step for the wrapper agent, when it is needed and the node's copy differs. */
  public static Optional<Step> wrapperStep(Assessment assessment, NodeFacts facts) {
    if (!assessment.wrapperNeeded()) {
      return Optional.empty();
    }
    return ManagedFiles.writeIfChanged(
        facts,
        PortblockWrapperAgent.PATH,
        PortblockWrapperAgent.script(),
        PortblockWrapperAgent.MODE,
        "install ocf:hastorage:portblock (portblock that finds its rules with iptables 1.8.9)");
  }

  /**
   * The DROP rules {@code portblock} inserts for {@code ip} and {@code port} in the INPUT chain, as
   * {@code iptables -S INPUT} prints them. On the node that runs the unblock resource this must be
   * empty; anything else is a client-blocking leftover to report.
   */
  public static List<String> dropRules(String iptablesS, String ip, int port) {
    String address = ip.contains("/") ? ip : ip + "/32";
    String rule = "-A INPUT -d " + address + " -p tcp -m multiport --dports " + port + " -j DROP";
    return iptablesS.lines().map(String::strip).filter(rule::equals).toList();
  }

  /** "1.8.9" from "iptables v1.8.9 (nf_tables)"; empty if there is no version. */
  static Optional<String> version(String iptablesV) {
    Matcher m = IPTABLES_VERSION.matcher(iptablesV);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Numbers or names, from the first tcp/udp rule of a listing; inconclusive without one. */
  static ListingForm listingForm(String listing) {
    Matcher m = RULE_PROTOCOL.matcher(listing);
    if (!m.find()) {
      return ListingForm.INCONCLUSIVE;
    }
    return List.of("6", "17").contains(m.group(1)) ? ListingForm.NUMBERS : ListingForm.NAMES;
  }
}
