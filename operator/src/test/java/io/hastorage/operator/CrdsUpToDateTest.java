package io.hastorage.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs in crds/ are generated from the api package at build time; this fails when the committed
 * copy is stale. Refresh with: HASTORAGE_UPDATE_CRDS=1 mvn -pl operator test
 * -Dtest=CrdsUpToDateTest
 */
class CrdsUpToDateTest {

  private final Path generated =
      Path.of(System.getProperty("hastorage.generatedCrds", "target/crds"));
  private final Path committed = Path.of(System.getProperty("hastorage.committedCrds", "../crds"));

  @Test
  void committedCrdsMatchTheGeneratedOnes() throws IOException {
    List<Path> files = generatedFiles();
    assertThat(files).hasSize(4);
    if ("1".equals(System.getenv("HASTORAGE_UPDATE_CRDS"))) {
      Files.createDirectories(committed);
      for (Path file : files) {
        Files.copy(
            file, committed.resolve(committedName(file)), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (Path file : files) {
      Path copy = committed.resolve(committedName(file));
      assertThat(copy)
          .as("committed CRD for %s (refresh: HASTORAGE_UPDATE_CRDS=1)", file.getFileName())
          .exists();
      assertThat(Files.readString(copy))
          .as(
              "crds/%s is stale: run HASTORAGE_UPDATE_CRDS=1 mvn -pl operator test -Dtest=CrdsUpToDateTest",
              copy.getFileName())
          .isEqualTo(Files.readString(file));
    }
    try (Stream<Path> extra = Files.list(committed)) {
      assertThat(extra.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              files.stream().map(CrdsUpToDateTest::committedName).toList());
    }
  }

  private List<Path> generatedFiles() throws IOException {
    try (Stream<Path> list = Files.list(generated)) {
      return list.filter(p -> p.toString().endsWith("-v1.yml")).sorted().toList();
    }
  }

  /** storageclusters.hastorage.io-v1.yml becomes storageclusters.hastorage.io.yaml. */
  private static String committedName(Path generatedFile) {
    return generatedFile.getFileName().toString().replace("-v1.yml", ".yaml");
  }
}
