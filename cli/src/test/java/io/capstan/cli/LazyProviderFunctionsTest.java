package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.graph.validate.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} sets up provider-defined functions (the resolver reading the lock file and the
 * data directory) only when the configuration calls one.
 */
class LazyProviderFunctionsTest {
    @TempDir
    Path tmp;

    private static final String REQUIRED = "terraform {\n  required_providers {\n    time = {\n"
            + "      source = \"capstan/time\"\n    }\n  }\n}\n";

    @Test
    void aConfigurationWithoutProviderFunctionCallsSetsNothingUp() throws IOException {
        Files.writeString(tmp.resolve("main.tf"), REQUIRED + "output \"x\" {\n  value = upper(\"a\")\n}\n");
        try (LazyProviderFunctions f = new LazyProviderFunctions(tmp, Map.of())) {
            assertThat(Validation.validate(tmp, f).valid()).isTrue();
            assertThat(f.started()).isFalse();
        }
    }

    @Test
    void theFirstCallSetsUpTheProvidersAndAMissingOneIsReported() throws IOException {
        Files.writeString(tmp.resolve("main.tf"), REQUIRED
                + "output \"x\" {\n  value = provider::time::rfc3339_parse(\"2023-07-25T23:43:16Z\")\n}\n");
        // TF_DATA_DIR from the environment given: an empty data directory, so time is not installed
        try (LazyProviderFunctions f = new LazyProviderFunctions(tmp, Map.of("TF_DATA_DIR", tmp.resolve("d").toString()))) {
            Validation.Outcome out = Validation.validate(tmp, f);
            assertThat(f.started()).isTrue();
            assertThat(out.valid()).isFalse();
            assertThat(out.diagnostics().asList()).extracting(d -> d.summary()).contains("Missing required provider");
        }
    }
}
