package io.capstan.engine.plan;

import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.validate.CountValue;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.DiagnosticValues;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates {@code count} and {@code for_each} into instance keys (with each instance's
 * {@code each.value}), reporting Terraform's errors for unknown, null, negative or unsuitable
 * values. A null result means the expansion failed and was reported.
 */
final class Expander {
    private Expander() {
    }

    /** Keys in Terraform's order and the {@code each.value} (or null) of each. */
    record Result(Expansion.Kind kind, Map<InstanceKey, Value> keys) {
    }

    static Result expand(Expression count, Expression forEach, EvalContext ctx, Diagnostics diags) {
        if (count != null) {
            Value c = CountValue.evaluate(count, ctx, diags);
            if (c == null || diags.hasErrors()) {
                return null;
            }
            if (!c.isKnown()) {
                diags.add(Diagnostic.error("Invalid count argument", "The \"count\" value depends on resource "
                        + "attributes that cannot be determined until apply, so Terraform cannot predict how many "
                        + "instances will be created. To work around this, use the -target argument to first apply "
                        + "only the resources that the count depends on.", count.range()));
                return null;
            }
            int n;
            try {
                n = c.asNumber().toBigDecimal().intValueExact();
            } catch (ArithmeticException e) {
                // a whole number beyond the instances anyone can plan (terraform would try them)
                diags.add(Diagnostic.error("Invalid count argument", "The given \"count\" argument value is "
                        + "unsuitable: value must be a whole number, between " + Integer.MIN_VALUE + " and "
                        + Integer.MAX_VALUE + ".", count.range()));
                return null;
            }
            Map<InstanceKey, Value> keys = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                keys.put(new InstanceKey.Int(i), null);
            }
            return new Result(Expansion.Kind.COUNT, keys);
        }
        if (forEach != null) {
            Value v = Evaluator.evaluate(forEach, ctx, diags);
            if (v == null || diags.hasErrors()) {
                return null;
            }
            String problem = null;
            if (v.isSensitive()) {
                problem = "Sensitive values, or values derived from sensitive values, cannot be used as for_each "
                        + "arguments. If used, the sensitive value could be exposed as a resource instance key.";
            } else if (!v.isKnown() || (v.type() instanceof SetType && !v.isWhollyKnown())) {
                problem = "The \"for_each\" set includes values derived from resource attributes that cannot be "
                        + "determined until apply, and so Terraform cannot determine the full set of keys that will "
                        + "identify the instances of this resource.\n\nWhen working with unknown values in for_each, "
                        + "it's better to use a map value where the keys are defined statically in your configuration "
                        + "and where only the values contain apply-time results.\n\nAlternatively, you could use the "
                        + "-target planning option to first apply only the resources that the for_each value depends "
                        + "on, and then apply a second time to fully converge.";
            } else if (v.isNull()) {
                problem = "The given \"for_each\" argument value is unsuitable: the given \"for_each\" argument value "
                        + "is null. A map, or set of strings is allowed.";
            }
            Type t = v.type();
            if (problem == null && (t instanceof ListType || t instanceof TupleType || t.isPrimitive()
                    || (t instanceof SetType st && st.element() != Type.STRING && st.element() != Type.DYNAMIC))) {
                problem = "The given \"for_each\" argument value is unsuitable: the \"for_each\" argument must be a "
                        + "map, or set of strings, and you have provided a value of type " + t.friendlyName() + ".";
            }
            if (problem != null) {
                // as terraform: the hints name an unknown or sensitive reference only when that is the problem
                boolean sensitive = v.isSensitive();
                boolean unknown = !sensitive && (!v.isKnown() || !v.isWhollyKnown());
                diags.add(Diagnostic.error("Invalid for_each argument", problem, forEach.range())
                        .withValues(DiagnosticValues.of(forEach, ctx, unknown, sensitive)));
                return null;
            }
            Value u = v.unmark();
            Map<InstanceKey, Value> keys = new LinkedHashMap<>();
            if (t instanceof SetType) {
                for (Value e : u.elements()) {
                    if (e.isNull()) {
                        diags.add(Diagnostic.error("Invalid for_each set argument", "The given \"for_each\" argument "
                                + "value is unsuitable: \"for_each\" sets must not contain null values.", forEach.range()));
                        return null;
                    }
                    keys.put(new InstanceKey.Str(e.unmark().asString()), e);
                }
            } else {
                for (Map.Entry<String, Value> e : u.entries().entrySet()) {
                    keys.put(new InstanceKey.Str(e.getKey()), e.getValue());
                }
            }
            return new Result(Expansion.Kind.FOR_EACH, keys);
        }
        Map<InstanceKey, Value> one = new LinkedHashMap<>();
        one.put(InstanceKey.NONE, null);
        return new Result(Expansion.Kind.SINGLE, one);
    }
}
