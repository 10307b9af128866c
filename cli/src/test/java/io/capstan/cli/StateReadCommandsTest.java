package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code state-commands/cases.txt} run by Capstan against states that terraform
 * 1.11.4 wrote, compared with what terraform printed for the same command (recorded by
 * {@code record.sh}, so this runs without terraform): stdout byte for byte, the exit code, and
 * for failures the error's summary line.
 */
class StateReadCommandsTest {
  static final Path DIR = CliRun.resources().resolve("state-commands");
  /** Commands that take no -no-color in terraform (record.sh leaves it out too). */
  static final Set<String> NO_COLOR_LESS = Set.of("state pull", "workspace show", "workspace list",
      "workspace delete", "workspace select");

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve("cases.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\|");
      out.add(Arguments.of(f[0].trim(), f[1].trim(), f[2].trim()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("cases")
  void matchesTerraform(String name, String scenario, String command, @TempDir Path tmp) throws IOException {
    Path work = CliRun.copyOf(DIR.resolve(scenario), tmp.resolve("w"));
    List<String> argv = new ArrayList<>(Arrays.asList(command.split(" ")));
    int words = argv.size() > 1 && argv.get(1).matches("[a-z-]+") && !argv.get(0).equals("output")
        && !argv.get(0).equals("show") ? 2 : 1;
    if (!NO_COLOR_LESS.contains(String.join(" ", argv.subList(0, Math.min(2, argv.size()))))) {
      argv.add(words, "-no-color");
    }
    CliRun run = CliRun.in(work, argv.toArray(String[]::new));
    String expectedOut = Files.readString(DIR.resolve("expected/" + name + ".out"), StandardCharsets.UTF_8);
    int expectedCode = Integer.parseInt(Files.readString(DIR.resolve("expected/" + name + ".code")).trim());
    assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(expectedCode);
    assertThat(run.out()).as("stdout").isEqualTo(expectedOut);
    String expectedErr = Files.readString(DIR.resolve("expected/" + name + ".err"), StandardCharsets.UTF_8);
    String firstErrLine = StateMutationCommandsTest.plain(expectedErr).strip().lines().findFirst().orElse("");
    assertThat(run.err()).as("stderr").contains(firstErrLine);
  }
}
