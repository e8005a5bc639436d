package io.hastorage.e2e.bench;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.FactsParser;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the operator's CPU cost of reading one steady-state round's answers, the part of a reconcile
 * that does not wait for the network. The probes and their real outputs are recorded from a
 * converged seed in the sandbox; the benchmark parses all of them (probe framing and typed facts),
 * as the four reconciles of a round do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProbeParsingBenchmark {

  private static final Pattern NONCE = Pattern.compile("@@([A-Za-z0-9]+) begin");

  /** One recorded probe answer. */
  record Answer(String node, String stdout, String nonce) {}

  private final List<Answer> round = new ArrayList<>();

  @Setup(Level.Trial)
  public void recordARound() throws Exception {
    RecordingShells[] recording = new RecordingShells[1];
    try (ReconcileDriver driver =
        ReconcileDriver.start(
            Path.of(System.getProperty("hastorage.repoRoot", ".")),
            shells -> recording[0] = new RecordingShells(shells))) {
      if (driver.convergeAll(40) < 0) {
        throw new IllegalStateException("the seed did not converge");
      }
      java.util.Map<String, Integer> before = new java.util.HashMap<>();
      driver.env().fleet().names().forEach(n -> before.put(n, recording[0].sent(n).size()));
      driver.round();
      for (String node : driver.env().fleet().names()) {
        List<Command> sent = recording[0].sent(node);
        for (int i = before.get(node); i < sent.size(); i++) {
          Matcher nonce = NONCE.matcher(String.join(" ", sent.get(i).argv()));
          if (nonce.find()) {
            round.add(new Answer(node, recording[0].results(node).get(i).stdout(), nonce.group(1)));
          }
        }
      }
    }
  }

  /** Probe framing and typed facts for every answer of the round. */
  @Benchmark
  public List<NodeFacts> parseSteadyStateRound() {
    List<NodeFacts> facts = new ArrayList<>(round.size());
    for (Answer answer : round) {
      facts.add(
          FactsParser.parse(answer.node(), ProbeOutput.parse(answer.stdout(), answer.nonce())));
    }
    return facts;
  }

  int answers() {
    return round.size();
  }
}
