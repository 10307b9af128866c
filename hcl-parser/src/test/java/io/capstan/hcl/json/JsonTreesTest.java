package io.capstan.hcl.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonTrees} against what it replaces: ObjectMapper's readTree, with big numbers (state
 * files) and without (history entries). Trees are compared node by node, class and text included
 * (JsonNode.equals treats some differently-typed numbers alike), so a state reads and writes back
 * exactly as before.
 */
class JsonTreesTest {
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"version\":4,\"serial\":12,\"lineage\":\"x\",\"outputs\":{},\"resources\":[],\"check_results\":null}",
        "[1, -0, 0.0, -0.0, 1.50, 100.0, 1e3, 1E-3, 2.5e+10, 12345678901234567890123, 0.1000000000000000055511151231257827]",
        "{\"a\":1,\"b\":2,\"a\":{\"c\":[true,false,null]}}",
        "{\"s\":\"caf\\u00e9 \\\"q\\\" \\n tab\\t \\ud83d\\ude00\",\"e\":\"\",\"n\":{},\"l\":[]}",
        "[[[[[]]]],{\"\":{\"\":null}}]",
        "\"just a string\"",
        "42",
        "3.14000",
        "null",
        "true",
        "{\"a\":1} trailing words",
        "",
        "   ",
        "{\"deep\":{\"x\":[{\"y\":9223372036854775808},{\"z\":-9223372036854775809}]},\"small\":2147483647}",
    })
    void sameTreeAsObjectMapper(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertSameTree(EXACT.readTree(json), JsonTrees.read(json, true), "$");
        assertSameTree(EXACT.readTree(bytes), JsonTrees.read(bytes, true), "$");
        assertSameTree(PLAIN.readTree(json), JsonTrees.read(json, false), "$");
        assertSameTree(PLAIN.readTree(bytes), JsonTrees.read(bytes, false), "$");
    }

    @Test
    void terraformsSampleStateReadsAsBefore() throws Exception {
        Path shared = Path.of("../../shared");
        Path sample = (Files.isDirectory(shared) ? shared : Path.of("/work/shared"))
                .resolve("reference/terraform-internals/samples/terraform.tfstate");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "SKIP: no sample state at " + sample);
        byte[] bytes = Files.readAllBytes(sample);
        assertSameTree(EXACT.readTree(bytes), JsonTrees.read(bytes, true), "$");
        assertSameTree(PLAIN.readTree(bytes), JsonTrees.read(bytes, false), "$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{\"a\" 1}", "[1,]", "{'a':1}", "[1 2]", "nul", "{\"a\":1"})
    void malformedTextFailsWithTheParsersMessage(String json) {
        JsonProcessingException expected = assertThrows(JsonProcessingException.class, () -> EXACT.readTree(json));
        JsonProcessingException actual = assertThrows(JsonProcessingException.class, () -> JsonTrees.read(json, true));
        assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage());
        assertEquals(expected.getLocation().toString(), actual.getLocation().toString());
    }

    private static void assertSameTree(JsonNode expected, JsonNode actual, String path) {
        assertEquals(expected.getClass(), actual.getClass(), path);
        assertEquals(expected.getNodeType(), actual.getNodeType(), path);
        if (expected.isNumber()) {
            assertEquals(expected.numberValue().getClass(), actual.numberValue().getClass(), path);
            assertEquals(expected.numberValue().toString(), actual.numberValue().toString(), path);
        } else if (expected.isValueNode()) {
            assertEquals(expected.asText(), actual.asText(), path);
        }
        assertEquals(expected.size(), actual.size(), path);
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> e = expected.fields();
            Iterator<String> names = actual.fieldNames();
            while (e.hasNext()) {
                Map.Entry<String, JsonNode> x = e.next();
                assertEquals(x.getKey(), names.next(), path + " key order");
                assertSameTree(x.getValue(), actual.get(x.getKey()), path + "." + x.getKey());
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        }
        assertEquals(expected.toString(), actual.toString(), path);
    }
}
