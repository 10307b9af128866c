package io.capstan.hcl.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.hcl.value.ConformanceCases;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every conformance case that is only literals, arithmetic and function calls
 * through the function library and operators, comparing type, value, sensitivity or error
 * summary with what Terraform 1.11.4 recorded. The remaining cases need the parser and
 * evaluator. Known divergences are listed, with reasons, in
 * {@code function/known-divergences.txt}.
 */
class FunctionConformanceTest {
    private static final FunctionRegistry FUNCTIONS = FunctionRegistry.standard();

    @TestFactory
    Stream<DynamicTest> literalCallCases() {
        Map<String, String> known = knownDivergences();
        FunctionContext ctx = FunctionContext.of(Path.of(".")).withClock(
                Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC), null);
        return ConformanceCases.all().stream()
                .filter(c -> !known.containsKey(c.id()))
                .filter(c -> supported(c, ctx))
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c, ctx)));
    }

    private static boolean supported(ConformanceCases.Case c, FunctionContext ctx) {
        try {
            new LiteralCallReader(c.expr(), FUNCTIONS, ctx).read();
            return true;
        } catch (LiteralCallReader.Unsupported e) {
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static void check(ConformanceCases.Case c, FunctionContext ctx) throws IOException {
        try {
            checkCase(c, ctx);
        } catch (AssertionError e) {
            throw new AssertionError("[" + c.id() + "] " + c.expr() + " :: " + e.getMessage(), e);
        }
    }

    private static void checkCase(ConformanceCases.Case c, FunctionContext ctx) throws IOException {
        Value v;
        try {
            v = new LiteralCallReader(c.expr(), FUNCTIONS, ctx).read();
        } catch (LiteralCallReader.EvalError e) {
            assertThat(c.isError()).as("unexpected error %s", e.getMessage()).isTrue();
            assertThat(e.summary).isEqualTo(c.expect().get("summary").asText());
            return;
        }
        assertThat(c.isError()).as("expected error %s but got %s", c.expect(), v).isFalse();
        Value.Unmarked u = v.unmarkDeep();
        assertThat(!u.marks().isEmpty()).as("sensitive").isEqualTo(c.sensitive());
        Value plain = u.value();
        // Terraform stores an unknown (dynamic) output as null after apply.
        JsonNode type = TypeJson.toJson(plain.type());
        assertThat(type).as("type").isEqualTo(c.expect().get("type"));
        String json = plain.isKnown() ? ValueJson.encode(plain) : "null";
        JsonNode got = ConformanceCases.MAPPER.readTree(json);
        assertThat(ConformanceCases.sameJson(got, c.expect().get("value")))
                .as("value %s, expected %s", json, c.expect().get("value")).isTrue();
    }

    static Map<String, String> knownDivergences() {
        Map<String, String> m = new TreeMap<>();
        try (var in = FunctionConformanceTest.class.getResourceAsStream("known-divergences.txt")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                m.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
