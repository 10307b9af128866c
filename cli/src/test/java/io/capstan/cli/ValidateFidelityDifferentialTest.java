package io.capstan.cli;

import static io.capstan.cli.DiagnosticValuesDifferentialTest.capWith;
import static io.capstan.cli.DiagnosticValuesDifferentialTest.tfWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code validate} where Capstan used to differ from terraform 1.11.4, compared with the real
 * {@code terraform} on the configurations under {@code fidelity-gaps/}: a provider's validation
 * warnings (hashicorp/aws 5.100.0's deprecated {@code aws_eip} {@code vpc}, consolidated as
 * terraform consolidates them), conditions that refer to nothing (rejected), Terraform 0.11's
 * quoted references and keywords (a warning each, and the traversal parser's errors for a string
 * that is no reference), and the coloured success line. Human text and {@code -json}; skipped,
 * with a printed reason, when terraform or the aws mirror is absent.
 */
class ValidateFidelityDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AWS_MIRROR = Path.of("/opt/tf-plugins");

    @TempDir
    Path tmp;

    /** aws_eip's deprecated vpc argument: terraform's validate shows the provider's warnings, consolidated. */
    @Test
    void providerWarningsAreShownAsTerraformShowsThem() throws Exception {
        String[] dirs = initialised("provider-warnings", "provider-warnings");
        List<JsonNode> tfJson = validateBoth(Path.of(dirs[0]), Path.of(dirs[1]), 0, out -> out,
                List.of("vpc is deprecated. Use domain instead.", "(and 3 more similar warnings elsewhere)",
                        "Success! The configuration is valid, but there were some validation warnings\nas shown above."));
        assertThat(tfJson).hasSize(4);
        System.out.println("provider-warnings (validate): 4 warnings, human and -json equal to terraform's");
    }

    /**
     * Errors terraform finds while loading the configuration: conditions that refer to nothing
     * ("Invalid precondition expression", postcondition, assert, validation; a variable's validation
     * that does not refer to the variable), and {@code ignore_changes}/{@code replace_triggered_by}
     * items that are no references ({@code ["*"]}, a quoted reference where only a real one will do,
     * an item that refers to no resource or to several).
     */
    @ParameterizedTest
    @ValueSource(strings = {"constant-conditions", "lifecycle-references"})
    void configurationErrorsAreTerraforms(String name) throws Exception {
        Differential.terraform();
        // terraform's init stops on these errors; validate reports them without it
        Path t = copy(name, tmp.resolve("terraform"));
        Path c = copy(name, tmp.resolve("capstan"));
        List<JsonNode> tfJson = validateBoth(t, c, 1, out -> out, name.equals("constant-conditions")
                ? List.of("Error: Invalid postcondition expression", "Error: Invalid variable validation condition",
                        "Error: Invalid assert expression", "Error: Invalid validation expression")
                : List.of("Error: Invalid ignore_changes wildcard", "Error: Invalid replace_triggered_by expression",
                        "Error: Invalid count reference in replace_triggered_by expression"));
        System.out.println(name + " (validate): " + tfJson.size() + " diagnostics, human and -json equal to terraform's");
    }

    /**
     * A value for a computed-only attribute reaches the provider, which rejects it (hashicorp/aws:
     * "Value for unconfigurable attribute"), and such a name is among the suggestions for a
     * misspelt argument; Capstan left computed-only names out of the schema it decoded against
     * ("Unsupported argument", no suggestion).
     */
    @ParameterizedTest
    @ValueSource(strings = {"unconfigurable", "unconfigurable-typo"})
    void computedOnlyArgumentsAreTheProvidersToReject(String name) throws Exception {
        String[] dirs = initialised("provider-warnings", name);
        Path t = Path.of(dirs[0]);
        Path c = Path.of(dirs[1]);
        Files.deleteIfExists(t.resolve("mod/main.tf"));
        Files.deleteIfExists(c.resolve("mod/main.tf"));
        List<JsonNode> tfJson = validateBoth(t, c, 1, out -> out, List.of(name.equals("unconfigurable")
                ? "Error: Value for unconfigurable attribute" : "Did you mean\n\"allocation_id\"?"));
        System.out.println(name + " (validate): " + tfJson.size() + " diagnostics, human and -json equal to terraform's");
    }

    /** terraform_data's id and output are read-only: terraform's built-in provider says so, at validate and plan. */
    @Test
    void builtinReadOnlyAttributesAreRejected() throws Exception {
        Differential.terraform();
        Path t = copy("read-only-builtin", tmp.resolve("terraform"));
        Path c = copy("read-only-builtin", tmp.resolve("capstan"));
        List<String> readOnly = List.of("Error: \"output\" attribute is read-only", "Error: \"id\" attribute is read-only");
        // the blocks are validated concurrently: terraform's order of their errors is not fixed
        List<JsonNode> tfJson = validateBoth(t, c, 1, ValidateFidelityDifferentialTest::sortedBlocks, readOnly);
        sameText(t, c, "plan", 1, ValidateFidelityDifferentialTest::sortedBlocks, readOnly);
        System.out.println("read-only-builtin (validate, plan): " + tfJson.size()
                + " diagnostics, human and -json equal to terraform's");
    }

    /** The output's diagnostics (and what precedes the first), sorted. */
    private static List<String> sortedBlocks(String out) {
        return Stream.of(out.split("\n(?=\nError: )")).sorted().toList();
    }

    /** Quoted references and keywords where terraform 1.11 takes them: a warning each, consolidated. */
    @Test
    void quotedReferencesAreWarnings() throws Exception {
        String[] dirs = initialised("quoted-references", "quoted-references");
        List<JsonNode> tfJson = validateBoth(Path.of(dirs[0]), Path.of(dirs[1]), 0, out -> out,
                List.of("Warning: Quoted references are deprecated", "Warning: Quoted keywords are deprecated"));
        System.out.println("quoted-references (validate): " + tfJson.size() + " warnings, human and -json equal to terraform's");
    }

    /** Quoted strings that are no references: the traversal parser's errors, each beside its warning. */
    @Test
    void quotedStringsThatAreNoReferencesGiveTheParsersErrors() throws Exception {
        // initialised on the valid configuration (init stops on errors), then the erroneous one put in
        String[] dirs = initialised("quoted-references", "quoted-reference-errors");
        List<JsonNode> tfJson = validateBoth(Path.of(dirs[0]), Path.of(dirs[1]), 1,
                DiagnosticValuesDifferentialTest::fromDiagnostic, List.of("Error: Invalid character",
                        "Error: Index value required", "Error: Unclosed index brackets", "Error: Variable name required",
                        "Error: Attribute name required", "Error: Invalid provider configuration reference",
                        "Error: Unterminated string literal"));
        System.out.println("quoted-reference-errors (validate): " + tfJson.size()
                + " diagnostics, human and -json equal to terraform's");
    }

    /** With colour terraform ends the success line's colour at the start of the next line. */
    @Test
    void theColouredSuccessLineIsTerraforms() throws Exception {
        Path terraform = Differential.terraform();
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        for (Path d : List.of(t, c)) {
            Files.writeString(d.resolve("main.tf"), """
                    resource "terraform_data" "a" {
                      lifecycle {
                        ignore_changes = ["input"]
                      }
                    }

                    resource "terraform_data" "b" {
                    }
                    """);
        }
        Map<String, String> env = new HashMap<>(TerminalOutputDifferentialTest.environment(false));
        // terraform colours a pipe too, and wraps at 78 columns when it is no terminal
        env.put("COLUMNS", "78");
        String tf = tfWith(t, env, List.of(terraform.toString(), "validate")).out();
        Differential.Run cap = capWith(c, true, env, "validate");
        // wrapped with the escape codes counted as width, as terraform wraps it
        assertThat(tf).endsWith("valid, but there were some\nvalidation warnings as shown above.\n\u001b[0m\n");
        assertThat(cap.exit()).isZero();
        assertThat(cap.out()).isEqualTo(tf);

        Files.writeString(t.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n}\n");
        Files.writeString(c.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n}\n");
        tf = tfWith(t, env, List.of(terraform.toString(), "validate")).out();
        cap = capWith(c, true, env, "validate");
        assertThat(tf).isEqualTo("\u001b[32m\u001b[1mSuccess!\u001b[0m The configuration is valid.\n\u001b[0m\n");
        assertThat(cap.out()).isEqualTo(tf);
    }

    /**
     * Copies of {@code fidelity-gaps/INIT} for each tool, initialised with the aws mirror, then
     * {@code fidelity-gaps/CONFIG}'s files put in their place; aborts (SKIP) without the mirror.
     */
    private String[] initialised(String init, String config) throws Exception {
        Differential.terraform();
        Path aws = AWS_MIRROR.resolve("registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/"
                + "terraform-provider-aws_v5.100.0_x5");
        if (!Files.isExecutable(aws)) {
            System.out.println("SKIP: hashicorp/aws 5.100.0 is not in the filesystem mirror " + AWS_MIRROR);
            assumeTrue(false, "no aws provider mirror");
        }
        Path t = copy(init, tmp.resolve("terraform"));
        Path c = copy(init, tmp.resolve("capstan"));
        String[] args = {"init", "-input=false", "-no-color", "-plugin-dir=" + AWS_MIRROR};
        Differential.tfOk(t, args);
        Differential.capOk(c, args);
        if (!config.equals(init)) {
            copy(config, t);
            copy(config, c);
        }
        return new String[] {t.toString(), c.toString()};
    }

    /** Every file of the test resource directory {@code /fidelity-gaps/NAME/} copied (over) into {@code dir}. */
    private static Path copy(String name, Path dir) throws IOException, URISyntaxException {
        var url = ValidateFidelityDifferentialTest.class.getResource("/fidelity-gaps/" + name);
        assertThat(url).as(name).isNotNull();
        Path from = Path.of(url.toURI());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    /**
     * {@code validate} by terraform in {@code t} and Capstan in {@code c}: {@link #sameText} with
     * {@code -no-color}, then the same {@code -json} diagnostics in any order (terraform lists them
     * in the order its concurrent walk finds them). Returns terraform's {@code -json} diagnostics.
     */
    private static List<JsonNode> validateBoth(Path t, Path c, int exit, Function<String, ?> view,
                                               List<String> expected) throws Exception {
        sameText(t, c, "validate", exit, view, expected);
        List<JsonNode> tfJson = jsonDiagnostics(t, true);
        assertThat(jsonDiagnostics(c, false)).containsExactlyInAnyOrderElementsOf(tfJson);
        return tfJson;
    }

    /**
     * {@code CMD -no-color} by terraform in {@code t} and Capstan in {@code c}: terraform exits with
     * {@code exit} and says each of {@code expected}; Capstan exits the same and its output, as
     * {@code view} sees it, is terraform's.
     */
    private static void sameText(Path t, Path c, String cmd, int exit, Function<String, ?> view, List<String> expected)
            throws Exception {
        Differential.Run tf = Differential.tf(t, cmd, "-no-color");
        Differential.Run cap = Differential.cap(c, cmd, "-no-color");
        assertThat(tf.exit()).as(tf.out()).isEqualTo(exit);
        assertThat(tf.out()).contains(expected);
        assertThat(cap.exit()).as(cap.out()).isEqualTo(exit);
        assertThat(view.apply(cap.out())).isEqualTo(view.apply(tf.out()));
    }

    /** The diagnostics of {@code validate -json} (stdout only) by terraform or Capstan. */
    private static List<JsonNode> jsonDiagnostics(Path dir, boolean terraform) throws Exception {
        Differential.Run r = terraform ? Differential.tfStdout(dir, "validate", "-json")
                : Differential.capStdout(dir, "validate", "-json");
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(r.out()).path("diagnostics").forEach(list::add);
        return list;
    }
}
