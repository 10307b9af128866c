package io.capstan.cli;

import static io.capstan.cli.Differential.cap;
import static io.capstan.cli.Differential.capOk;
import static io.capstan.cli.Differential.terraform;
import static io.capstan.cli.Differential.tf;
import static io.capstan.cli.Differential.tfOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A provider's own validation (ValidateResourceConfig) reaches the user as terraform shows it:
 * the Java time provider rejects a {@code create_duration} that is not a Go duration. Written
 * as a literal, terraform's validate walk rejects the block once ("with time_sleep.bad", no
 * "Planning failed."); coming from a variable, unknown to the validate walk, each instance is
 * rejected while planning ("with time_sleep.bad[0]", after "Planning failed."). Capstan's plan
 * output (stdout and stderr, exit code) must equal terraform's byte for byte in both cases, up to
 * the order of the per-instance errors: terraform plans instances in parallel and prints their
 * errors as they come (bad[1] before bad[0] in some runs), so the diagnostics are compared as
 * a sorted list of blocks and the text before them byte for byte. A literal {@code local} is known
 * to the validate walk (rejected once, "with time_sleep.bad,"), and a block of a module with
 * {@code count} is rejected once, "with module.m.time_sleep.inner,".
 * Skipped, with a printed reason, only when terraform is not on the PATH.
 */
class ProviderValidationDifferentialTest {
    private static final String HEAD = "terraform {\n  required_providers {\n"
            + "    time = { source = \"capstan/time\" }\n  }\n}\n\n";

    @TempDir
    Path tmp;

    static List<String[]> cases() {
        return List.of(
                new String[] {"literal", HEAD + "resource \"time_sleep\" \"bad\" {\n  count           = 2\n"
                        + "  create_duration = \"bogus\"\n}\n", "with time_sleep.bad,"},
                new String[] {"variable", HEAD + "variable \"d\" {\n  default = \"soon\"\n}\n\n"
                        + "resource \"time_sleep\" \"bad\" {\n  count           = 2\n"
                        + "  create_duration = var.d\n}\n", "with time_sleep.bad[1],"},
                // terraform's validate walk evaluates locals: a literal one fails the block, not each instance
                new String[] {"local", HEAD + "locals {\n  d = \"bogus\"\n}\n\n"
                        + "resource \"time_sleep\" \"bad\" {\n  count           = 2\n"
                        + "  create_duration = local.d\n}\n", "with time_sleep.bad,"},
                // a block in a module with count is validated once, named by its configuration address
                new String[] {"module", HEAD + "module \"m\" {\n  source = \"./m\"\n  count  = 2\n}\n",
                        "with module.m.time_sleep.inner,"});
    }

    /** The module of the "module" case. */
    private static final String MODULE = HEAD + "resource \"time_sleep\" \"inner\" {\n  destroy_duration = \"nah\"\n}\n";

    private static void write(Path dir, String config) throws java.io.IOException {
        Files.writeString(dir.resolve("main.tf"), config);
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("m/main.tf"), MODULE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void capstanReportsTheProvidersValidationErrorsAsTerraformDoes(String name, String config, String with)
            throws Exception {
        terraform();
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        write(t, config);
        write(c, config);
        String[] init = Differential.init(Differential.mirrors(tmp, "time"));
        tfOk(t, init);
        capOk(c, init);
        Differential.Run tPlan = tf(t, "plan", "-input=false", "-no-color");
        Differential.Run cPlan = cap(c, "plan", "-input=false", "-no-color");
        assertThat(tPlan.exit()).as(tPlan.out()).isEqualTo(1);
        assertThat(tPlan.out()).contains("Error: Invalid Attribute Value", with,
                "must be a string containing a duration and unit, like 1s or 2m");
        assertThat(cPlan.out()).contains(with);
        assertThat(cPlan.exit()).isEqualTo(1);
        assertThat(blocks(cPlan.out())).isEqualTo(blocks(tPlan.out()));
        assertThat(cPlan.out()).hasSameSizeAs(tPlan.out());
        assertThat(c.resolve("terraform.tfstate")).doesNotExist();
    }

    /** The text before the first diagnostic, then each diagnostic block, the blocks sorted. */
    static List<String> blocks(String out) {
        String[] parts = out.split("(?=\n\nError: |\n\nWarning: )");
        List<String> sorted = new java.util.ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            sorted.add(parts[i].stripTrailing()); // the last block alone ends with the output's newline
        }
        java.util.Collections.sort(sorted);
        List<String> all = new java.util.ArrayList<>();
        all.add(parts[0]);
        all.addAll(sorted);
        return all;
    }
}
