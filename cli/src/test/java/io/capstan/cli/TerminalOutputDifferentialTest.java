package io.capstan.cli;

import static io.capstan.cli.DiagnosticValuesDifferentialTest.capWith;
import static io.capstan.cli.DiagnosticValuesDifferentialTest.copy;
import static io.capstan.cli.DiagnosticValuesDifferentialTest.fromDiagnostic;
import static io.capstan.cli.DiagnosticValuesDifferentialTest.tfWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What depends on where the output goes, compared with the real {@code terraform}: on a terminal
 * diagnostics wrap at the terminal's width (terraform asks the terminal; Capstan reads
 * {@code COLUMNS}), off one at 78 columns (see {@link DiagnosticValuesDifferentialTest}); and
 * {@code TF_IN_AUTOMATION} drops the next-step hints meant for a person at a shell ({@code plan}'s
 * "Note: You didn't use the -out option", the saved-plan hint, {@code init}'s closing paragraph).
 * Skipped, with a printed reason, when terraform (or, for the terminal case, {@code script}) is absent.
 */
class TerminalOutputDifferentialTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {100, 60})
    void onATerminalDiagnosticsWrapAtItsWidth(int columns) throws Exception {
        Path terraform = Differential.terraform();
        assumeScript();
        Path t = copy("for-each-unknown", tmp.resolve("terraform"));
        Path c = copy("for-each-unknown", tmp.resolve("capstan"));
        Map<String, String> env = environment(false);
        assertThat(tfWith(t, env, List.of(terraform.toString(), "init", "-no-color")).exit()).isZero();
        assertThat(capWith(c, false, env, "init", "-no-color").exit()).isZero();

        // script(1) gives terraform a pseudo-terminal of the given width
        Differential.Run tf = tfWith(t, env, List.of("/usr/bin/script", "-qec",
                "stty cols " + columns + "; " + terraform + " plan -input=false -no-color", "/dev/null"));
        Map<String, String> capEnv = new HashMap<>(env);
        capEnv.put("COLUMNS", String.valueOf(columns));
        Differential.Run cap = capWith(c, true, capEnv, "plan", "-input=false", "-no-color");
        String tfText = fromDiagnostic(tf.out().replace("\r", ""));
        assertThat(tfText).contains("Invalid for_each argument");
        assertThat(tfText.lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(Math.min(columns, 80) - 12);
        assertThat(fromDiagnostic(cap.out())).isEqualTo(tfText);
        assertThat(cap.exit()).isEqualTo(1);
    }

    @ParameterizedTest(name = "TF_IN_AUTOMATION={0}")
    @ValueSource(booleans = {false, true})
    void inAutomationTheNextStepHintsAreLeftOut(boolean automation) throws Exception {
        Path terraform = Differential.terraform();
        Path t = copy("next-steps", tmp.resolve("terraform"));
        Path c = copy("next-steps", tmp.resolve("capstan"));
        Map<String, String> env = environment(automation);
        String tfInit = tfWith(t, env, List.of(terraform.toString(), "init", "-no-color")).out();
        String capInit = capWith(c, false, env, "init", "-no-color").out();
        assertThat(capInit.contains("You may now begin working")).isEqualTo(!automation)
                .isEqualTo(tfInit.contains("You may now begin working"));
        assertThat(capInit).contains("has been successfully initialized!");

        for (String[] plan : new String[][] {{"plan", "-input=false", "-no-color"},
                {"plan", "-input=false", "-no-color", "-out=tfplan"}}) {
            List<String> cmd = new java.util.ArrayList<>(List.of(terraform.toString()));
            cmd.addAll(List.of(plan));
            Differential.Run tf = tfWith(t, env, cmd);
            Differential.Run cap = capWith(c, false, env, plan);
            assertThat(tf.out().contains("terraform apply")).as(tf.out()).isEqualTo(!automation);
            assertThat(cap.exit()).isEqualTo(tf.exit()).isZero();
            // in-process runs (Main.runFor) resolve path arguments against their directory
            assertThat(cap.out().replace(c + "/", "")).isEqualTo(tf.out());
        }
    }

    @Test
    void offATerminalTheWidthIsTerraforms78EvenWithColumnsSet() {
        assertThat(TerminalWidth.columns(false, Map.of("COLUMNS", "120"))).isEqualTo(78);
        assertThat(TerminalWidth.columns(true, Map.of("COLUMNS", "120"))).isEqualTo(120);
        assertThat(TerminalWidth.columns(true, Map.of("COLUMNS", "x"))).isPositive();
    }

    /** Skips the test, printing why, unless script(1) and stty can give terraform a pseudo-terminal. */
    static void assumeScript() {
        if (!Files.isExecutable(Path.of("/usr/bin/script")) || !Files.isExecutable(Path.of("/bin/stty"))) {
            System.out.println("SKIP: util-linux script/stty are needed to give terraform a terminal");
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no script(1)");
        }
    }

    /** This process's environment without TF_IN_AUTOMATION and TF_LOG, with TF_IN_AUTOMATION=1 when asked. */
    static Map<String, String> environment(boolean automation) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("TF_IN_AUTOMATION");
        env.remove("TF_LOG");
        env.remove("COLUMNS");
        env.put("TF_CLI_CONFIG_FILE", "/dev/null");
        env.put("CHECKPOINT_DISABLE", "1");
        if (automation) {
            env.put("TF_IN_AUTOMATION", "1");
        }
        return env;
    }
}
