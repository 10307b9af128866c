package io.capstan.hcl.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.TypeExpressions;
import io.capstan.hcl.parser.HclParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeConstraintTest {
    /** The constraint in source text, decoded as a variable's {@code type} is (one decoder for both). */
    private static Result<TypeConstraint> decode(String s) {
        Result<Expression> e = HclParser.parseExpression(s, "type.tf");
        assertThat(e.hasErrors()).as("%s: %s", s, e.diagnostics()).isFalse();
        return TypeExpressions.typeConstraint(e.value());
    }

    private static TypeConstraint parse(String s) {
        Result<TypeConstraint> r = decode(s);
        assertThat(r.hasErrors()).as("%s: %s", s, r.diagnostics()).isFalse();
        return r.value();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "string | \"string\"",
        "list(string) | [\"list\",\"string\"]",
        "map(any) | [\"map\",\"dynamic\"]",
        "set(number) | [\"set\",\"number\"]",
        "tuple([string, bool]) | [\"tuple\",[\"string\",\"bool\"]]",
        "object({a = string, b = number}) | [\"object\",{\"a\":\"string\",\"b\":\"number\"}]",
        "object({b = optional(number, 5), a = string}) | [\"object\",{\"a\":\"string\",\"b\":\"number\"},[\"b\"]]",
    })
    void parsesConstraintTextToTypeJson(String src, String typeJson) {
        assertThat(TypeJson.toJsonString(parse(src.replace("\\n", "\n")).type())).isEqualTo(typeJson);
    }

    @Test
    void multiLineObjectConstraint() {
        TypeConstraint tc = parse("""
                list(object({
                  name = string # the name
                  tags = optional(map(string), {})
                }))""");
        assertThat(TypeJson.toJsonString(tc.type()))
                .isEqualTo("[\"list\",[\"object\",{\"name\":\"string\",\"tags\":[\"map\",\"string\"]},[\"tags\"]]]");
        Value out = tc.apply(Value.tuple(List.of(Value.object(Map.of("name", Value.of("n"))))));
        assertThat(ValueJson.encode(out)).isEqualTo("[{\"name\":\"n\",\"tags\":{}}]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "strin | The keyword \"strin\" is not a valid type specification.",
        "list | The list type constructor requires one argument specifying the element type.",
        "optional(string) | Keyword \"optional\" is valid only as a modifier for object type attributes.",
    })
    void reportsInvalidTypeSpecifications(String src, String detail) {
        Result<TypeConstraint> r = decode(src);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.diagnostics().asList().get(0).summary()).isEqualTo("Invalid type specification");
        assertThat(r.diagnostics().asList().get(0).detail()).isEqualTo(detail);
    }

    @Test
    void defaultFillsMissingAndNullOptionalAttributes() {
        TypeConstraint tc = parse("object({a = string, b = optional(number, 5), c = optional(string)})");
        Value missing = tc.apply(Value.object(Map.of("a", Value.of("x"))));
        assertThat(ValueJson.encode(missing)).isEqualTo("{\"a\":\"x\",\"b\":5,\"c\":null}");
        Value explicitNull = tc.apply(Value.object(Map.of("a", Value.of("x"), "b", Value.DYNAMIC_NULL)));
        assertThat(explicitNull.attr("b")).isEqualTo(Value.of(5));
        Value given = tc.apply(Value.object(Map.of("a", Value.of("x"), "b", Value.of("7"))));
        assertThat(given.attr("b")).isEqualTo(Value.of(7));
    }

    @Test
    void nestedDefaultsApplyInsideCollectionsAndDefaults() {
        TypeConstraint tc = parse("list(object({name = string, opts = optional(object({port = optional(number, 80), tls = optional(bool, false)}), {})}))");
        Value in = Value.tuple(List.of(
                Value.object(Map.of("name", Value.of("a"))),
                Value.object(Map.of("name", Value.of("b"), "opts", Value.object(Map.of("tls", Value.TRUE))))));
        Value out = tc.apply(in);
        assertThat(ValueJson.encode(out)).isEqualTo(
                "[{\"name\":\"a\",\"opts\":{\"port\":80,\"tls\":false}},{\"name\":\"b\",\"opts\":{\"port\":80,\"tls\":true}}]");
        assertThat(TypeJson.toJsonString(out.type())).isEqualTo(
                "[\"list\",[\"object\",{\"name\":\"string\",\"opts\":[\"object\",{\"port\":\"number\",\"tls\":\"bool\"}]}]]");
    }

    @Test
    void constructorApiMatchesParsedConstraint() {
        TypeConstraint built = TypeConstraint.list(TypeConstraint.object(List.of(
                TypeConstraint.required("a", TypeConstraint.string()),
                TypeConstraint.optional("b", TypeConstraint.number(), Value.of(5)))));
        TypeConstraint parsed = parse("list(object({a = string, b = optional(number, 5)}))");
        assertThat(built.type()).isEqualTo(parsed.type());
        Value in = Value.tuple(List.of(Value.object(Map.of("a", Value.of("x")))));
        assertThat(built.apply(in)).isEqualTo(parsed.apply(in));
    }

    @Test
    void missingRequiredAttributeIsAConversionError() {
        TypeConstraint tc = parse("object({a = string, b = optional(number)})");
        assertThatThrownBy(() -> tc.apply(Value.object(Map.of("b", Value.of(1)))))
                .isInstanceOf(ConversionException.class).hasMessage("attribute \"a\" is required");
    }

    @Test
    void defaultMustMatchAttributeType() {
        Result<TypeConstraint> r = decode("object({a = optional(number, \"x\")})");
        assertThat(r.diagnostics().asList().get(0).summary()).isEqualTo("Invalid default value for optional attribute");
    }

    @Test
    void typeExpressionPrintsBack() {
        assertThat(parse("map(list(any))").source()).isEqualTo("map(list(any))");
        assertThat(Type.list(Type.STRING).friendlyName()).isEqualTo("list of string");
        assertThat(Type.object(Map.of("a", Type.STRING)).friendlyName()).isEqualTo("object");
    }
}
