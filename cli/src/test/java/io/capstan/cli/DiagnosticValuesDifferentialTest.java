package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The value hints terraform prints under a failed expression's snippet ({@code │ var.p is "abc"},
 * {@code │ local.x is tuple with 2 elements}) and puts in {@code -json}'s {@code snippet.values},
 * compared with the real {@code terraform} on one configuration per kind of failure (under
 * {@code diagnostic-values/}): an invalid operand, a missing attribute, a rejected function
 * argument, an index out of range, a variable validation, a pre- and a postcondition, a failed
 * check assertion (a warning; a sensitive reference is left out), a {@code for_each} with an
 * unknown or a sensitive value (named then), template interpolations, and the forms of values (numbers, strings with
 * escapes, null, collections, objects). The human text is compared from the diagnostic on, so
 * the 78-column wrapping of the detail is compared too. Skipped, with a printed reason, when
 * terraform is not on the PATH.
 */
class DiagnosticValuesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"operand", "attribute", "function-argument", "index", "variable-validation",
            "precondition", "postcondition", "check-assertion", "for-each-unknown", "for-each-sensitive",
            "value-forms", "template"})
    void valuesUnderTheSnippetAreTerraforms(String name) throws Exception {
        Differential.terraform();
        Path t = copy(name, tmp.resolve("terraform"));
        Path c = copy(name, tmp.resolve("capstan"));
        Differential.tfOk(t, "init", "-input=false", "-no-color");
        Differential.capOk(c, "init", "-input=false", "-no-color");

        Differential.Run tf = Differential.tf(t, "plan", "-input=false", "-no-color");
        Differential.Run cap = Differential.cap(c, "plan", "-input=false", "-no-color");
        assertThat(tf.out()).contains("    ├────────────────\n    │ ");
        assertThat(cap.exit()).as(cap.out()).isEqualTo(tf.exit());
        assertThat(fromDiagnostic(cap.out())).isEqualTo(fromDiagnostic(tf.out()));

        List<JsonNode> tfJson = diagnostics(Differential.tfStdout(t, "plan", "-input=false", "-json").out());
        List<JsonNode> capJson = diagnostics(Differential.capStdout(c, "plan", "-input=false", "-json").out());
        assertThat(tfJson).isNotEmpty();
        // terraform streams -json diagnostics in the order its concurrent walk finds them
        assertThat(capJson).containsExactlyInAnyOrderElementsOf(tfJson);
        System.out.println(name + ": " + tfJson.get(0).path("snippet").path("values").size()
                + " value hint(s), human and -json equal to terraform's");
    }

    /** The output from the first diagnostic on ({@code Error:} or {@code Warning:} at a line start). */
    static String fromDiagnostic(String out) {
        int e = out.startsWith("Error:") || out.startsWith("Warning:") ? 0 : -1;
        for (String marker : new String[] {"\nError:", "\nWarning:"}) {
            int i = out.indexOf(marker);
            if (i >= 0 && (e < 0 || i + 1 < e)) {
                e = i + 1;
            }
        }
        return e < 0 ? "" : out.substring(e);
    }

    /** The {@code diagnostic} objects of a {@code -json} stream, in order. */
    private static List<JsonNode> diagnostics(String stream) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode n = JSON.readTree(line);
                if (n.path("type").asText().equals("diagnostic")) {
                    out.add(n.path("diagnostic"));
                }
            }
        }
        return out;
    }

    static Path copy(String name, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream in = DiagnosticValuesDifferentialTest.class
                .getResourceAsStream("/diagnostic-values/" + name + "/main.tf")) {
            assertThat(in).as(name).isNotNull();
            Files.write(dir.resolve("main.tf"), in.readAllBytes());
        }
        return dir;
    }

    /** {@code capstan ARGS} in {@code dir} as if run on a terminal (or not) with the given environment. */
    static Differential.Run capWith(Path dir, boolean terminal, java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "-chdir=" + dir;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.runFor(dir, terminal, env, all, new PrintWriter(out, true), new PrintWriter(out, true));
        return new Differential.Run(code, out.toString());
    }

    /** {@code terraform ARGS} in {@code dir} with exactly {@code env} added to this process's environment. */
    static Differential.Run tfWith(Path dir, java.util.Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("TF_IN_AUTOMATION");
        pb.environment().remove("TF_LOG");
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Differential.Run(p.exitValue(), out);
    }
}
