package io.capstan.provider.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeExprTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "`\"string\"`; string",
        "`\"dynamic\"`; dynamic",
        "`[\"list\",\"string\"]`; list of string",
        "`[\"set\",[\"map\",\"number\"]]`; set of map of number",
        "`[\"object\",{\"b\":\"bool\",\"a\":[\"list\",\"string\"]}]`; object",
        "`[\"tuple\",[\"string\",\"number\"]]`; tuple",
        "`[\"object\",{\"a\":\"string\",\"b\":\"number\"},[\"b\"]]`; object",
    })
    void parsesTypeNotationAndWritesItBack(String json, String friendly) throws Exception {
        TypeExpr t = TypeExpr.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(t.friendlyName()).isEqualTo(friendly);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(t.toJson()).isEqualTo(mapper.readTree(json));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "`\"strng\"`; unknown primitive type \"strng\"",
        "`[\"list\"]`; invalid type notation",
        "`[\"bag\",\"string\"]`; unknown type kind \"bag\"",
        "`[\"object\",\"string\"]`; object type needs an attribute map",
        "`{`; type is not valid JSON",
    })
    void rejectsMalformedTypesSayingWhy(String json, String message) {
        assertThatThrownBy(() -> TypeExpr.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void objectTypesKeepOptionalAttributes() {
        TypeExpr t = TypeExpr.parse("[\"object\",{\"a\":\"string\",\"b\":\"number\"},[\"b\"]]"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(t).isEqualTo(new TypeExpr.ObjectType(Map.of("a", TypeExpr.STRING, "b", TypeExpr.NUMBER),
                Set.of("b")));
        assertThat(new TypeExpr.Tuple(List.of(TypeExpr.BOOL)).toJson().toString()).isEqualTo("[\"tuple\",[\"bool\"]]");
    }
}
