package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code capstan console} in a configuration whose resources are in a terraform-written state:
 * references such as {@code terraform_data.a.output} resolve to the recorded values, printed as
 * {@code terraform console} printed them (console-state/terraform-console.txt, recorded by
 * record.sh with terraform 1.11.4).
 */
class ConsoleStateTest {
  static final Path DIR = CliRun.resources().resolve("console-state");

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String block : Files.readString(DIR.resolve("terraform-console.txt")).split("(?m)^=== ")) {
      if (block.isEmpty()) {
        continue;
      }
      String input = block.substring(0, block.indexOf('\n'));
      int exit = Integer.parseInt(block.substring(block.indexOf("--- exit ") + 9, block.indexOf("\n--- stdout")));
      String stdout = block.substring(block.indexOf("--- stdout\n") + 11);
      out.add(Arguments.of(input, exit, stdout));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolvesResourcesFromState(String input, int exit, String stdout, @TempDir Path tmp) throws IOException {
    Path work = CliRun.copyOf(DIR, tmp.resolve("w"));
    // recorded after terraform init (record.sh): console loads the module as init recorded it
    Differential.capOk(work, "init", "-input=false", "-no-color");
    CliRun run = CliRun.withInput(work, input + "\n", "console");
    assertThat(run.code()).as(run.err()).isEqualTo(exit);
    assertThat(run.out()).isEqualTo(stdout);
  }
}
