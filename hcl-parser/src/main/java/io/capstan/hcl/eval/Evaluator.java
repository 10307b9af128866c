package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.Value;
import java.util.Objects;

/**
 * Evaluates expressions of either syntax (native HCL and JSON) to values, with HCL and
 * Terraform semantics: operators, conditionals, templates, {@code for}, splats, traversals,
 * function calls (including {@code try}, {@code can}, {@code templatefile} and
 * {@code templatestring}), unknown and mark propagation. Errors come back as diagnostics
 * with Terraform's summaries and the offending expression's range; the failed part
 * evaluates to an unknown value so that one mistake does not cascade.
 *
 * <p>Stateless and thread-safe; every call walks the expression afresh.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** Evaluates {@code expr} in {@code ctx}; the value is never null (unknown on error). */
    public static Result<Value> evaluate(Expression expr, EvalContext ctx) {
        Diagnostics diags = new Diagnostics();
        Value v = evaluate(expr, ctx, diags);
        return new Result<>(v, diags);
    }

    /** Evaluates {@code expr} in {@code ctx}, appending problems to {@code diags}. */
    public static Value evaluate(Expression expr, EvalContext ctx, Diagnostics diags) {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(diags, "diags");
        return new ExprWalker(diags).eval(expr, ctx);
    }
}
