package io.hastorage.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real rendered probe through this machine's /bin/sh and parses what it printed. */
class LocalShellProbeTest {

  @TempDir Path dir;

  @Test
  void theRenderedScriptRunsInARealShellAndParses() throws Exception {
    Path managed = dir.resolve("managed file's name; $(touch pwned)");
    Files.writeString(managed, "hello\n");
    ProbeRequest request =
        new ProbeRequest(Set.of("coreutils"), Set.of(), Set.of(managed.toString()));

    String stdout = runSh(ProbeScript.render(NodeProbe.items(request), "f00d"));
    ProbeOutput output = ProbeOutput.parse(stdout, "f00d");
    NodeFacts facts = FactsParser.parse("local", output);

    assertThat(output.sections().keySet())
        .containsAll(NodeProbe.items(request).stream().map(ProbeItem::name).toList());
    assertThat(facts.hostname()).isNotEmpty();
    assertThat(facts.fileHash(managed.toString()))
        .contains("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(Path.of("pwned")).doesNotExist();
  }

  private String runSh(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return stdout;
  }
}
