package io.capstan.hcl.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * base64gzip is byte-identical to Terraform 1.11.4 (Go's compress/flate at level 6) on
 * generated inputs: empty, tiny, ASCII, bytes 1..255, repeated patterns, word text, long
 * runs, Unicode up to emoji, mixtures and number lists, at sizes around every boundary of
 * the encoder (match lengths, 16,384-token blocks, the 32 KiB window, the 64 KiB stored
 * block) and up to 17.5 MB (past Go's hash-position rebase at 16 MiB). Inputs are
 * regenerated from (kind, seed, size) by {@link GzipOracleInputs}; the expected results
 * were recorded from {@code terraform console} by {@link GzipOracleRecorder}.
 */
class Base64GzipOracleTest {
    @TestFactory
    Stream<DynamicTest> sameBytesAsTerraform() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("base64gzip-oracle.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
        }
        assertThat(rows).hasSizeGreaterThan(250);
        FunctionRegistry functions = FunctionRegistry.standard();
        FunctionContext ctx = FunctionContext.of(Path.of("."));
        return rows.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            String input = new String(GzipOracleInputs.input(r[1], Long.parseLong(r[2]), Integer.parseInt(r[3])),
                    StandardCharsets.UTF_8);
            Result<Value> v = functions.call("base64gzip", List.of(Value.of(input)), ctx);
            assertThat(v.diagnostics().hasErrors()).as("%s", v.diagnostics()).isFalse();
            String ours = v.value().asString();
            if (!r[5].isEmpty()) {
                assertThat(ours).isEqualTo(r[5]);
            }
            assertThat(GzipOracleRecorder.sha256(ours)).as("SHA-256 of the base64 text").isEqualTo(r[4]);
        }));
    }
}
