package io.capstan.hcl.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.value.ConformanceCases;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
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
 * Edge cases beyond the shared corpus (yamlencode layouts, format verbs, cidr arithmetic,
 * regex dialect, grapheme handling), each recorded from Terraform 1.11.4 as
 * {@code jsonencode(expr)} in {@code oracle-cases.tsv}.
 */
class OracleCasesTest {
    private static final FunctionRegistry F = FunctionRegistry.standard();

    @TestFactory
    Stream<DynamicTest> matchesTerraform() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("oracle-cases.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", 2));
                }
            }
        }
        FunctionContext ctx = FunctionContext.of(Path.of("."));
        return rows.stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            String got;
            try {
                Value v = new LiteralCallReader(r[0], F, ctx).read();
                got = ValueJson.encode(v.unmarkDeep().value());
            } catch (LiteralCallReader.EvalError e) {
                got = "ERROR " + e.summary;
            }
            if (r[1].startsWith("ERROR ")) {
                assertThat(got).isEqualTo(r[1]);
            } else {
                assertThat(ConformanceCases.sameJson(ConformanceCases.MAPPER.readTree(got), ConformanceCases.MAPPER.readTree(r[1])))
                        .as("got %s, Terraform %s", got, r[1]).isTrue();
            }
        }));
    }
}
