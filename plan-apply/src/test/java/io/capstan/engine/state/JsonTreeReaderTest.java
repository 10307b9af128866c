package io.capstan.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonTreeReader} against what it replaces: an ObjectMapper with big numbers' readTree.
 * Trees are compared node by node, class and text included (JsonNode.equals treats some
 * differently-typed numbers alike), so a state reads and writes back exactly as before.
 */
class JsonTreeReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

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
        assertSameTree(MAPPER.readTree(json), JsonTreeReader.read(json), "$");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertSameTree(MAPPER.readTree(bytes), JsonTreeReader.read(bytes), "$");
    }

    @Test
    void theSampleStateReadsAsBefore() throws Exception {
        byte[] sample = StateCodecTest.sample();
        assertSameTree(MAPPER.readTree(sample), JsonTreeReader.read(sample), "$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{\"a\" 1}", "[1,]", "{'a':1}", "[1 2]", "nul", "{\"a\":1"})
    void malformedTextFailsWithTheParsersMessage(String json) {
        JsonProcessingException expected = assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(json));
        JsonProcessingException actual = assertThrows(JsonProcessingException.class, () -> JsonTreeReader.read(json));
        assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage());
        assertEquals(expected.getLocation().toString(), actual.getLocation().toString());
    }

    @Test
    void stateCodecParseUsesIt() {
        JsonNode n = StateCodec.parse("{\"n\":1.50,\"i\":7}");
        assertEquals("1.5", n.get("n").decimalValue().toString());
        assertTrue(n.get("i").isBigInteger());
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
