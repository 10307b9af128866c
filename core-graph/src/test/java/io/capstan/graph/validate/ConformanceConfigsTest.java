package io.capstan.graph.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.hcl.diag.Diagnostic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration of the Terraform-recorded corpus: {@code validate} fails with exactly
 * the error summaries Terraform printed, or passes when Terraform's validate passed.
 */
class ConformanceConfigsTest {
    /**
     * Cases that fail for a reason outside this module, counted as failed in the summary line but
     * skipped (with the reason printed) so the build stays usable. Remove an entry once fixed.
     */
    private static final java.util.Map<String, String> KNOWN_GAPS = java.util.Map.of();
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();

    static Stream<Path> configs() throws IOException {
        Path root = Path.of(System.getProperty("capstan.root", "..")).resolve("conformance/configs");
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void validateMatchesTerraform(Path dir) throws IOException {
        JsonNode validate = new ObjectMapper().readTree(dir.resolve("expected.json").toFile()).get("validate");
        List<String> want = new ArrayList<>();
        if (validate.has("error_summaries")) {
            validate.get("error_summaries").forEach(n -> want.add(n.asText()));
        }
        Validation.Outcome out = Validation.validate(dir);
        List<String> got = new ArrayList<>();
        for (Diagnostic d : out.diagnostics()) {
            if (d.isError()) {
                got.add(d.summary());
            }
        }
        boolean ok = got.equals(want) && (validate.get("exit_code").asInt() == 0) == out.valid();
        (ok ? PASSED : FAILED).incrementAndGet();
        String gap = KNOWN_GAPS.get(dir.getFileName().toString());
        if (!ok && gap != null) {
            System.out.println("configs validate: known gap " + dir.getFileName() + ": " + gap);
            org.junit.jupiter.api.Assumptions.abort("known gap: " + gap);
        }
        assertThat(got).as(dir.getFileName() + " " + out.diagnostics()).isEqualTo(want);
    }

    @AfterAll
    static void summary() {
        System.out.println("configs validate: " + PASSED.get() + " passed, " + FAILED.get() + " failed");
    }
}
