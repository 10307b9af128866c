package io.capstan.engine.plan;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.DiagnosticValues;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;

/**
 * A known condition's result as terraform 1.11 takes it: converted to bool (the strings "true",
 * "false", "1" and "0" too, as an untyped {@code -var ok=false} is a string), an error for null or
 * for a value that is not a bool ("Invalid condition result"), whatever the rule's severity (a
 * check block's assertion and a refresh-only plan's conditions too).
 */
final class ConditionValue {
    private ConditionValue() {
    }

    /** A resource's, output's or check's condition: TRUE, FALSE, or null with an error in {@code diags}. */
    static Boolean of(Value cond, Expression condition, EvalContext ctx, Diagnostics diags) {
        return of(cond, condition, ctx, diags, "Invalid condition result",
                "Condition expression must return either true or false, not null.", "Invalid condition result value: ");
    }

    /** A variable's validation condition: as {@link #of}, with terraform's words for a validation. */
    static Boolean validation(Value cond, Expression condition, EvalContext ctx, Diagnostics diags) {
        return of(cond, condition, ctx, diags, "Invalid variable validation result",
                "Validation condition expression must return either true or false, not null.",
                "Invalid validation condition result value: ");
    }

    private static Boolean of(Value cond, Expression condition, EvalContext ctx, Diagnostics diags, String summary,
                              String nullDetail, String invalid) {
        Value v = cond.unmark();
        if (v.isNull()) {
            diags.add(DiagnosticValues.attach(Diagnostic.error(summary, nullDetail, condition.range()), condition, ctx));
            return null;
        }
        try {
            return Convert.convert(v, Type.BOOL).asBool();
        } catch (ConversionException e) {
            diags.add(DiagnosticValues.attach(Diagnostic.error(summary, invalid + e.getMessage() + ".",
                    condition.range()), condition, ctx));
            return null;
        }
    }
}
