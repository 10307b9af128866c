package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.TraverseRoot;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.ExpressionValue;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.GoFormat;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The value hints Terraform prints under a failed expression's snippet ({@code │ var.p is "abc"},
 * {@code │ local.x is tuple with 2 elements}) and puts in JSON {@code snippet.values}: for each
 * reference in the expression, the longest prefix (of at least two steps) that evaluates without
 * error, with a short statement about its value. Sensitive and ephemeral values are left out, and
 * unknown ones are given by type only ("is a string"), unless the diagnostic is about them (then
 * "has a sensitive value", "is a string, known only after apply"); the list is sorted by
 * reference, as Terraform sorts it.
 */
public final class DiagnosticValues {
    private DiagnosticValues() {
    }

    /** The hints for {@code expr} evaluated in {@code ctx}, leaving out unknown and sensitive values. */
    public static List<ExpressionValue> of(Expression expr, EvalContext ctx) {
        return of(expr, ctx, false, false);
    }

    /**
     * The hints for {@code expr} in {@code ctx}.
     *
     * @param causedByUnknown the diagnostic is about an unknown value: unknown references are shown
     * @param causedBySensitive the diagnostic is about a sensitive value: sensitive references are
     *     named (never shown)
     */
    public static List<ExpressionValue> of(Expression expr, EvalContext ctx, boolean causedByUnknown,
                                           boolean causedBySensitive) {
        if (expr == null || ctx == null) {
            return List.of();
        }
        List<ExpressionValue> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Traversal t : expr.variables()) {
            List<Traverser> steps = t.steps();
            for (int n = steps.size(); n > 1; n--) {
                Value v = evaluate(steps.subList(0, n), ctx);
                if (v == null) {
                    continue;
                }
                String name = traversal(steps.subList(0, n));
                if (!seen.add(name)) {
                    break;
                }
                String statement = statement(v, causedByUnknown, causedBySensitive);
                if (statement != null) {
                    out.add(new ExpressionValue(name, statement));
                }
                break;
            }
        }
        out.sort(Comparator.comparing(ExpressionValue::traversal));
        return List.copyOf(out);
    }

    /** {@code d} with the hints for {@code expr} in {@code ctx} (see {@link #of(Expression, EvalContext)}). */
    public static Diagnostic attach(Diagnostic d, Expression expr, EvalContext ctx) {
        if (!d.values().isEmpty() || d.subject() == null) {
            return d;
        }
        List<ExpressionValue> vals = of(expr, ctx);
        return vals.isEmpty() ? d : d.withValues(vals);
    }

    private static Value evaluate(List<Traverser> steps, EvalContext ctx) {
        Value v = ctx.lookup(((TraverseRoot) steps.get(0)).name());
        if (v == null) {
            return null;
        }
        Diagnostics d = new Diagnostics();
        v = ExprWalker.applySteps(v, steps.subList(1, steps.size()), d);
        return d.hasErrors() ? null : v;
    }

    private static String statement(Value v, boolean causedByUnknown, boolean causedBySensitive) {
        if (v.hasMark(Mark.SENSITIVE)) {
            // checked first so that nothing about a sensitive value leaks, not even whether it is known
            return causedBySensitive ? "has a sensitive value" : null;
        }
        if (v.hasMark(Mark.EPHEMERAL)) {
            return null;
        }
        if (!v.isKnown()) {
            if (!causedByUnknown) {
                // only the type: "known only after apply" would read as the cause of the problem
                return v.type() == Type.DYNAMIC ? null : "is a " + v.type().friendlyName();
            }
            return v.type() == Type.DYNAMIC ? "will be known only after apply"
                    : "is a " + v.type().friendlyName() + ", known only after apply";
        }
        return "is " + compact(v);
    }

    /** Terraform's short description of a known value: {@code "abc"}, {@code 5}, {@code list of string with 2 elements}. */
    public static String compact(Value v) {
        Type ty = v.type();
        if (v.isNull()) {
            return "null";
        } else if (!v.isKnown()) {
            return "(not yet known)";
        } else if (ty == Type.BOOL) {
            return v.unmark().asBool() ? "true" : "false";
        } else if (ty == Type.NUMBER) {
            return number(v.unmark().asNumber());
        } else if (ty == Type.STRING) {
            return GoFormat.quote(v.unmark().asString());
        } else if (ty instanceof ObjectType ot) {
            int n = ot.attributes().size();
            return n == 0 ? "object with no attributes"
                    : n == 1 ? "object with 1 attribute " + GoFormat.quote(ot.attributes().keySet().iterator().next())
                    : "object with " + n + " attributes";
        } else if (ty.isPrimitive() || ty == Type.DYNAMIC) {
            return ty.friendlyName();
        }
        int l = v.length();
        String name = ty.friendlyName();
        return l == 0 ? "empty " + name : l == 1 ? name + " with 1 element" : name + " with " + l + " elements";
    }

    /** Go's {@code big.Float.Text('g', 10)}: ten significant digits, exponent form outside 1e-4..1e10. */
    static String number(BigNumber n) {
        if (n.isInfinite()) {
            return n.isNegative() ? "-Inf" : "+Inf";
        }
        BigDecimal b = n.toBigDecimal();
        if (b.signum() == 0) {
            return "0";
        }
        String sign = b.signum() < 0 ? "-" : "";
        b = b.abs().round(new MathContext(10, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        String mant = b.unscaledValue().toString();
        int exp = mant.length() - b.scale(); // the decimal point sits after `exp` digits
        int eprec = 10;
        if (eprec > mant.length() && mant.length() >= exp) {
            eprec = mant.length();
        }
        int x = exp - 1;
        if (x < -4 || x >= eprec) {
            StringBuilder sb = new StringBuilder(sign).append(mant.charAt(0));
            if (mant.length() > 1) {
                sb.append('.').append(mant, 1, mant.length());
            }
            sb.append('e').append(x < 0 ? '-' : '+');
            if (Math.abs(x) < 10) {
                sb.append('0');
            }
            return sb.append(Math.abs(x)).toString();
        }
        return sign + b.toPlainString();
    }

    /** Terraform's rendering of a reference: {@code var.a[0]["k"]}. */
    static String traversal(List<Traverser> steps) {
        StringBuilder sb = new StringBuilder();
        for (Traverser t : steps) {
            if (t instanceof TraverseRoot r) {
                sb.append(r.name());
            } else if (t instanceof TraverseAttr a) {
                sb.append('.').append(a.name());
            } else if (t instanceof TraverseIndex i) {
                sb.append('[').append(key(i.key())).append(']');
            }
        }
        return sb.toString();
    }

    private static String key(Literal k) {
        if (k instanceof Literal.Str s) {
            return GoFormat.quote(s.value());
        } else if (k instanceof Literal.Num num) {
            return number(BigNumber.of(num.value()));
        }
        return k.toString();
    }
}
