package io.hastorage.operator.plan.scst;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Changes SCST device attributes of a running LUN live, and records them in the LU primitive's
 * {@value #PARAMETER}, without Pacemaker restarting the LU, the target or anything ordered after
 * them.
 *
 * <p>Why not simply update the parameter: Pacemaker compares a digest of each resource's parameters
 * with the digest recorded when the resource was started; on a mismatch it restarts the resource
 * (the SCST LUN agents have no reload), and with it every later member of the group (the VIPs and
 * portblocks): measured with Pacemaker 2.1.5's {@code crm_simulate} ("Restart ... due to resource
 * definition change", "Restart hastorage-ip-... due to required ... start"). The digest only stops
 * mismatching once Pacemaker records a new operation run with the new parameters; a probe is such
 * an operation, and does not disturb the running LUN.
 *
 * <p>The algorithm, each step one command on the node running the LU; the executor stops at the
 * first failure:
 *
 * <ol>
 *   <li>{@code scstadmin -set_dev_attr DEV -attributes k=v,...}: the live change, first, so that a
 *       refused attribute (read-only in SCST, bad value) fails before anything in the CIB changed;
 *   <li>{@code cibadmin --modify}: add the meta attribute set {@code <lu>-live-change} with {@code
 *       is-managed=false}. Pacemaker stops acting on the LU (no restart, no recovery); its
 *       recurring monitor keeps running. A set of its own, so the last step can remove it and leave
 *       the primitive exactly as the operator renders it ({@code crm_resource --delete-parameter}
 *       leaves an empty meta_attributes element behind, measured); its presence also marks a change
 *       in progress, which {@link #finish} completes;
 *   <li>{@code crm_resource --set-parameter additional_parameters}: the persistent value, changed
 *       in place (same nvpair id). With the LU unmanaged the scheduler plans no restart, only a new
 *       recurring monitor (measured);
 *   <li>{@code crm_resource --refresh --resource LU --node NODE --force}: Pacemaker deletes the
 *       LU's history on that node and probes it. The probe finds the LU running and is recorded
 *       with the digest of the new parameters. {@code --force} keeps the refresh to the LU: without
 *       it, a refresh of a group member refreshes the whole group (measured: target, LU and VIP).
 *       While the probe is pending the scheduler plans to stop the later group members once the
 *       probe completes (the LU's state is unknown and it may not be started while unmanaged); the
 *       probe's "running" is not the expected result, which aborts that transition before the stop
 *       is started (measured with crm_simulate: the VIP's stop is ordered after the probe and is
 *       never executed);
 *   <li>{@code crm_resource --wait}: until the cluster has settled, i.e. the probe is recorded;
 *   <li>{@code cibadmin --query --xpath}: fails unless the LU's latest operation on the node is a
 *       probe that found it running. If the probe found it stopped, managing it again would start
 *       it; the plan stops here instead, with the LU still unmanaged, for a person to look at;
 *   <li>{@code cibadmin --delete} of the {@code <lu>-live-change} set: managed again. The recorded
 *       digest matches the definition, so nothing is scheduled (measured).
 * </ol>
 *
 * Not done: removing an attribute. SCST has no "unset"; dropping it from {@value #PARAMETER} only
 * acts at the LU's next start, so this planner refuses it and leaves it to a planned switchover.
 */
public final class DeviceAttributeChange {

  /** The LU agent parameter that carries SCST device attributes, space-separated k=v. */
  public static final String PARAMETER = "additional_parameters";

  /** How long the cluster may take to probe and settle. */
  static final Duration SETTLE = Duration.ofSeconds(120);

  public static final String INVALID = "InvalidDeviceAttribute";
  public static final String REMOVAL = "DeviceAttributeRemovalNeedsRestart";

  private static final Pattern CIB_ID = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*$");
  private static final Pattern NODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]*$");
  private static final Pattern DEVICE = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]*$");
  private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]*$");
  private static final Pattern VALUE = Pattern.compile("^[A-Za-z0-9_.:/+-]+$");

  /**
   * The planner's answer.
   *
   * @param decision allowed, or a refusal with reason and message
   * @param steps the commands in order; empty when refused or when nothing changed
   */
  public record Result(Decision decision, List<Step> steps) {
    public Result {
      Objects.requireNonNull(decision, "decision");
      steps = List.copyOf(steps);
    }
  }

  private DeviceAttributeChange() {}

  /**
   * Plans the change of one LU's device attributes.
   *
   * @param lu the LU primitive's id
   * @param node the node the LU runs on
   * @param device the SCST device name (the agent's device_name)
   * @param before the attributes the CIB holds now, in order
   * @param after the wanted attributes, in the order {@value #PARAMETER} should list them
   */
  public static Result plan(
      String lu,
      String node,
      String device,
      Map<String, String> before,
      Map<String, String> after) {
    requireMatch(CIB_ID, lu, "LU primitive id");
    requireMatch(NODE, node, "node name");
    requireMatch(DEVICE, device, "SCST device name");
    for (Map.Entry<String, String> e : after.entrySet()) {
      if (!KEY.matcher(e.getKey()).matches() || !VALUE.matcher(e.getValue()).matches()) {
        return refuse(
            INVALID,
            "LU "
                + lu
                + ": attribute "
                + e.getKey()
                + " cannot be passed to scstadmin and "
                + PARAMETER
                + " (names are lower-case words, values have no spaces, commas or quotes)");
      }
    }
    List<String> removed = before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
    if (!removed.isEmpty()) {
      return refuse(
          REMOVAL,
          "LU "
              + lu
              + ": SCST cannot unset "
              + removed
              + " on a running device; removing it takes effect only when the LU restarts");
    }
    Map<String, String> changed = new LinkedHashMap<>();
    after.forEach(
        (k, v) -> {
          if (!v.equals(before.get(k))) {
            changed.put(k, v);
          }
        });
    if (changed.isEmpty()) {
      return new Result(Decision.allow(), List.of());
    }
    List<Step> steps = new ArrayList<>();
    steps.add(
        step(
            node,
            "set " + changed.keySet() + " live on SCST device " + device,
            Command.of(
                "scstadmin",
                "-noprompt",
                "-set_dev_attr",
                device,
                "-attributes",
                scstadminList(changed))));
    steps.add(step(node, "stop Pacemaker acting on " + lu + " (is-managed=false)", unmanage(lu)));
    steps.add(
        step(
            node,
            "record " + PARAMETER + " of " + lu + " in the CIB",
            Command.of(
                "crm_resource",
                "--resource",
                lu,
                "--set-parameter",
                PARAMETER,
                "--parameter-value",
                additionalParameters(after))));
    steps.addAll(finish(lu, node));
    return new Result(Decision.allow(), steps);
  }

  /**
   * Steps 4 to 7: re-probe, wait, check and manage again. Also what completes a change that stopped
   * half-way, when {@link #liveChangeSetId} is still on the primitive.
   */
  public static List<Step> finish(String lu, String node) {
    requireMatch(CIB_ID, lu, "LU primitive id");
    requireMatch(NODE, node, "node name");
    return List.of(
        step(
            node,
            "re-probe " + lu + " on " + node + " so its recorded digest is the new one",
            Command.of("crm_resource", "--refresh", "--resource", lu, "--node", node, "--force")),
        step(
            node,
            "wait for the cluster to settle",
            Command.of("crm_resource", "--wait", "--timeout=" + SETTLE.toSeconds() + "s")
                .withTimeout(SETTLE.plusSeconds(30))),
        step(
            node,
            "check the probe found " + lu + " running on " + node,
            Command.of("cibadmin", "--query", "--xpath", probedRunning(lu, node))),
        step(
            node,
            "let Pacemaker manage " + lu + " again",
            Command.of("cibadmin", "--delete", "--xml-pipe")
                .withStdin(
                    SensitiveBytes.plain(
                        "<meta_attributes id=\"" + liveChangeSetId(lu) + "\"/>"))));
  }

  /** The meta attribute set that holds is-managed=false while a change is in progress. */
  public static String liveChangeSetId(String lu) {
    return lu + "-live-change";
  }

  /**
   * The agent parameter's value: "k=v;k2=v2", in map order. The scst-ocf SCSTLun agent tests the
   * value unquoted ({@code [ ! ${OCF_RESKEY_additional_parameters} == "" ]}): with a space in it
   * that test fails ("too many arguments") and the agent silently adds the device without any of
   * them, so SCST runs its defaults (write_through=0: the target's page cache holds acknowledged
   * writes, which a crash of the target node loses; the kernel lab lost an OCFS2 file that way).
   * Joined by ';', the value is one word, and the agent's own add_device line (spaces turned into
   * ';') passes it through as it is.
   */
  public static String additionalParameters(Map<String, String> attributes) {
    return attributes.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";"));
  }

  /**
   * The attributes SCST really applied from an {@value #PARAMETER} value: none when the value has a
   * space between two of them, which the SCSTLun agent drops whole (see {@link
   * #additionalParameters}), as the seed's own {@code nv_cache=1 write_through=0 ...} was.
   */
  public static Map<String, String> applied(String additionalParameters) {
    return additionalParameters.strip().matches(".*\\s.*")
        ? new LinkedHashMap<>()
        : parse(additionalParameters);
  }

  /** Parses an {@value #PARAMETER} value back into an ordered map (';' or space separated). */
  public static Map<String, String> parse(String additionalParameters) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : additionalParameters.strip().split("[;\\s]+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }

  /** XPath of a probe (monitor, interval 0) that returned 0 (running) for the LU on the node. */
  static String probedRunning(String lu, String node) {
    return "//node_state[@uname='"
        + node
        + "']//lrm_resource[@id='"
        + lu
        + "']"
        + "/lrm_rsc_op[@id='"
        + lu
        + "_last_0'][@operation='monitor'][@interval='0']"
        + "[@rc-code='0']";
  }

  private static Command unmanage(String lu) {
    String set = liveChangeSetId(lu);
    String xml =
        ("<primitive id=\"%s\"><meta_attributes id=\"%s\">"
                + "<nvpair id=\"%s-is-managed\" name=\"is-managed\" value=\"false\"/>"
                + "</meta_attributes></primitive>")
            .formatted(lu, set, set);
    return Command.of("cibadmin", "--modify", "--scope", "resources", "--xml-pipe")
        .withStdin(SensitiveBytes.plain(xml));
  }

  private static String scstadminList(Map<String, String> changed) {
    return changed.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static Step step(String node, String description, Command command) {
    return Step.of(node, description, new Action.RunCommand(command));
  }

  private static Result refuse(String reason, String message) {
    return new Result(Decision.refuse(reason, message), List.of());
  }

  private static void requireMatch(Pattern pattern, String value, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException("not a safe " + what + ": " + value);
    }
  }
}
