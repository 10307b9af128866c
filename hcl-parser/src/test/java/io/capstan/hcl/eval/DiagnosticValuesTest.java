package io.capstan.hcl.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.ExpressionValue;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The value hints under a failed expression's snippet, as terraform words them (the cases were
 * checked against terraform 1.11.4's output; {@code DiagnosticValuesDifferentialTest} in the cli
 * module compares whole runs): which prefix of a reference is named, in what order, what is said
 * about each kind of value, and that unknown and sensitive values are named only when they are
 * the problem.
 */
class DiagnosticValuesTest {
    private static final EvalContext CTX = EvalContext.standard(Map.of(
            "var", Value.object(Map.of(
                    "p", Value.of("abc"),
                    "s", Value.of("secret").mark(Mark.SENSITIVE),
                    "u", Value.unknown(Type.STRING),
                    "d", Value.DYNAMIC_UNKNOWN)),
            "local", Value.object(Map.of(
                    "o", Value.object(Map.of("a", Value.of(1))),
                    "l", Value.tuple(List.of(Value.of("a"), Value.of("b")))))), Path.of("."));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "12345678901      | 1.23456789e+10",
        "1234567890       | 1234567890",
        "1.5              | 1.5",
        "0.0001           | 0.0001",
        "0.00001          | 1e-05",
        "-2               | -2",
        "0                | 0",
        "3.14159265358979 | 3.141592654",
    })
    void numbersAsGoFormatsThemWithTenDigits(String number, String shown) {
        assertThat(DiagnosticValues.number(io.capstan.hcl.value.BigNumber.of(new java.math.BigDecimal(number))))
                .isEqualTo(shown);
    }

    @Test
    void describesEachKindOfValueShortly() {
        assertThat(DiagnosticValues.compact(Value.of("say \"hi\"\n\tnow"))).isEqualTo("\"say \\\"hi\\\"\\n\\tnow\"");
        assertThat(DiagnosticValues.compact(Value.of(false))).isEqualTo("false");
        assertThat(DiagnosticValues.compact(Value.nullOf(Type.STRING))).isEqualTo("null");
        assertThat(DiagnosticValues.compact(Value.EMPTY_TUPLE)).isEqualTo("empty tuple");
        assertThat(DiagnosticValues.compact(Value.list(Type.STRING, List.of(Value.of("a")))))
                .isEqualTo("list of string with 1 element");
        assertThat(DiagnosticValues.compact(Value.object(Map.of("only", Value.of(1)))))
                .isEqualTo("object with 1 attribute \"only\"");
        assertThat(DiagnosticValues.compact(Value.object(Map.of("a", Value.of(1), "b", Value.of(2)))))
                .isEqualTo("object with 2 attributes");
        assertThat(DiagnosticValues.compact(Value.EMPTY_OBJECT)).isEqualTo("object with no attributes");
    }

    /** Go's {@code %q}, as terraform 1.11.4 shows a local holding BEL, a zero-width space, é, an emoji and DEL. */
    @Test
    void stringsAreQuotedAsGoQuotesThemNonPrintingCharactersEscaped() {
        assertThat(DiagnosticValues.compact(Value.of("a\u0007b\u200bc\u00e9\ud83d\ude00\u007f")))
                .isEqualTo("\"a\\ab\\u200bc\u00e9\ud83d\ude00\\x7f\"");
    }

    @Test
    void namesTheLongestPrefixThatEvaluatesSortedAndOnce() {
        assertThat(of("local.o.b == var.p && local.o.a == var.p && local.l[5] == \"\"")).containsExactly(
                new ExpressionValue("local.l", "is tuple with 2 elements"),
                new ExpressionValue("local.o", "is object with 1 attribute \"a\""),
                new ExpressionValue("local.o.a", "is 1"),
                new ExpressionValue("var.p", "is \"abc\""));
    }

    @Test
    void unknownAndSensitiveValuesAreNamedOnlyWhenTheyAreTheProblem() {
        String expr = "[var.s, var.u, var.d, var.p]";
        assertThat(of(expr)).containsExactly(new ExpressionValue("var.p", "is \"abc\""),
                new ExpressionValue("var.u", "is a string"));
        assertThat(DiagnosticValues.of(parse(expr), CTX, true, true)).containsExactly(
                new ExpressionValue("var.d", "will be known only after apply"),
                new ExpressionValue("var.p", "is \"abc\""),
                new ExpressionValue("var.s", "has a sensitive value"),
                new ExpressionValue("var.u", "is a string, known only after apply"));
    }

    @Test
    void evaluationErrorsCarryTheHintsOfTheFailingExpression() {
        var r = Evaluator.evaluate(parse("upper(local.l)"), CTX);
        Diagnostic d = r.diagnostics().asList().get(0);
        assertThat(d.functionCall()).isEqualTo("upper(str)");
        assertThat(d.values()).containsExactly(new ExpressionValue("local.l", "is tuple with 2 elements"));
        d = Evaluator.evaluate(parse("var.p + 1"), CTX).diagnostics().asList().get(0);
        assertThat(d.summary()).isEqualTo("Invalid operand");
        assertThat(d.values()).containsExactly(new ExpressionValue("var.p", "is \"abc\""));
        d = Evaluator.evaluate(parse("var.s + 1"), CTX).diagnostics().asList().get(0);
        assertThat(d.values()).as("a sensitive operand is not named").isEmpty();
    }

    private static List<ExpressionValue> of(String expr) {
        return DiagnosticValues.of(parse(expr), CTX);
    }

    private static io.capstan.hcl.ast.Expression parse(String expr) {
        return HclParser.parseExpression(expr, "test.tf").value();
    }
}
