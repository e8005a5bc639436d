package io.hastorage.operator;

import io.hastorage.operator.cli.PlanCommand;
import io.hastorage.operator.config.OperatorConfig;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point: {@code run} (default) starts the operator; {@code plan} and {@code probe-script}
 * work offline on a YAML file.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "run" : args[0];
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    int code =
        switch (command) {
          case "run" -> {
            OperatorMain.run(OperatorConfig.from(System.getenv()));
            yield 0;
          }
          case "plan" -> new PlanCommand(System.out).plan(rest);
          case "probe-script" -> new PlanCommand(System.out).probeScript(rest);
          default -> {
            System.out.println(
                "usage: ha-iscsi-operator [run | plan FILE [--facts DIR] [--assume-os OS] | probe-script FILE NODE]");
            System.out.println("settings (environment variables):");
            System.out.println(OperatorConfig.describe());
            yield "help".equals(command) || "--help".equals(command) ? 0 : 2;
          }
        };
    if (code != 0) {
      System.exit(code);
    }
  }
}
