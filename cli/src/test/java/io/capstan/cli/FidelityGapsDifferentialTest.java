package io.capstan.cli;

import static io.capstan.cli.DiagnosticValuesDifferentialTest.capWith;
import static io.capstan.cli.DiagnosticValuesDifferentialTest.fromDiagnostic;
import static io.capstan.cli.DiagnosticValuesDifferentialTest.tfWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user sees where Capstan used to differ from terraform 1.11.4, each compared with the real
 * {@code terraform} on one configuration (under {@code fidelity-gaps/}), human text ({@code -no-color})
 * and, where it applies, the {@code -json} diagnostics: a {@code .tfvars} value failing its variable's
 * validation (pointed at the file's line), errors validate finds in expressions over unknown values
 * ("var.x is a string"), check-assertion warnings beside a plan's errors, a postcondition failing at
 * apply ({@code self.output is ...}), a sensitive {@code for_each} rejected before planning, every
 * failing output reported, a splat over a number; and on a terminal the plan's paragraphs, rule and
 * {@code -out} note wrapped at the terminal's width. Skipped, with a printed reason, when terraform
 * (or, for the terminal case, {@code script}) is absent.
 */
class FidelityGapsDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "tfvars-validation|plan -input=false -var ok=yes",
            "validate-unknown|validate",
            "validate-unknown-forms|validate",
            "check-with-errors|plan -input=false",
            "postcondition-apply|apply -input=false -auto-approve",
            "for-each-sensitive-validate|plan -input=false",
            "failing-outputs|plan -input=false",
            "splat-number|plan -input=false",
            "splat-number|validate"})
    void whatTheUserSeesIsTerraforms(String name, String command) throws Exception {
        Differential.terraform();
        Path t = copy(name, tmp.resolve("terraform"));
        Path c = copy(name, tmp.resolve("capstan"));
        Differential.tfOk(t, "init", "-input=false", "-no-color");
        Differential.capOk(c, "init", "-input=false", "-no-color");
        String[] args = command.split(" ");

        Differential.Run tf = Differential.tf(t, with(args, "-no-color"));
        Differential.Run cap = Differential.cap(c, with(args, "-no-color"));
        assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
        assertThat(cap.exit()).as(cap.out()).isEqualTo(tf.exit());
        assertThat(cap.out().contains("Planning failed.")).as(cap.out()).isEqualTo(tf.out().contains("Planning failed."));
        assertThat(fromDiagnostic(cap.out())).isEqualTo(fromDiagnostic(tf.out()));

        if (args[0].equals("apply")) {
            // a second apply would differ from the first (the object exists now): fresh copies
            t = copy(name, tmp.resolve("terraform-json"));
            c = copy(name, tmp.resolve("capstan-json"));
            Differential.tfOk(t, "init", "-input=false", "-no-color");
            Differential.capOk(c, "init", "-input=false", "-no-color");
        }
        List<JsonNode> tfJson = diagnostics(Differential.tfStdout(t, with(args, "-json")).out(), args[0]);
        List<JsonNode> capJson = diagnostics(Differential.capStdout(c, with(args, "-json")).out(), args[0]);
        assertThat(tfJson).isNotEmpty();
        // terraform reports -json diagnostics in the order its concurrent walk finds them
        assertThat(capJson).containsExactlyInAnyOrderElementsOf(tfJson);
        System.out.println(name + " (" + command + "): " + tfJson.size()
                + " diagnostic(s), human and -json equal to terraform's");
    }

    /**
     * A reference in quotes in {@code ignore_changes} (Terraform 0.11's form): terraform warns
     * "Quoted references are deprecated" on the quoted string and uses the reference; validate then
     * says the configuration is valid "but there were some validation warnings".
     */
    @org.junit.jupiter.api.Test
    void aQuotedReferenceIsAWarningAsInTerraform() throws Exception {
        Differential.terraform();
        Path t = copy("quoted-reference", tmp.resolve("terraform"));
        Path c = copy("quoted-reference", tmp.resolve("capstan"));
        Differential.tfOk(t, "init", "-input=false", "-no-color");
        Differential.capOk(c, "init", "-input=false", "-no-color");
        for (String[] args : List.of(new String[] {"validate", "-no-color"}, new String[] {"plan", "-input=false", "-no-color"})) {
            Differential.Run tf = Differential.tf(t, args);
            Differential.Run cap = Differential.cap(c, args);
            assertThat(tf.exit()).as(tf.out()).isZero();
            assertThat(tf.out()).contains("Warning: Quoted references are deprecated");
            assertThat(cap.exit()).as(cap.out()).isZero();
            if (args[0].equals("plan")) {
                // the test environment drops terraform's -out note after the warnings; Capstan's follows them
                assertThat(cap.out()).startsWith(tf.out());
            } else {
                assertThat(cap.out()).isEqualTo(tf.out());
            }
        }
        List<JsonNode> tfJson = diagnostics(Differential.tfStdout(t, "validate", "-json").out(), "validate");
        List<JsonNode> capJson = diagnostics(Differential.capStdout(c, "validate", "-json").out(), "validate");
        assertThat(tfJson).hasSize(1);
        assertThat(capJson).isEqualTo(tfJson);
        System.out.println("quoted-reference (validate, plan): 1 warning, human and -json equal to terraform's");
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {120, 60})
    void onATerminalThePlanWrapsAtItsWidth(int columns) throws Exception {
        Path terraform = Differential.terraform();
        TerminalOutputDifferentialTest.assumeScript();
        Path t = DiagnosticValuesDifferentialTest.copy("next-steps", tmp.resolve("terraform"));
        Path c = DiagnosticValuesDifferentialTest.copy("next-steps", tmp.resolve("capstan"));
        Map<String, String> env = TerminalOutputDifferentialTest.environment(false);
        assertThat(tfWith(t, env, List.of(terraform.toString(), "init", "-no-color")).exit()).isZero();
        assertThat(capWith(c, false, env, "init", "-no-color").exit()).isZero();

        // script(1) gives terraform a pseudo-terminal of the given width
        String tf = tfWith(t, env, List.of("/usr/bin/script", "-qec",
                "stty cols " + columns + "; " + terraform + " plan -input=false -no-color", "/dev/null"))
                .out().replace("\r", "");
        Map<String, String> capEnv = new HashMap<>(env);
        capEnv.put("COLUMNS", String.valueOf(columns));
        Differential.Run cap = capWith(c, true, capEnv, "plan", "-input=false", "-no-color");
        assertThat(tf).contains("Note: You didn't use the -out option").contains("─".repeat(columns - 1) + "\n");
        assertThat(cap.exit()).isZero();
        assertThat(cap.out()).isEqualTo(tf);
    }

    private static String[] with(String[] args, String flag) {
        String[] out = Arrays.copyOf(args, args.length + 1);
        out[args.length] = flag;
        return out;
    }

    /** Every file of the test resource directory {@code /fidelity-gaps/NAME/} copied into {@code dir}. */
    private static Path copy(String name, Path dir) throws IOException, URISyntaxException {
        Files.createDirectories(dir);
        var url = FidelityGapsDifferentialTest.class.getResource("/fidelity-gaps/" + name);
        assertThat(url).as(name).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        return dir;
    }

    /** The diagnostics of a {@code -json} stream, or of {@code validate -json}'s document. */
    private static List<JsonNode> diagnostics(String out, String command) throws IOException {
        List<JsonNode> list = new ArrayList<>();
        if (command.equals("validate")) {
            JSON.readTree(out).path("diagnostics").forEach(list::add);
            return list;
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode n = JSON.readTree(line);
                if (n.path("type").asText().equals("diagnostic")) {
                    list.add(n.path("diagnostic"));
                }
            }
        }
        return list;
    }
}
