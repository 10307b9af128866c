package io.capstan.graph.validate;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.DiagnosticValues;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigDecimal;

/**
 * A {@code count} argument evaluated and checked as terraform 1.11 does it, for the validate walk
 * (resources and module calls) and for the plan's expansion alike. The value is first converted to
 * a number as every expression with an expected type is: a value that does not convert is
 * "Incorrect value type" (with the references' values, as terraform's evaluation diagnostics carry
 * its context); then null, a number that is no whole 64-bit integer, and a negative number are each
 * an "Invalid count argument". An unknown number is fine here: only the plan refuses it.
 */
public final class CountValue {
    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private CountValue() {
    }

    /**
     * The count, unmarked: an unknown number, or a known whole number ≥ 0; null when {@code expr}
     * failed to evaluate or its value is unsuitable, which is then in {@code diags}.
     */
    public static Value evaluate(Expression expr, EvalContext ctx, Diagnostics diags) {
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(expr, ctx, d);
        diags.addAll(d);
        if (v == null || d.hasErrors()) {
            return null;
        }
        Value n;
        try {
            // sensitive counts are allowed (the number of instances discloses them anyway)
            n = Convert.convert(v.unmark(), Type.NUMBER);
        } catch (ConversionException e) {
            diags.add(Diagnostic.error("Incorrect value type", "Invalid expression value: " + e.describe() + ".",
                    expr.range()).withValues(DiagnosticValues.of(expr, ctx)));
            return null;
        }
        if (n.isNull()) {
            diags.add(Diagnostic.error("Invalid count argument", "The given \"count\" argument value is null. An "
                    + "integer is required.", expr.range()));
            return null;
        }
        if (!n.isKnown()) {
            return Value.unknown(Type.NUMBER);
        }
        BigDecimal whole = n.asNumber().isInfinite() || !n.asNumber().isInteger() ? null : n.asNumber().toBigDecimal();
        if (whole == null || whole.compareTo(MIN) < 0 || whole.compareTo(MAX) > 0) {
            // the words of go-cty's conversion to a Go int, which terraform quotes
            diags.add(Diagnostic.error("Invalid count argument", "The given \"count\" argument value is unsuitable: "
                    + "value must be a whole number, between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ".",
                    expr.range()));
            return null;
        }
        if (whole.signum() < 0) {
            diags.add(Diagnostic.error("Invalid count argument", "The given \"count\" argument value is unsuitable: "
                    + "must be greater than or equal to zero.", expr.range()));
            return null;
        }
        return n;
    }
}
