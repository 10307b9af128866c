package io.capstan.hcl.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TypeJson#toJsonString} writes what {@code JsonNode.toString()} of the type's tree wrote. */
class TypeJsonStringTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "\"string\"", "\"number\"", "\"bool\"", "\"dynamic\"",
        "[\"list\",\"string\"]", "[\"set\",[\"map\",\"number\"]]",
        "[\"tuple\",[\"string\",[\"list\",\"dynamic\"],\"bool\"]]", "[\"tuple\",[]]",
        "[\"object\",{}]",
        "[\"object\",{\"a\":\"number\",\"b\":[\"object\",{\"c\":\"dynamic\"}]}]",
        "[\"object\",{\"a\":\"number\",\"b\":\"string\"},[\"b\"]]",
        "[\"object\",{\"quo\\\"te\":\"string\",\"back\\\\slash\":\"bool\",\"tab\\there\":\"number\",\"é ü\":\"dynamic\",\"\\u0001\":\"string\",\"</script>\":\"string\"}]",
    })
    void sameTextAsTheTreesToString(String json) {
        Type t = TypeJson.fromJsonString(json);
        assertEquals(TypeJson.toJson(t).toString(), TypeJson.toJsonString(t));
    }

    /** fromJsonString reads with the streaming parser: the same type, or the same error, as from ObjectMapper's tree. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\"string\"", "[\"object\",{\"a\":\"number\",\"a\":\"bool\"},[\"a\"]]", "[\"map\",\"bool\"] trailing",
        "", "5", "2.5", "null", "true", "{}", "[\"list\"", "\"strin\"", "[\"list\",7]", "[\"tuple\",{\"a\":1}]",
        "[\"object\",{\"a\":[\"set\",\"dynamic\"]}]", "{\"a\":", "[1,]",
    })
    void readsAsFromObjectMappersTree(String json) {
        String expected;
        try {
            expected = "type " + TypeJson.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            expected = "error invalid type JSON: " + e.getOriginalMessage();
        } catch (RuntimeException e) {
            expected = "error " + e.getMessage();
        }
        String actual;
        try {
            actual = "type " + TypeJson.fromJsonString(json);
        } catch (RuntimeException e) {
            actual = "error " + e.getMessage();
        }
        assertEquals(expected, actual);
    }
}
