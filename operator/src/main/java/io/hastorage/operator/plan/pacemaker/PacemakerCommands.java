package io.hastorage.operator.plan.pacemaker;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.SensitiveBytes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Pacemaker command lines the operator runs, in one place. CIB XML always travels on stdin
 * ({@code --xml-pipe}), never in argv, because a fence device's XML holds its password and argv is
 * visible to every user of the node in {@code ps}.
 *
 * <p>Every form was checked with Pacemaker 2.1.5's {@code cibadmin} against a file CIB ({@code
 * CIB_file}): {@code --replace --xpath} swaps exactly the matched element, dropping children the
 * new XML lacks, and {@code --delete} of {@code <TAG id="ID"/>} removes only the element with that
 * tag and id.
 */
public final class PacemakerCommands {

  private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*$");

  private PacemakerCommands() {}

  /** Probe: the whole CIB, configuration and status. */
  public static Command queryCib() {
    return Command.of("cibadmin", "--query");
  }

  /** Probe: quorum, DC, node states and cluster options. */
  public static Command clusterStatus() {
    return Command.of("crm_mon", "--one-shot", "--output-as=xml");
  }

  /** Sets one cib-bootstrap-options property; property values are never secret. */
  public static Command setProperty(String name, String value) {
    return Command.of("crm_attribute", "--type", "crm_config", "--name", name, "--update", value);
  }

  /**
   * The command for one CIB change.
   *
   * @param secret whether the element's XML holds a secret, so stdin is marked and never shown
   */
  public static Command apply(CibChange change, boolean secret) {
    CibElement element = change.element();
    requireSafe(element.id());
    requireSafe(change.currentTag());
    return switch (change.kind()) {
      case CREATE ->
          withXml(
              List.of("cibadmin", "--create", "--scope", element.scope(), "--xml-pipe"),
              element.xml(),
              secret);
      case REPLACE ->
          withXml(
              List.of(
                  "cibadmin",
                  "--replace",
                  "--xpath",
                  "//" + change.currentTag() + "[@id='" + element.id() + "']",
                  "--xml-pipe"),
              element.xml(),
              secret);
      case DELETE ->
          withXml(
              List.of("cibadmin", "--delete", "--xml-pipe"),
              "<" + change.currentTag() + " id=\"" + element.id() + "\"/>",
              false);
    };
  }

  private static Command withXml(List<String> argv, String xml, boolean secret) {
    return Command.of(argv)
        .withStdin(secret ? SensitiveBytes.secret(xml) : SensitiveBytes.plain(xml));
  }

  /** Ids and tags go into an XPath; CIB ids are XML NCNames, so anything else is refused. */
  private static void requireSafe(String name) {
    if (!SAFE_ID.matcher(name).matches()) {
      throw new IllegalArgumentException("not a CIB id or tag: " + name);
    }
  }
}
