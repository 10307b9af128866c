package io.capstan.provider.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.DynamicValue;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Byte-exact encodings, checked against what Terraform's cty encoder produces. */
class MsgpackValuesTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> table() {
        Type obj = Type.object(Map.of("a", Type.STRING, "n", Type.NUMBER));
        return Stream.of(
                Arguments.of("string", Value.of("hi"), Type.STRING, "a26869"),
                Arguments.of("small int", Value.of(5), Type.NUMBER, "05"),
                Arguments.of("negative int", Value.of(-1), Type.NUMBER, "ff"),
                Arguments.of("int64", Value.of(4294967296L), Type.NUMBER, "cf0000000100000000"),
                Arguments.of("fraction as float64", Value.of(BigNumber.parse("1.5")), Type.NUMBER, "cb3ff8000000000000"),
                Arguments.of("precise decimal as string", Value.of(BigNumber.parse("0.1")), Type.NUMBER, "a3302e31"),
                Arguments.of("bool", Value.TRUE, Type.BOOL, "c3"),
                Arguments.of("typed null", Value.nullOf(Type.STRING), Type.STRING, "c0"),
                Arguments.of("unknown", Value.unknown(Type.STRING), Type.STRING, "d40000"),
                Arguments.of("object in name order with null attribute",
                        Value.object(Map.of("n", Value.nullOf(Type.NUMBER), "a", Value.of("x"))), obj, "82a161a178a16ec0"),
                Arguments.of("list with unknown element",
                        Value.list(Type.STRING, List.of(Value.of("x"), Value.unknown(Type.STRING))), Type.list(Type.STRING),
                        "92a178d40000"),
                Arguments.of("map with unknown value",
                        Value.map(Type.NUMBER, Map.of("k", Value.unknown(Type.NUMBER))), Type.map(Type.NUMBER), "81a16bd40000"),
                Arguments.of("dynamic string", Value.of("x"), Type.DYNAMIC, "92c40822737472696e6722a178"),
                Arguments.of("dynamic unknown", Value.DYNAMIC_UNKNOWN, Type.DYNAMIC, "d40000"),
                // cty keeps a typed unknown's type in a dynamic slot (terraform_data's planned output)
                Arguments.of("typed unknown in a dynamic slot", Value.unknown(Type.STRING), Type.DYNAMIC,
                        "92c40822737472696e6722d40000"),
                Arguments.of("tuple", Value.tuple(List.of(Value.of("a"), Value.TRUE)),
                        Type.tuple(List.of(Type.STRING, Type.BOOL)), "92a161c3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void encodesLikeTerraformAndDecodesBack(String name, Value v, Type t, String hex) {
        assertEquals(hex, HEX.formatHex(MsgpackValues.encode(v, t)));
        assertEquals(v, MsgpackValues.decode(HEX.parseHex(hex), t));
    }

    @Test
    void refinedUnknownDecodesAsUnknown() {
        // ext 12 with refinement map {1: false} (definitely not null) and {2: "ab"} (prefix)
        byte[] refined = HEX.parseHex("c70712" + "8201c202a26162");
        Value v = MsgpackValues.decode(refined, Type.STRING);
        assertFalse(v.isKnown());
        assertEquals(Type.STRING, v.type());
        Value inList = MsgpackValues.decode(HEX.parseHex("91c70712" + "8201c202a26162"), Type.list(Type.STRING));
        assertFalse(inList.elements().get(0).isKnown());
    }

    @Test
    void bigIntegerAndStringNumbersDecode() {
        assertEquals(Value.of(BigNumber.parse("18446744073709551615")),
                MsgpackValues.decode(HEX.parseHex("cfffffffffffffffff"), Type.NUMBER));
        assertEquals(Value.of(BigNumber.parse("12345678901234567890.5")),
                MsgpackValues.decode(MsgpackValues.encode(Value.of(BigNumber.parse("12345678901234567890.5")), Type.NUMBER),
                        Type.NUMBER));
    }

    @Test
    void missingObjectAttributesDecodeAsNull() {
        Type obj = Type.object(Map.of("a", Type.STRING, "b", Type.BOOL));
        Value v = MsgpackValues.decode(HEX.parseHex("81a161a178"), obj);
        assertTrue(v.attr("b").isNull());
        assertEquals(Type.BOOL, v.attr("b").type());
    }

    @Test
    void errorsNameThePath() {
        Type obj = Type.object(Map.of("tags", Type.map(Type.STRING)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MsgpackValues.decode(HEX.parseHex("81a47461677381a14e05"), obj));
        assertEquals("at .tags[\"N\"]: string expected, got msgpack integer", e.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> MsgpackValues.decode(HEX.parseHex("81a178c0"), obj));
        assertTrue(extra.getMessage().contains("unsupported attribute \"x\""), extra.getMessage());
    }

    @Test
    void codecDecodesJsonWhenNoMsgpack() {
        Type obj = Type.object(Map.of("d", Type.DYNAMIC, "s", Type.set(Type.NUMBER)));
        Value v = WireCodec.INSTANCE.decode(
                DynamicValue.ofJson("{\"d\":{\"type\":\"string\",\"value\":\"x\"},\"s\":[3,1,3]}"), obj);
        assertEquals(Value.of("x"), v.attr("d"));
        assertEquals(2, v.attr("s").length());
        assertEquals("{\"d\":{\"type\":\"string\",\"value\":\"x\"},\"s\":[1,3]}",
                new String(WireCodec.INSTANCE.encodeJson(v, obj).json()));
        assertEquals("[\"list\",\"string\"]", TypeJson.toJsonString(Type.list(Type.STRING)));
    }
}
