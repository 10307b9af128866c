package io.capstan.hcl.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in provider's functions. Every expected string was recorded from
 * {@code terraform console} 1.11.4 (printed through {@code jsonencode} to see every byte).
 */
class TerraformProviderFunctionsTest {
    private static final EvalContext CTX = EvalContext.of(Map.of(), TerraformProviderFunctions.withStandard(), Path.of("."));

    private static Value eval(String src, Diagnostics d) {
        Expression e = HclParser.parseExpression(src, "test.tf").value();
        return Evaluator.evaluate(e, CTX, d);
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("encode_expr({ a = [1, \"b\"], c = null })", "{\n  a = [1, \"b\"]\n  c = null\n}"),
                Arguments.of("encode_expr(1.5)", "1.5"),
                Arguments.of("encode_expr(true)", "true"),
                Arguments.of("encode_expr([])", "[]"),
                Arguments.of("encode_expr({})", "{}"),
                Arguments.of("encode_expr(tolist([\"a\"]))", "[\"a\"]"),
                Arguments.of("encode_expr(toset([\"b\",\"a\"]))", "[\"a\", \"b\"]"),
                Arguments.of("encode_expr({ \"a b\" = 1, \"1x\" = 2, \"x-y\" = 3, \"for\" = 4})",
                        "{\n  \"1x\"  = 2\n  \"a b\" = 1\n  for   = 4\n  x-y   = 3\n}"),
                Arguments.of("encode_expr({ a = { b = { c = [1, { d = 2 }] } }, zz = [[1],[2]] })",
                        "{\n  a = {\n    b = {\n      c = [1, {\n        d = 2\n      }]\n    }\n  }\n  zz = [[1], [2]]\n}"),
                Arguments.of("encode_expr(12345678901234567890)", "12345678901234567890"),
                Arguments.of("encode_expr(-0.1)", "-0.1"),
                Arguments.of("encode_expr(1e30)", "1000000000000000000000000000000"),
                Arguments.of("encode_expr(0.30000000000000004)", "0.30000000000000004"),
                Arguments.of("encode_expr(tomap({a=\"1\", bb=\"2\"}))", "{\n  a  = \"1\"\n  bb = \"2\"\n}"),
                Arguments.of("encode_expr(\"a\\nb\\t\\\"c\\\" \\\\ é %%{x} ~{ \\r\")",
                        "\"a\\nb\\t\\\"c\\\" \\\\ é %%{x} ~{ \\r\""),
                Arguments.of("encode_expr([\"x\\u0001y\"])", "[\"x\\u0001y\"]"),
                Arguments.of("encode_expr({ a = 1, b = { c = 1 }, dd = 2, e = [] })",
                        "{\n  a = 1\n  b = {\n    c = 1\n  }\n  dd = 2\n  e  = []\n}"),
                Arguments.of("encode_expr([{a=1}, {b=2}])", "[{\n  a = 1\n  }, {\n  b = 2\n}]"),
                Arguments.of("encode_expr({ aaaaa = 1, b = { x = 1 } })", "{\n  aaaaa = 1\n  b = {\n    x = 1\n  }\n}"),
                Arguments.of("encode_expr({ a = \"x\", bbb = [] , cc = {}})", "{\n  a   = \"x\"\n  bbb = []\n  cc  = {}\n}"),
                Arguments.of("encode_tfvars({ name = \"x\", list = [1, 2], obj = { b = true } })",
                        "list = [1, 2]\nname = \"x\"\nobj = {\n  b = true\n}\n"),
                Arguments.of("encode_tfvars({})", ""),
                Arguments.of("encode_tfvars({ s = \"a\\nb$${x}\", n = null, longname = 1, m = tomap({k = \"v\"}) })",
                        "longname = 1\nm = {\n  k = \"v\"\n}\nn = null\ns = \"a\\nb$${x}\"\n"),
                Arguments.of("encode_tfvars({ a = 1, bbb = 2 , cccc = { x = 1, yyy = [2] }})",
                        "a   = 1\nbbb = 2\ncccc = {\n  x   = 1\n  yyy = [2]\n}\n"),
                Arguments.of("jsonencode(decode_tfvars(\"a = 1\\nb = \\\"two\\\"\\nc = [true]\\n\"))",
                        "{\"a\":1,\"b\":\"two\",\"c\":[true]}"),
                Arguments.of("jsonencode(decode_tfvars(\"\"))", "{}"),
                Arguments.of("jsonencode(decode_tfvars(\"m = { x = 1, \\\"y z\\\" = null }\\ns = \\\"a$${1}\\\"\\n\"))",
                        "{\"m\":{\"x\":1,\"y z\":null},\"s\":\"a1\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void matchesTerraform(String expr, String want) {
        Diagnostics d = new Diagnostics();
        Value v = eval(expr.replaceAll("(encode_expr|encode_tfvars|decode_tfvars)\\(", "provider::terraform::$1("), d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(v.asString()).isEqualTo(want);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("encode_expr(null)", "Invalid function argument",
                        "Invalid value for \"value\" parameter: argument must not be null."),
                Arguments.of("encode_tfvars(null)", "Invalid function argument",
                        "Invalid value for \"value\" parameter: argument must not be null."),
                Arguments.of("decode_tfvars(null)", "Invalid function argument",
                        "Invalid value for \"src\" parameter: argument must not be null."),
                Arguments.of("encode_tfvars(\"x\")", "Error in function call",
                        "Call to function \"provider::terraform::encode_tfvars\" failed: invalid value to encode: must be "
                                + "an object whose attribute names will become the encoded variable names."),
                Arguments.of("encode_tfvars({ \"a b\" = 1 })", "Error in function call",
                        "Call to function \"provider::terraform::encode_tfvars\" failed: invalid variable name \"a b\": "
                                + "must be a valid identifier, per Terraform's rules for input variable declarations."),
                Arguments.of("decode_tfvars(\"a = b\")", "Error in function call",
                        "Call to function \"provider::terraform::decode_tfvars\" failed: invalid expression for variable "
                                + "\"a\": <decode_tfvars argument>:1,5-6: Variables not allowed; Variables may not be used here.."),
                Arguments.of("decode_tfvars(\"a = upper(\\\"x\\\")\")", "Error in function call",
                        "Call to function \"provider::terraform::decode_tfvars\" failed: invalid expression for variable "
                                + "\"a\": <decode_tfvars argument>:1,5-15: Function calls not allowed; Functions may not be called here.."),
                Arguments.of("decode_tfvars(\"a = \")", "Error in function call",
                        "Call to function \"provider::terraform::decode_tfvars\" failed: invalid tfvars syntax: "
                                + "<decode_tfvars argument>:1,5-5: Missing expression; Expected the start of an expression, "
                                + "but found the end of the file.."),
                Arguments.of("decode_tfvars(\"a = 1\\na = 2\")", "Error in function call",
                        "Call to function \"provider::terraform::decode_tfvars\" failed: invalid tfvars syntax: "
                                + "<decode_tfvars argument>:2,1-2: Attribute redefined; The argument \"a\" was already set at "
                                + "<decode_tfvars argument>:1,1-2. Each argument may be set only once.."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void failsLikeTerraform(String expr, String summary, String detail) {
        Diagnostics d = new Diagnostics();
        eval(expr.replaceAll("(encode_expr|encode_tfvars|decode_tfvars)\\(", "provider::terraform::$1("), d);
        assertThat(d.hasErrors()).isTrue();
        Diagnostic first = d.asList().get(0);
        assertThat(first.summary()).isEqualTo(summary);
        assertThat(first.detail()).isEqualTo(detail);
    }
}
