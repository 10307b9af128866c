package io.capstan.hcl.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvertTest {
    private static Value json(String json, String type) {
        return ValueJson.decode(json, TypeJson.fromJsonString(type));
    }

    private static Value infer(String json) {
        return ValueJson.decodeInfer(json);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', value = {
        // value JSON (inferred)        | target type             | result type                        | result JSON
        "1                              | \"string\"              | \"string\"                         | \"1\"",
        "true                           | \"string\"              | \"string\"                         | \"true\"",
        "\"12.50\"                      | \"number\"              | \"number\"                         | 12.5",
        "\"true\"                       | \"bool\"                | \"bool\"                           | true",
        "[1,\"a\"]                      | [\"list\",\"dynamic\"]  | [\"list\",\"string\"]              | [\"1\",\"a\"]",
        "[\"b\",\"a\",\"b\"]            | [\"set\",\"string\"]    | [\"set\",\"string\"]               | [\"a\",\"b\"]",
        "{\"a\":1,\"b\":\"x\"}          | [\"map\",\"dynamic\"]   | [\"map\",\"string\"]               | {\"a\":\"1\",\"b\":\"x\"}",
        "[{\"a\":1},{\"b\":2}]          | [\"list\",\"dynamic\"]  | [\"list\",[\"map\",\"number\"]]    | [{\"a\":1},{\"b\":2}]",
        "{\"a\":1,\"extra\":2}          | [\"object\",{\"a\":\"string\"}] | [\"object\",{\"a\":\"string\"}] | {\"a\":\"1\"}",
        "[]                             | [\"list\",\"dynamic\"]  | [\"list\",\"dynamic\"]             | []",
    })
    void convertsLikeTerraform(String in, String type, String resultType, String resultJson) {
        Value v = Convert.convert(infer(in), TypeJson.fromJsonString(type));
        assertThat(TypeJson.toJsonString(v.type())).isEqualTo(resultType);
        assertThat(ValueJson.encode(v)).isEqualTo(resultJson);
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "\"abc\"         | \"number\"                    | a number is required",
        "\"yes\"         | \"bool\"                      | a bool is required",
        "true            | \"number\"                    | number required",
        "[1]             | \"string\"                    | string required",
        "{\"b\":1}       | [\"object\",{\"a\":\"string\"}] | attribute \"a\" is required",
        "[1,true]        | [\"list\",\"dynamic\"]        | all list elements must have the same type",
        "[\"a\",\"b\"]   | [\"list\",\"number\"]         | [0]: a number is required",
    })
    void reportsTerraformConversionErrors(String in, String type, String message) {
        assertThatThrownBy(() -> Convert.convert(infer(in), TypeJson.fromJsonString(type)))
                .isInstanceOfSatisfying(ConversionException.class, e -> assertThat(e.describe()).isEqualTo(message));
    }

    @Test
    void nullAndUnknownTakeTheTargetType() {
        assertThat(Convert.convert(Value.DYNAMIC_NULL, Type.list(Type.STRING))).isEqualTo(Value.nullOf(Type.list(Type.STRING)));
        assertThat(Convert.convert(Value.unknown(Type.NUMBER), Type.STRING)).isEqualTo(Value.unknown(Type.STRING));
        assertThat(Convert.convert(Value.DYNAMIC_NULL, Type.list(Type.DYNAMIC)).type()).isEqualTo(Type.list(Type.DYNAMIC));
    }

    @Test
    void marksSurviveConversion() {
        Value v = Convert.convert(Value.of(5).mark(Mark.SENSITIVE), Type.STRING);
        assertThat(v.isSensitive()).isTrue();
        assertThat(v.unmark()).isEqualTo(Value.of("5"));
    }

    @ParameterizedTest(name = "unify {0}")
    @CsvSource(delimiter = '|', value = {
        "[\"number\",\"string\"]                                    | \"string\"",
        "[\"dynamic\",\"number\"]                                   | \"number\"",
        "[[\"object\",{\"a\":\"number\"}],[\"object\",{\"b\":\"number\"}]] | [\"map\",\"number\"]",
        "[[\"object\",{\"a\":\"number\"}],[\"object\",{\"a\":\"string\"}]] | [\"object\",{\"a\":\"string\"}]",
        "[[\"tuple\",[\"number\"]],[\"tuple\",[\"string\"]]]        | [\"tuple\",[\"string\"]]",
        "[[\"tuple\",[\"number\"]],[\"tuple\",[\"number\",\"number\"]]] | [\"list\",\"number\"]",
        "[[\"list\",\"number\"],[\"set\",\"number\"]]              | [\"list\",\"number\"]",
    })
    void unifiesConditionalArms(String types, String expected) throws Exception {
        List<Type> ts = new java.util.ArrayList<>();
        ConformanceCases.MAPPER.readTree(types).forEach(n -> ts.add(TypeJson.fromJson(n)));
        assertThat(TypeJson.toJsonString(Unify.unify(ts, true))).isEqualTo(expected);
    }

    @Test
    void boolAndNumberDoNotUnify() {
        assertThat(Unify.unify(List.of(Type.NUMBER, Type.BOOL), true)).isNull();
        assertThat(Unify.unify(List.of(Type.STRING, Type.list(Type.STRING)), true)).isNull();
    }

    @Test
    void setsDeduplicateAndOrderLikeTerraform() {
        Value s = json("[\"b\",\"a\",\"é\",\"e\",\"a\"]", "[\"set\",\"string\"]");
        assertThat(ValueJson.encode(s)).isEqualTo("[\"a\",\"b\",\"e\",\"é\"]");
        Value nums = json("[10,9,100,-2.5]", "[\"set\",\"number\"]");
        assertThat(ValueJson.encode(nums)).isEqualTo("[-2.5,9,10,100]");
        Value lists = json("[[1],[],[1,2]]", "[\"set\",[\"list\",\"number\"]]");
        assertThat(ValueJson.encode(lists)).isEqualTo("[[1,2],[1],[]]");
        assertThat(Value.set(Type.STRING, List.of(Value.of("x").mark(Mark.SENSITIVE))).isSensitive()).isTrue();
    }

    @Test
    void stringsAreNormalizedToNfc() {
        assertThat(Value.of("e\u0301")).isEqualTo(Value.of("\u00e9"));
        assertThat(Map.of("k", Value.of("e\u0301")).get("k").asString()).hasSize(1);
    }

    /**
     * Value.of leaves strings whose chars are all below U+0300 as they are without asking the
     * JDK's normaliser: every pair of such chars (and each before a combining mark, which the
     * normaliser then sees) must come out as NFC does.
     */
    @Test
    void stringsBelowCombiningMarksAreAlreadyNfc() {
        for (char a = 0; a < 0x300; a++) {
            for (char b = 0; b < 0x300; b++) {
                String s = new String(new char[] {a, b});
                if (!s.equals(java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC))
                        || !Value.of(s).asString().equals(s)) {
                    throw new AssertionError("not NFC: U+" + Integer.toHexString(a) + " U+" + Integer.toHexString(b));
                }
            }
            String withMark = a + "\u0301";
            assertThat(Value.of(withMark).asString())
                    .isEqualTo(java.text.Normalizer.normalize(withMark, java.text.Normalizer.Form.NFC));
        }
    }
}
