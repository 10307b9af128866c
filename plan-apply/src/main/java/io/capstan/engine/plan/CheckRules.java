package io.capstan.engine.plan;

import io.capstan.graph.config.CheckRule;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.DiagnosticValues;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;

/**
 * One condition (a resource's pre/postcondition, an output's precondition, a check block's
 * assertion) evaluated as terraform 1.11's {@code evalCheckRule}: the error message first, then the
 * condition. An error in either ("Attempt to get attribute from null value", a failing function
 * call, "Invalid condition result", "Invalid error message") is an error whatever the rule's
 * severity, and makes the rule's status {@code error}, even when the condition holds; an unknown
 * condition is {@code unknown}; a false one {@code fail}, with its trimmed message (empty when the
 * message is unknown, sensitive or invalid).
 */
final class CheckRules {
    private CheckRules() {
    }

    /** A rule's status ({@code pass}, {@code fail}, {@code unknown}, {@code error}) and, when it failed, its message. */
    record Outcome(String status, String message) {
        boolean failed() {
            return status.equals("fail");
        }

        boolean unknown() {
            return status.equals("unknown");
        }

        boolean error() {
            return status.equals("error");
        }
    }

    /**
     * Evaluates {@code rule}, its condition in {@code condCtx} and its message in {@code msgCtx},
     * adding the errors (and the warning for a sensitive message) to {@code diags}; the failure
     * itself is the caller's to report, with {@link #failureDetail}.
     */
    static Outcome evaluate(CheckRule rule, EvalContext condCtx, EvalContext msgCtx, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        String message = rule.errorMessage() == null ? "" : message(rule.errorMessage(), msgCtx, own);
        Value cond = Evaluator.evaluate(rule.condition(), condCtx, own);
        diags.addAll(own);
        if (cond == null || own.hasErrors()) {
            return new Outcome("error", null);
        }
        if (!cond.isKnown()) {
            return new Outcome("unknown", null);
        }
        Boolean result = ConditionValue.of(cond, rule.condition(), condCtx, diags);
        if (result == null) {
            return new Outcome("error", null);
        }
        return result ? new Outcome("pass", null) : new Outcome("fail", message);
    }

    /** What a failed rule's diagnostic says: its message, or terraform's words when it has none to show. */
    static String failureDetail(Outcome o) {
        return o.message() == null || o.message().isEmpty()
                ? "This check failed, but has an invalid error message as described in the other accompanying messages."
                : o.message();
    }

    /** The message for a problem list: null when there is none to show (terraform lists no empty message). */
    static String problem(Outcome o) {
        return o.message() == null || o.message().isEmpty() ? null : o.message();
    }

    /** terraform's {@code EvalCheckErrorMessage}: the message as a trimmed string, "" with a diagnostic when it cannot be shown. */
    private static String message(Expression expr, EvalContext ctx, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        Value v = Evaluator.evaluate(expr, ctx, own);
        diags.addAll(own);
        if (v == null || own.hasErrors()) {
            return "";
        }
        boolean sensitive = v.hasMark(Mark.SENSITIVE);
        Value plain = v.unmark();
        try {
            plain = Convert.convert(plain, Type.STRING);
        } catch (ConversionException e) {
            diags.add(DiagnosticValues.attach(Diagnostic.error("Invalid error message", "Unsuitable value for error "
                    + "message: " + e.getMessage() + ".", expr.range()), expr, ctx));
            return "";
        }
        if (!plain.isKnown()) {
            return "";
        }
        if (plain.isNull()) {
            diags.add(DiagnosticValues.attach(Diagnostic.error("Invalid error message", "Unsuitable value for error "
                    + "message: must not be null.", expr.range()), expr, ctx));
            return "";
        }
        if (sensitive || plain.hasMark(Mark.SENSITIVE)) {
            diags.add(DiagnosticValues.attach(Diagnostic.warning("Error message refers to sensitive values", "The "
                    + "error expression used to explain this condition refers to sensitive values, so Terraform will "
                    + "not display the resulting message.\n\nYou can correct this by removing references to sensitive "
                    + "values, or by carefully using the nonsensitive() function if the expression will not reveal the "
                    + "sensitive data.", expr.range()), expr, ctx));
            return "";
        }
        return plain.unmark().asString().strip();
    }
}
