package io.capstan.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.DynamicValue;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MsgpackValueCodecTest {
    private static final MsgpackValueCodec CODEC = MsgpackValueCodec.INSTANCE;

    static Map<String, Value> attrs(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Value) kv[i + 1]);
        }
        return m;
    }

    /** Bytes as go-cty's msgpack encoder produces them for the same value and type. */
    static Stream<Arguments> wireBytes() {
        return Stream.of(
                Arguments.of("string", Value.of("hi"), Type.STRING, "a26869"),
                Arguments.of("small integer", Value.of(5), Type.NUMBER, "05"),
                Arguments.of("fraction as float64", Value.of(BigNumber.parse("1.5")), Type.NUMBER, "cb3ff8000000000000"),
                Arguments.of("null string", Value.nullOf(Type.STRING), Type.STRING, "c0"),
                Arguments.of("null of dynamic type is plain nil", Value.DYNAMIC_NULL, Type.DYNAMIC, "c0"),
                Arguments.of("unknown is extension 0", Value.unknown(Type.STRING), Type.STRING, "d40000"),
                Arguments.of("object attributes sorted, missing null",
                        Value.object(attrs("b", Value.nullOf(Type.STRING), "a", Value.of("x"))),
                        Type.object(Map.of("a", Type.STRING, "b", Type.STRING)), "82a161a178a162c0"),
                Arguments.of("dynamic carries its type as JSON",
                        Value.of("x"), Type.DYNAMIC, "92c40822737472696e6722a178"),
                Arguments.of("list of bools", Value.list(Type.BOOL, List.of(Value.TRUE, Value.FALSE)),
                        Type.list(Type.BOOL), "92c3c2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireBytes")
    void encodesAsTheWireFormatSays(String name, Value value, Type type, String hex) {
        DynamicValue dv = CODEC.encode(value, type);
        assertEquals(hex, HexFormat.of().formatHex(dv.msgpack()));
        Value back = CODEC.decode(dv, type);
        assertEquals(value.isKnown(), back.isKnown());
        if (value.isKnown()) {
            assertEquals(value, back);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireBytes")
    void jsonDynamicValuesDecodeToo(String name, Value value, Type type, String hex) {
        if (!value.isWhollyKnown() || type.equals(Type.DYNAMIC)) {
            return; // JSON cannot carry unknowns; dynamic JSON is covered by ValueJson
        }
        String json = io.capstan.hcl.value.ValueJson.encode(value);
        assertEquals(value, CODEC.decode(DynamicValue.ofJson(json), type));
    }

    @org.junit.jupiter.api.Test
    void nestedUnknownSurvivesTheRoundTrip() {
        Type t = Type.object(Map.of("id", Type.STRING, "output", Type.DYNAMIC));
        Value v = Value.object(attrs("id", Value.unknown(Type.STRING), "output", Value.DYNAMIC_UNKNOWN));
        Value back = CODEC.decode(CODEC.encode(v, t), t);
        assertFalse(back.attr("id").isKnown());
        assertFalse(back.attr("output").isKnown());
        assertTrue(back.type().equals(t));
    }

    @org.junit.jupiter.api.Test
    void attributeOutsideTheSchemaIsRefusedWithItsPath() {
        Type wide = Type.object(Map.of("a", Type.STRING, "zz", Type.STRING));
        Type narrow = Type.object(Map.of("a", Type.STRING));
        DynamicValue dv = CODEC.encode(Value.object(attrs("a", Value.of("x"), "zz", Value.of("y"))), wide);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CODEC.decode(dv, narrow));
        assertTrue(e.getMessage().contains("\"zz\""), e.getMessage());
    }
}
