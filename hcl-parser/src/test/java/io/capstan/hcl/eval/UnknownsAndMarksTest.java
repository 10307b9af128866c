package io.capstan.hcl.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code terraform console} cannot show: how unknown ("known after apply") values and
 * sensitive marks flow through every kind of expression. Each row: expression, expected
 * result (the JSON type for an unknown, else the rendered value), and whether the result is
 * sensitive.
 */
class UnknownsAndMarksTest {
    private static final Value SECRET = Value.of("hunter2").mark(Mark.SENSITIVE);
    private static final EvalContext CTX = EvalContext.standard(Map.of(
            "us", Value.unknown(Type.STRING),
            "un", Value.unknown(Type.NUMBER),
            "ub", Value.unknown(Type.BOOL),
            "ul", Value.unknown(Type.list(Type.STRING)),
            "uo", Value.unknown(Type.object(Map.of("a", Type.NUMBER))),
            "d", Value.DYNAMIC_UNKNOWN,
            "s", SECRET,
            "sn", Value.of(5).mark(Mark.SENSITIVE),
            "obj", Value.object(Map.of("pw", SECRET, "user", Value.of("bob"))),
            "sl", Value.list(Type.STRING, List.of(Value.of("a"), Value.of("b"))).mark(Mark.SENSITIVE)), Path.of("."));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '\'', textBlock = """
            us ¦ unknown "string" ¦ false
            un + 1 ¦ unknown "number" ¦ false
            un > 1 ¦ unknown "bool" ¦ false
            ub || true ¦ true ¦ false
            ub && false ¦ false ¦ false
            ub ? "a" : "b" ¦ unknown "string" ¦ false
            ub ? 1 : "b" ¦ unknown "string" ¦ false
            true ? us : "x" ¦ unknown "string" ¦ false
            "pre-${us}" ¦ unknown "string" ¦ false
            "%{ for x in ul }${x}%{ endfor }" ¦ unknown "string" ¦ false
            [for x in ul : x] ¦ unknown "dynamic" ¦ false
            {for k, v in uo : k => v} ¦ unknown "dynamic" ¦ false
            ul[*] ¦ unknown ["list","string"] ¦ false
            uo.a ¦ unknown "number" ¦ false
            ul[0] ¦ unknown "string" ¦ false
            d.anything[3] ¦ unknown "dynamic" ¦ false
            upper(us) ¦ unknown "string" ¦ false
            length(ul) ¦ unknown "number" ¦ false
            can(us) ¦ unknown "bool" ¦ false
            try(us, "x") ¦ unknown "dynamic" ¦ false
            [us, 1][1] ¦ 1 ¦ false
            s ¦ "hunter2" ¦ true
            upper(s) ¦ "HUNTER2" ¦ true
            "x-${s}" ¦ "x-hunter2" ¦ true
            sn * 2 ¦ 10 ¦ true
            sn > 2 ? "big" : "small" ¦ "big" ¦ true
            obj.user ¦ "bob" ¦ false
            obj.pw ¦ "hunter2" ¦ true
            sl[0] ¦ "a" ¦ true
            [for x in sl : x][1] ¦ "b" ¦ true
            {for x in sl : x => 1}.a ¦ 1 ¦ true
            length(sl) ¦ 2 ¦ true
            jsonencode(obj) ¦ "{\\"pw\\":\\"hunter2\\",\\"user\\":\\"bob\\"}" ¦ true
            nonsensitive(s) ¦ "hunter2" ¦ false
            s == "hunter2" ¦ true ¦ true
            sl[*] ¦ ["a","b"] ¦ true
            format("%s-%s", sl...) ¦ "a-b" ¦ true
            {null = 1, true = 2, false = 3}    ¦ {"false":3,"null":1,"true":2} ¦ false
            """)
    void propagation(String expr, String expected, boolean sensitive) {
        Result<io.capstan.hcl.ast.Expression> parsed = HclParser.parseExpression(expr, "test.tf");
        assertThat(parsed.diagnostics().asList()).as("parse").isEmpty();
        Result<Value> r = Evaluator.evaluate(parsed.value(), CTX);
        assertThat(r.diagnostics().asList()).as("diagnostics").isEmpty();
        Value v = r.value();
        Value.Unmarked u = v.unmarkDeep();
        if (expected.startsWith("unknown ")) {
            assertThat(v.isKnown()).as("known").isFalse();
            assertThat(TypeJson.toJsonString(v.type())).isEqualTo(expected.substring("unknown ".length()));
        } else {
            assertThat(v.isWhollyKnown()).as("wholly known").isTrue();
            assertThat(io.capstan.hcl.value.ValueJson.encode(u.value())).isEqualTo(expected);
        }
        assertThat(u.marks().contains(Mark.SENSITIVE)).as("sensitive").isEqualTo(sensitive);
    }

    /**
     * As hclsyntax: a splat over a value of a known type that is not a list, set or tuple wraps it in
     * a one-element tuple even while it is unknown, so its items are still checked (terraform's
     * validate rejects {@code var.n[*].id} for a number); an unknown of unknown type stays unknown.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', textBlock = """
            un[*].id ¦ Unsupported attribute
            us[*].x ¦ Unsupported attribute
            uo[*].b ¦ Unsupported attribute
            uo[*].a ¦
            d[*].anything ¦
            ul[*] ¦ """)
    void splatOverAnUnknownNonListChecksItsItem(String expr, String error) {
        Result<Value> r = Evaluator.evaluate(HclParser.parseExpression(expr, "test.tf").value(), CTX);
        if (error == null) {
            assertThat(r.diagnostics().asList()).isEmpty();
        } else {
            assertThat(r.diagnostics().asList()).extracting(io.capstan.hcl.diag.Diagnostic::summary).containsExactly(error);
        }
    }
}
