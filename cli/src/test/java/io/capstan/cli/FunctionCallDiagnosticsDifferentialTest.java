package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error raised by a function call carries terraform's "while calling NAME(PARAMS)" note under
 * the source snippet, for built-in functions (an argument the function rejects, a missing
 * argument) and for provider-defined ones ({@code provider::time::rfc3339_parse} of the Java SDK
 * time provider). {@code validate -no-color} of one failing call per configuration, compared with
 * the real {@code terraform}'s output. Skipped, with a printed reason, when terraform is absent.
 */
class FunctionCallDiagnosticsDifferentialTest {
    private static final String HEADER = """
            terraform {
              required_providers {
                time = { source = "capstan/time" }
              }
            }
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"tonumber(\"a\")", "upper()", "provider::time::rfc3339_parse(\"bad\")"})
    void whileCallingNoteIsTerraforms(String call) throws Exception {
        Differential.terraform();
        String config = HEADER + "output \"x\" {\n  value = " + call + "\n}\n";
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        Files.writeString(t.resolve("main.tf"), config);
        Files.writeString(c.resolve("main.tf"), config);
        List<String> init = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
        for (Path m : Differential.mirrors(tmp, "random", "local", "time")) {
            init.add("-plugin-dir=" + m);
        }
        Differential.tfOk(t, init.toArray(String[]::new));
        Differential.capOk(c, init.toArray(String[]::new));
        var tf = Differential.tf(t, "validate", "-no-color");
        var cap = Differential.cap(c, "validate", "-no-color");
        assertThat(tf.out()).contains("    │ while calling ");
        assertThat(cap.exit()).isEqualTo(tf.exit()).isEqualTo(1);
        assertThat(cap.out()).isEqualTo(tf.out());
    }
}
