package io.hastorage.operator.plan.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.testing.FactsBuilder;
import org.junit.jupiter.api.Test;

class DrbdSyntaxTest {

  @Test
  void aLoaded84ModuleGives84() {
    var facts = new FactsBuilder("t1").version(Tool.DRBD_KERNEL, "8.4.7-1").build();

    assertThat(DrbdSyntax.forNode(facts)).contains(DrbdSyntax.V84);
  }

  @Test
  void aLoaded9ModuleGives9() {
    var facts = new FactsBuilder("t1").version(Tool.DRBD_KERNEL, "9.2.12").build();

    assertThat(DrbdSyntax.forNode(facts)).contains(DrbdSyntax.V9);
  }

  @Test
  void utils9WithAn84ModuleGives84() {
    var facts =
        new FactsBuilder("t1")
            .version(Tool.DRBD_UTILS, "9.22.0")
            .version(Tool.DRBD_KERNEL, "8.4.11")
            .build();

    assertThat(DrbdSyntax.forNode(facts)).contains(DrbdSyntax.V84);
  }

  @Test
  void withoutALoadedModuleTheUtilsVersionDoesNotDecide() {
    var facts = new FactsBuilder("t1").version(Tool.DRBD_UTILS, "9.22.0").build();

    assertThat(DrbdSyntax.forNode(facts)).isEmpty();
  }

  @Test
  void nothingKnownGivesEmpty() {
    assertThat(DrbdSyntax.forNode(new FactsBuilder("t1").build())).isEmpty();
  }

  @Test
  void unsupportedOrOddVersionsGiveEmpty() {
    assertThat(DrbdSyntax.forKernelVersion("8.3.16")).isEmpty();
    assertThat(DrbdSyntax.forKernelVersion("8.40.1")).isEmpty();
    assertThat(DrbdSyntax.forKernelVersion("90.1")).isEmpty();
    assertThat(DrbdSyntax.forKernelVersion("")).isEmpty();
    assertThat(DrbdSyntax.forKernelVersion("9.0.32-1")).contains(DrbdSyntax.V9);
  }
}
