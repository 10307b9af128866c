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
}
