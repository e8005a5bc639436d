package io.hastorage.operator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.common.Annotations;
import io.hastorage.operator.config.ConfigOption;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.status.ConditionTypes;
import io.hastorage.operator.status.Reasons;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reference pages in docs/reference say what the code does. crds.md is generated from crds/;
 * the others are written by hand and checked here against the constants they document. Refresh
 * crds.md with: HASTORAGE_UPDATE_DOCS=1 mvn -pl operator test -Dtest=DocsReferenceTest
 */
class DocsReferenceTest {

  private final Path crds = Path.of(System.getProperty("hastorage.committedCrds", "../crds"));
  private final Path reference = Path.of("../docs/reference");

  @Test
  void crdReferenceMatchesTheCrds() throws IOException {
    String generated = new CrdReference().render(crds);
    Path committed = reference.resolve("crds.md");
    if ("1".equals(System.getenv("HASTORAGE_UPDATE_DOCS"))) {
      Files.createDirectories(reference);
      Files.writeString(committed, generated);
    }
    assertThat(committed).as("docs/reference/crds.md (refresh: HASTORAGE_UPDATE_DOCS=1)").exists();
    assertThat(Files.readString(committed))
        .as(
            "docs/reference/crds.md is stale: run HASTORAGE_UPDATE_DOCS=1 mvn -pl operator test"
                + " -Dtest=DocsReferenceTest")
        .isEqualTo(generated);
  }

  @Test
  void crdReferenceListsEverySpecField() throws IOException {
    String text = new CrdReference().render(crds);
    assertThat(text)
        .contains("| `spec.nodes[].sshSecretRef.name` |")
        .contains("| `spec.deletionPolicy.mode` | string |  | `Retain` |")
        .contains("| `spec.luns[].attributes.threadsNum` |")
        .contains("| `spec.filesystem.heartbeatThreshold` |")
        .doesNotContain("**Not reconciled yet**");
  }

  @Test
  void everyConditionTypeAndReasonIsDocumented() throws IOException {
    String text = Files.readString(reference.resolve("conditions.md"));
    List<String> names = new ArrayList<>();
    names.addAll(stringConstants(ConditionTypes.class));
    names.addAll(stringConstants(Reasons.class));
    Stream.of(NodeAccessException.Failure.values()).forEach(f -> names.add(f.name()));
    names.add("NodeBusy");
    assertThat(names).hasSizeGreaterThan(40);
    assertThat(names.stream().filter(n -> !text.contains("`" + n + "`")).toList())
        .as("condition types and reasons missing from docs/reference/conditions.md")
        .isEmpty();
  }

  @Test
  void everySettingAndAnnotationIsDocumentedWithItsDefault() throws IOException {
    String text = Files.readString(reference.resolve("annotations-and-settings.md"));
    List<String> missing = new ArrayList<>();
    for (ConfigOption<?> option : OperatorConfig.ALL) {
      String shownDefault = option.defaultValue().isEmpty() ? "(empty)" : option.defaultValue();
      boolean listed =
          text.lines()
              .anyMatch(
                  l ->
                      l.startsWith("| `" + option.key() + "` |")
                          && l.contains("| `" + shownDefault + "` |"));
      if (!listed) {
        missing.add(option.key() + " (default " + shownDefault + ")");
      }
    }
    assertThat(missing).as("settings missing from annotations-and-settings.md").isEmpty();
    assertThat(text)
        .contains(
            "`" + Annotations.PAUSED + "`",
            "`" + Annotations.DRY_RUN + "`",
            "`" + Annotations.FORCE_DELETE + "`");
  }

  @Test
  void everyMetricIsDocumented() throws IOException {
    String text = Files.readString(reference.resolve("metrics.md"));
    Pattern name = Pattern.compile("\"((?:hastorage|drbd)_[a-z_]+)\"");
    TreeSet<String> metrics = new TreeSet<>();
    try (Stream<Path> sources =
        Files.list(Path.of("src/main/java/io/hastorage/operator/metrics"))) {
      for (Path source : sources.toList()) {
        Matcher m = name.matcher(Files.readString(source));
        while (m.find()) {
          metrics.add(m.group(1));
        }
      }
    }
    assertThat(metrics).contains("hastorage_ssh_commands", "drbd_resource_role");
    assertThat(metrics.stream().filter(n -> !text.contains("`" + n)).toList())
        .as("metrics missing from docs/reference/metrics.md")
        .isEmpty();
  }

  private static List<String> stringConstants(Class<?> type) throws IOException {
    List<String> values = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      int mod = field.getModifiers();
      if (Modifier.isPublic(mod)
          && Modifier.isStatic(mod)
          && Modifier.isFinal(mod)
          && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IOException(e);
        }
      }
    }
    return values;
  }
}
