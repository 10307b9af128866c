package io.capstan.cli;

import static io.capstan.cli.Differential.capOk;
import static io.capstan.cli.Differential.terraform;
import static io.capstan.cli.Differential.tfOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which RPCs a plugin provider receives from {@code apply} of three new {@code time_sleep}
 * instances with the same configuration, counted by a provider that logs its calls
 * ({@link CallLoggingTimeProvider}). Capstan's apply reuses the plan's PlanResourceChange answers
 * (PlanMemo): 3 plan calls, not the 6 terraform makes; it validates the provider's configuration
 * once and the resource configuration once (one block, the instances' configuration the same
 * bytes: one answer), where terraform asks for the block and again for each instance, planning
 * and applying. Both tools validate before they plan.
 */
class ProviderCallsTest {
    private static final String CONFIG = """
            terraform {
              required_providers {
                time = { source = "capstan/time" }
              }
            }

            resource "time_sleep" "s" {
              count           = 3
              create_duration = "1ms"
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void capstansApplyReusesThePlansAnswersAndValidatesOnce() throws Exception {
        Path c = workdir("capstan");
        capOk(c, init());
        Files.deleteIfExists(c.resolve("calls.log"));
        assertThat(capOk(c, "apply", "-auto-approve", "-input=false", "-no-color"))
                .contains("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.");
        Map<String, Integer> calls = calls(c);
        assertThat(calls).containsEntry("PlanResourceChange", 3).containsEntry("ApplyResourceChange", 3)
                .containsEntry("ValidateProviderConfig", 1).containsEntry("ValidateResourceConfig", 1)
                .containsEntry("ConfigureProvider", 1);
        assertThat(order(c)).as("validated before configured, configured before planned")
                .containsSubsequence("ValidateResourceConfig", "PlanResourceChange")
                .containsSubsequence("ValidateProviderConfig", "ConfigureProvider", "PlanResourceChange");
    }

    @Test
    void terraformValidatesTheBlockAndEachInstance() throws Exception {
        terraform();
        Path t = workdir("terraform");
        tfOk(t, init());
        Files.deleteIfExists(t.resolve("calls.log"));
        tfOk(t, "apply", "-auto-approve", "-input=false", "-no-color");
        Map<String, Integer> calls = calls(t);
        // the block once (validate walk), each instance while planning and again while applying
        assertThat(calls).containsEntry("PlanResourceChange", 6).containsEntry("ApplyResourceChange", 3)
                .containsEntry("ValidateResourceConfig", 7);
        assertThat(calls.get("ValidateProviderConfig")).isPositive();
    }

    /**
     * {@code validate} starts the provider, unconfigured, and asks its schema and its validation of the
     * block (once, not per instance); terraform's validate makes the same calls.
     */
    @Test
    void validateAsksTheSchemaAndTheBlocksValidationAsTerraformDoes() throws Exception {
        terraform();
        Path c = workdir("capstan");
        Path t = workdir("terraform");
        capOk(c, init());
        tfOk(t, init());
        for (Path d : List.of(c, t)) {
            Files.deleteIfExists(d.resolve("calls.log"));
        }
        assertThat(capOk(c, "validate", "-no-color")).isEqualTo(tfOk(t, "validate", "-no-color"));
        assertThat(calls(c)).isEqualTo(calls(t)).containsEntry("GetProviderSchema", 1)
                .containsEntry("ValidateResourceConfig", 1).doesNotContainKey("ConfigureProvider");
    }

    /** A configuration that uses only the built-in provider starts no provider process to validate. */
    @Test
    void validateOfBuiltinResourcesStartsNoProvider() throws Exception {
        Path c = workdir("capstan");
        capOk(c, init());
        Files.deleteIfExists(c.resolve("calls.log"));
        Files.writeString(c.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = 1\n}\n");
        assertThat(capOk(c, "validate", "-no-color")).isEqualTo("Success! The configuration is valid.\n\n");
        assertThat(c.resolve("calls.log")).doesNotExist();
    }

    private Path workdir(String name) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("main.tf"), CONFIG);
        return d;
    }

    /** {@code init} from a mirror whose capstan/time launcher runs {@link CallLoggingTimeProvider} on this class path. */
    private String[] init() throws IOException {
        Path mirror = tmp.resolve("mirror");
        if (!Files.isDirectory(mirror)) {
            ClassPathProviders.install(mirror, "time", CallLoggingTimeProvider.class);
        }
        return Differential.init(List.of(mirror));
    }

    private static List<String> order(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("calls.log"));
    }

    private static Map<String, Integer> calls(Path dir) throws IOException {
        Map<String, Integer> n = new TreeMap<>();
        order(dir).forEach(c -> n.merge(c, 1, Integer::sum));
        return n;
    }
}
