package io.capstan.engine.plan;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "Deprecated attribute" warnings of the static reference check, given again for each time a
 * walk evaluates the expressions they are in. terraform checks an expression's references (its
 * {@code StaticValidateReferences}) each time it evaluates the expression: once in its validate walk
 * (the warnings {@link Validation} found), then in the plan walk once per module instance for a local
 * or an output and once per resource instance for a resource's body, and in the apply walk once per
 * module instance for a local and twice per resource instance it creates or updates (the instance's
 * final plan, then its apply), never for an output; a destroy's walks evaluate none of these. So a
 * plan's "(and N more similar warnings elsewhere)" counts every evaluation, as terraform's does.
 * Empty (and free) when the configuration refers to no deprecated attribute.
 */
final class DeprecationRepeats {
    static final DeprecationRepeats NONE = new DeprecationRepeats(List.of());

    private final List<Diagnostic> warnings;
    private final Map<SourceRange, List<Diagnostic>> memo = new ConcurrentHashMap<>();

    private DeprecationRepeats(List<Diagnostic> warnings) {
        this.warnings = warnings;
    }

    /** The "Deprecated attribute" warnings among a validation's diagnostics. */
    static DeprecationRepeats of(Iterable<Diagnostic> validation) {
        List<Diagnostic> found = new ArrayList<>();
        for (Diagnostic d : validation) {
            if (!d.isError() && d.summary().equals("Deprecated attribute") && d.subject() != null) {
                found.add(d);
            }
        }
        return found.isEmpty() ? NONE : new DeprecationRepeats(List.copyOf(found));
    }

    /** Whether the validation found none (then nothing is repeated, and nothing costs anything). */
    boolean isEmpty() {
        return warnings.isEmpty();
    }

    /** Whether {@code d} is one of the validation's warnings (that very diagnostic). */
    boolean contains(Diagnostic d) {
        for (Diagnostic w : warnings) {
            if (w == d) {
                return true;
            }
        }
        return false;
    }

    /** The warnings inside {@code exprs} (one evaluation of them), found once per {@code key} (a range naming them). */
    List<Diagnostic> in(SourceRange key, java.util.function.Supplier<List<Expression>> exprs) {
        if (warnings.isEmpty() || key == null) {
            return List.of();
        }
        return memo.computeIfAbsent(key, k -> {
            List<Diagnostic> out = new ArrayList<>();
            List<Expression> all = exprs.get();
            for (Diagnostic w : warnings) {
                for (Expression e : all) {
                    if (e != null && within(e.range(), w.subject())) {
                        out.add(w);
                        break;
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    private static boolean within(SourceRange outer, SourceRange inner) {
        return outer != null && outer.filename() != null && outer.filename().equals(inner.filename())
                && outer.contains(inner.start());
    }
}
