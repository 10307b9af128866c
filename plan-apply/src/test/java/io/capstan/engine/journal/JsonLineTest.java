package io.capstan.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Journal lines written without an ObjectMapper are the text ObjectMapper wrote for the same tree. */
class JsonLineTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    static Stream<String> texts() {
        return Stream.of(
                "{}",
                "[]",
                "{\"op\":\"put\",\"index_key\":null,\"attributes\":{\"id\":\"5e0c\",\"input\":\"v1\",\"list\":[],\"m\":{}}}",
                "{\"s\":\"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 del \\u007f <html>&amp;\"}",
                "{\"u\":\"caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude00 \\u2028\"}",
                "{\"n\":[0,-1,2147483647,2147483648,-9223372036854775808,123456789012345678901234567890]}",
                "{\"f\":[0.5,-1.25,1e300,1.0E-7,3.141592653589793238462643383279,100.0,1E+2]}",
                "{\"b\":[true,false,null],\"nested\":[[[{\"k\":[1,{\"x\":null}]}]]]}");
    }

    @ParameterizedTest
    @MethodSource("texts")
    void linesAreWhatObjectMapperWrites(String text) throws Exception {
        for (ObjectMapper reader : new ObjectMapper[] {PLAIN, EXACT}) {
            JsonNode tree = reader.readTree(text);
            assertEquals(PLAIN.writeValueAsString(tree), JsonLine.write(tree), text);
        }
    }

    /** readTree gives the nodes ObjectMapper's readTree gives: equal trees of the same node classes, the same text. */
    @ParameterizedTest
    @MethodSource("texts")
    void treesAreWhatObjectMapperReads(String text) throws Exception {
        JsonNode want = PLAIN.readTree(text);
        JsonNode got = JsonLine.readTree(text);
        assertEquals(want, got, text);
        assertSameClasses(want, got);
        assertEquals(want.toString(), JsonLine.text(got), text);
    }

    @Test
    void readTreeReadsScalarsAndRefusesWhatIsNotOneValue() throws Exception {
        for (String text : new String[] {"\"s\"", "12", "1.5", "true", "null", "-0", "9223372036854775808"}) {
            JsonNode want = PLAIN.readTree(text);
            JsonNode got = JsonLine.readTree(text);
            assertEquals(want, got, text);
            assertEquals(want.getClass(), got.getClass(), text);
        }
        for (String text : new String[] {"", "  ", "{} {}", "[1,", "{\"a\":}"}) {
            assertThrows(java.io.IOException.class, () -> JsonLine.readTree(text), text);
        }
    }

    @Test
    void textOfANodeItDoesNotKnowIsToString() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("bin", new byte[] {1, 2, 3});
        assertEquals(n.toString(), JsonLine.text(n));
    }

    private static void assertSameClasses(JsonNode want, JsonNode got) {
        assertEquals(want.getClass(), got.getClass(), want.toString());
        assertEquals(want.size(), got.size(), want.toString());
        if (want.isObject()) {
            want.fieldNames().forEachRemaining(k -> assertSameClasses(want.get(k), got.get(k)));
        } else if (want.isArray()) {
            for (int i = 0; i < want.size(); i++) {
                assertSameClasses(want.get(i), got.get(i));
            }
        }
    }

    @Test
    void nodesBuiltInCodeAsTheJournalBuildsThem() throws Exception {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("op", "put");
        n.put("schema_version", 0);
        n.put("serial", 12L);
        n.put("short", (short) 7);
        n.put("float", 1.5f);
        n.put("double", 0.1);
        n.put("big", new BigInteger("18446744073709551616"));
        n.put("dec", new BigDecimal("1.50"));
        n.put("sci", new BigDecimal("1E+3"));
        n.set("index_key", null);
        n.putArray("dependencies").add("terraform_data.a").add("terraform_data.b[\"k\"]");
        n.put("create_before_destroy", false);
        assertEquals(PLAIN.writeValueAsString(n), JsonLine.write(n));
    }

    @Test
    void aNodeItDoesNotKnowIsLeftToObjectMapper() throws Exception {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putPOJO("p", new Object());
        assertNull(JsonLine.write(n));
        n.removeAll();
        n.put("bin", new byte[] {1, 2, 3});
        assertNull(JsonLine.write(n));
    }
}
