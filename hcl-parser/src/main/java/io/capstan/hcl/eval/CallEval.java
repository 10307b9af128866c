package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.FunctionCallExpr;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.body.Suggestions;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.Severity;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.function.Function;
import io.capstan.hcl.function.FunctionContext;
import io.capstan.hcl.function.FunctionRegistry;
import io.capstan.hcl.function.Parameter;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Function calls: name resolution ({@code core::} and provider namespaces, "Did you mean"
 * hints), argument evaluation with {@code ...} expansion, the calling machinery of
 * {@link FunctionRegistry}, and the two functions that take unevaluated expressions,
 * {@code try} and {@code can}. Template functions get an evaluator wired in here.
 */
final class CallEval {
    private final ExprWalker w;

    CallEval(ExprWalker w) {
        this.w = w;
    }

    Value call(FunctionCallExpr call, EvalContext ctx, Diagnostics diags) {
        String name = call.name();
        String base = name.startsWith("core::") ? name.substring("core::".length()) : name;
        FunctionRegistry reg = ctx.functions();
        if (reg == null) {
            diags.add(Diagnostic.error("Function calls not allowed", "Functions may not be called here.", call.range()));
            return Value.DYNAMIC_UNKNOWN;
        }
        if (base.equals("try") || base.equals("can")) {
            return base.equals("try") ? tryCall(call, ctx, diags) : canCall(call, ctx, diags);
        }
        Function f = base.startsWith("provider::") || !base.contains("::") ? reg.get(base) : null;
        if (f == null && base.startsWith("provider::") && reg.providerLookup() != null) {
            String[] parts = base.split("::", -1);
            if (parts.length == 3) {
                Result<Function> found = reg.providerLookup().lookup(parts[1], parts[2]);
                if (found.value() == null && !found.diagnostics().isEmpty()) {
                    for (Diagnostic d : found.diagnostics()) {
                        diags.add(d.subject() != null ? d : new Diagnostic(d.severity(), d.summary(), d.detail(),
                                call.nameRange(), null));
                    }
                    return Value.DYNAMIC_UNKNOWN;
                }
                f = found.value();
            }
        }
        if (f == null) {
            if (name.contains("::")) {
                diags.add(Diagnostic.error("Unknown provider function", "There is no function named \"" + name + "\"."
                        + providerHint(name), call.nameRange()));
            } else {
                Set<String> names = new TreeSet<>(reg.names());
                names.add("try");
                names.add("can");
                String sug = Suggestions.nameSuggestion(name, names);
                diags.add(Diagnostic.error("Call to unknown function", "There is no function named \"" + name + "\"."
                        + (sug == null ? "" : " Did you mean \"" + sug + "\"?"), call.nameRange()));
            }
            return Value.DYNAMIC_UNKNOWN;
        }
        if (base.equals("templatestring") && !call.args().isEmpty()
                && !(call.args().get(0) instanceof ScopeTraversalExpr)) {
            diags.add(new Diagnostic(Severity.ERROR, "Invalid function argument", "Invalid value for \"template\" "
                    + "parameter: the template must be given as a direct reference to a named value, not as an inline "
                    + "expression.", call.args().get(0).range(), call.range()));
            return Value.DYNAMIC_UNKNOWN;
        }
        Diagnostics argDiags = new Diagnostics();
        List<Value> args = new ArrayList<>();
        List<SourceRange> ranges = new ArrayList<>();
        List<Expression> argExprs = new ArrayList<>();
        Set<Mark> expandMarks = new LinkedHashSet<>();
        for (int i = 0; i < call.args().size(); i++) {
            Expression a = call.args().get(i);
            Value v = w.eval(a, ctx, argDiags);
            if (call.expandFinal() && i == call.args().size() - 1) {
                if (v.isNull()) {
                    argDiags.add(Diagnostic.error("Invalid expanding argument value",
                            "The expanding argument (indicated by ...) must not be null.", a.range()));
                    continue;
                }
                if (!ExprWalker.isSequenceType(v.type())) {
                    argDiags.add(Diagnostic.error("Invalid expanding argument value",
                            "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", a.range()));
                    continue;
                }
                if (!v.isKnown()) {
                    diags.addAll(argDiags);
                    return Value.DYNAMIC_UNKNOWN.withMarks(v.marks());
                }
                expandMarks.addAll(v.marks());
                for (Value e : v.unmark().elements()) {
                    args.add(e);
                    ranges.add(startRange(a));
                    argExprs.add(a);
                }
            } else {
                args.add(v);
                ranges.add(startRange(a));
                argExprs.add(a);
            }
        }
        diags.addAll(argDiags);
        if (argDiags.hasErrors()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        FunctionContext fc = ctx.functionContext();
        if (fc == null) {
            fc = FunctionContext.of(Path.of("."));
        }
        if (fc.evaluator() == null) {
            fc = fc.withEvaluator(new TemplateRenderer(reg, fc));
        }
        Result<Value> r = FunctionRegistry.call(f, args, fc);
        String described = null;
        String signature = null;
        for (Diagnostic d : r.diagnostics()) {
            if (described == null) {
                described = describe(call.name(), f);
                signature = FunctionCallJson.of(call.name(), f);
            }
            SourceRange subject = subjectFor(f, d, call, ranges);
            // as hcl: an argument's error is about that argument's expression, any other about the call
            Expression from = call;
            if (d.summary().equals("Invalid function argument") && ranges.contains(subject)) {
                from = argExprs.get(ranges.indexOf(subject));
            }
            diags.add(DiagnosticValues.attach(new Diagnostic(d.severity(), d.summary(), d.detail(), subject,
                    call.range()).withFunctionCall(described, signature), from, ctx));
        }
        Value out = r.value() == null ? Value.DYNAMIC_UNKNOWN : r.value();
        return out.withMarks(expandMarks);
    }

    /** The call as terraform's "while calling" line names it: as written, with the parameter names. */
    private static String describe(String calledAs, Function f) {
        StringBuilder sb = new StringBuilder(calledAs).append('(');
        for (int i = 0; i < f.params().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(f.params().get(i).name());
        }
        if (f.variadic() != null) {
            sb.append(f.params().isEmpty() ? "" : ", ").append(f.variadic().name()).append("...");
        }
        return sb.append(')').toString();
    }

    /** Points an argument diagnostic at the argument it names, else at the call. */
    private static SourceRange subjectFor(Function f, Diagnostic d, FunctionCallExpr call, List<SourceRange> ranges) {
        if (d.subject() != null) {
            return d.subject();
        }
        if (d.summary().equals("Not enough function arguments")) {
            return call.closeParenRange();
        }
        if (d.summary().equals("Too many function arguments") && ranges.size() > f.params().size()) {
            return ranges.get(f.params().size());
        }
        if (d.summary().equals("Invalid function argument")) {
            for (int i = 0; i < ranges.size(); i++) {
                Parameter p = f.paramFor(i);
                if (p != null && d.detail().startsWith("Invalid value for \"" + p.name() + "\"")) {
                    return ranges.get(i);
                }
            }
        }
        if (d.summary().equals("Error in function call")) {
            // hcl points a failed call at the call's start: its name through the opening parenthesis
            return SourceRange.between(call.nameRange(), call.openParenRange());
        }
        return call.range();
    }

    /**
     * hcl's {@code StartRange} of an argument, where argument diagnostics point: a quoted
     * string's first part (inside the quotes), a tuple's or object's opening bracket, a call's
     * name through its opening parenthesis; otherwise the whole expression.
     */
    static SourceRange startRange(Expression e) {
        if (e instanceof io.capstan.hcl.ast.TemplateExpr t && !t.heredoc() && !t.parts().isEmpty()) {
            return startRange(t.parts().get(0));
        }
        if (e instanceof io.capstan.hcl.ast.TupleConsExpr t && t.openRange() != null) {
            return t.openRange();
        }
        if (e instanceof io.capstan.hcl.ast.ObjectConsExpr o && o.openRange() != null) {
            return o.openRange();
        }
        if (e instanceof FunctionCallExpr c) {
            return SourceRange.between(c.nameRange(), c.openParenRange());
        }
        return e.range();
    }

    // --- try and can -----------------------------------------------------------------------

    private Value tryCall(FunctionCallExpr call, EvalContext ctx, Diagnostics diags) {
        if (call.args().isEmpty()) {
            diags.add(Diagnostic.error("Error in function call",
                    "Call to function \"try\" failed: at least one argument is required.", call.range()));
            return Value.DYNAMIC_UNKNOWN;
        }
        StringBuilder errs = new StringBuilder();
        for (Expression a : call.args()) {
            if (dependsOnUnknowns(a, ctx)) {
                return Value.DYNAMIC_UNKNOWN;
            }
            Diagnostics d = new Diagnostics();
            Value v = w.eval(a, ctx, d);
            if (!d.hasErrors()) {
                return v;
            }
            for (Diagnostic x : d) {
                if (x.isError()) {
                    errs.append("\n- ").append(x.summary());
                    if (x.subject() != null) {
                        errs.append("\n  at ").append(x.subject());
                    }
                    errs.append("\n  ").append(x.detail());
                }
            }
        }
        diags.add(Diagnostic.error("Error in function call", "Call to function \"try\" failed: no expression succeeded:"
                + errs + "\n\nAt least one expression must produce a valid result to continue.", call.range()));
        return Value.DYNAMIC_UNKNOWN;
    }

    private Value canCall(FunctionCallExpr call, EvalContext ctx, Diagnostics diags) {
        if (call.args().isEmpty()) {
            diags.add(Diagnostic.error("Not enough function arguments",
                    "Function \"can\" expects 1 argument(s). Missing value for \"expression\".", call.closeParenRange()));
            return Value.unknown(Type.BOOL);
        }
        if (call.args().size() > 1) {
            diags.add(Diagnostic.error("Too many function arguments", "Function \"can\" expects only 1 argument(s).",
                    call.args().get(1).range()));
            return Value.unknown(Type.BOOL);
        }
        Expression a = call.args().get(0);
        if (dependsOnUnknowns(a, ctx)) {
            return Value.unknown(Type.BOOL);
        }
        Diagnostics d = new Diagnostics();
        Value v = w.eval(a, ctx, d);
        if (d.hasErrors()) {
            return Value.FALSE;
        }
        return v.isWhollyKnown() ? Value.TRUE : Value.unknown(Type.BOOL);
    }

    /** True when a variable the expression refers to is not wholly known yet. */
    private boolean dependsOnUnknowns(Expression e, EvalContext ctx) {
        for (Traversal t : e.variables()) {
            Diagnostics scratch = new Diagnostics();
            Value v = w.eval(new ScopeTraversalExpr(t, t.range()), ctx, scratch);
            if (!scratch.hasErrors() && !v.isWhollyKnown()) {
                return true;
            }
        }
        return false;
    }

    /** Terraform's hint for {@code provider::<local>::<fn>} names the module has not brought into scope. */
    private static String providerHint(String name) {
        String[] parts = name.split("::", -1);
        if (parts.length != 3 || !parts[0].equals("provider")) {
            return "";
        }
        return " Ensure that provider name \"" + parts[1] + "\" is declared in this module's required_providers "
                + "block, and that this provider offers a function named \"" + parts[2] + "\".";
    }
}
