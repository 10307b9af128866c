package io.capstan.hcl.value;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the shared expression conformance corpus (cases recorded from Terraform 1.11.4).
 * Numbers are kept as exact decimals, never doubles.
 */
public final class ConformanceCases {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** One case: its id, expression text and expected result. */
    public record Case(String id, String category, String expr, JsonNode expect) {
        public boolean isError() {
            return expect.path("error").asBoolean(false);
        }

        public boolean sensitive() {
            return expect.path("sensitive").asBoolean(false);
        }

        @Override
        public String toString() {
            return id + ": " + expr;
        }
    }

    private ConformanceCases() {
    }

    public static Path file() {
        String shared = System.getProperty("capstan.shared", "../../shared");
        Path p = Path.of(shared, "conformance", "expressions", "cases.jsonl");
        if (!Files.exists(p)) {
            p = Path.of("/work/shared/conformance/expressions/cases.jsonl");
        }
        return p;
    }

    public static List<Case> all() {
        try {
            List<Case> out = new ArrayList<>();
            for (String line : Files.readAllLines(file())) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = MAPPER.readTree(line);
                out.add(new Case(n.get("id").asText(), n.get("category").asText(), n.get("expr").asText(), n.get("expect")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares JSON trees, numbers by exact decimal value. */
    public static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                return x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1;
            }
            return x.equals(y) ? 0 : 1;
        }, b);
    }
}
