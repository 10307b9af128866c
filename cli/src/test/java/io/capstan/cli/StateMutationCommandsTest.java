package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Sequences of state-changing commands ({@code state mv/rm/push/replace-provider}, {@code taint},
 * {@code untaint}, {@code workspace ...}) from {@code state-commands/mutations.txt}, run by Capstan
 * in one copy of a terraform-written state and compared step by step with what terraform 1.11.4
 * printed for the same sequence (recorded by {@code record-mutations.sh}): each step's stdout and
 * exit code, the {@code Error:}/{@code Warning:} lines of its stderr, and — through the
 * {@code state list}/{@code show -json} steps — the resulting state.
 */
class StateMutationCommandsTest {
  static final Path DIR = StateReadCommandsTest.DIR;
  static final List<String> NO_COLOR_LESS = List.of("state pull", "workspace show", "workspace list",
      "workspace delete", "workspace select", "workspace new", "state push");

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve("mutations.txt"))) {
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
  void matchesTerraform(String name, String scenario, String steps, @TempDir Path tmp) throws IOException {
    Path work = CliRun.copyOf(DIR.resolve(scenario), tmp.resolve("w"));
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (String step : steps.split(" ; ")) {
      step = step.trim();
      String[] words = step.split(" ");
      List<String> argv = new ArrayList<>(List.of(words));
      int n = words.length > 1 && words[1].matches("[a-z-]+") && !words[0].equals("show") && !words[0].equals("taint")
          && !words[0].equals("untaint") && !words[0].equals("output") ? 2 : 1;
      if (!NO_COLOR_LESS.contains(String.join(" ", argv.subList(0, Math.min(2, argv.size()))))) {
        argv.add(n, "-no-color");
      }
      CliRun run = CliRun.in(work, argv.toArray(String[]::new));
      out.append("### ").append(step).append(" (exit ").append(run.code()).append(")\n").append(run.out());
      err.append("### ").append(step).append('\n').append(run.err());
    }
    String expected = Files.readString(DIR.resolve("expected/" + name + ".steps"), StandardCharsets.UTF_8);
    String got = plain(out.toString()).replace("Capstan will perform", "Terraform will perform");
    if (name.startsWith("replace")) {
      // terraform lists the changed resources in Go map order, which varies from run to run
      assertThat(got.lines().sorted().toList()).isEqualTo(plain(expected).lines().sorted().toList());
    } else {
      assertThat(got).isEqualTo(plain(expected));
    }
    String expectedErr = Files.readString(DIR.resolve("expected/" + name + ".steps-err"), StandardCharsets.UTF_8);
    String gotErr = plain(err.toString());
    for (String line : plain(expectedErr).lines().toList()) {
      if (line.startsWith("Error: ") || line.startsWith("Warning: ") || line.startsWith("Failed to write state")
          || line.startsWith("Workspace \"") || line.startsWith("No state file was found!")) {
        assertThat(gotErr).as("stderr of %s", name).contains(line);
      }
    }
  }

  /** Without ANSI colour codes, which terraform prints for a few workspace messages even when piped. */
  static String plain(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "");
  }
}
