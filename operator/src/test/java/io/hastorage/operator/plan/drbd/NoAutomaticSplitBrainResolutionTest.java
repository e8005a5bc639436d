package io.hastorage.operator.plan.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's code never holds the words that resolve a split brain or overwrite a peer: not as
 * an argv element, not in a rendered file, not in a helper a later change could call. The manual
 * procedure (docs/drbd-split-brain.md) is the only place they appear.
 */
class NoAutomaticSplitBrainResolutionTest {

  /** The after-sb-* policies are checked on the rendered file (DrbdResourceRendererTest). */
  private static final List<String> FORBIDDEN =
      List.of("discard-my-data", "overwrite-data-of-peer");

  @Test
  void noSourceFileOfTheOperatorNamesADataDiscardingDrbdOption() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    try (Stream<Path> files = Files.walk(sources)) {
      List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(java).hasSizeGreaterThan(100);
      for (Path file : java) {
        String text = Files.readString(file);
        for (String word : FORBIDDEN) {
          assertThat(text).as("%s must not contain %s", file, word).doesNotContain(word);
        }
      }
    }
  }
}
