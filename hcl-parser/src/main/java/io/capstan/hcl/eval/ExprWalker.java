package io.capstan.hcl.eval;

import io.capstan.hcl.ast.AnonSymbolExpr;
import io.capstan.hcl.ast.BinaryOpExpr;
import io.capstan.hcl.ast.ConditionalExpr;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.ForExpr;
import io.capstan.hcl.ast.FunctionCallExpr;
import io.capstan.hcl.ast.IndexExpr;
import io.capstan.hcl.ast.InvalidExpr;
import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.LiteralValueExpr;
import io.capstan.hcl.ast.ObjectConsExpr;
import io.capstan.hcl.ast.ObjectConsItem;
import io.capstan.hcl.ast.ObjectConsKeyExpr;
import io.capstan.hcl.ast.Operation;
import io.capstan.hcl.ast.ParenthesesExpr;
import io.capstan.hcl.ast.RelativeTraversalExpr;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.SplatExpr;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.ast.TemplateJoinExpr;
import io.capstan.hcl.ast.TemplateWrapExpr;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.TraverseRoot;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.ast.TupleConsExpr;
import io.capstan.hcl.ast.UnaryOpExpr;
import io.capstan.hcl.body.Suggestions;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.OperationException;
import io.capstan.hcl.value.Operations;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Unify;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node-by-node evaluation behind {@link Evaluator}, following hclsyntax's
 * {@code Value} methods. One walker serves one top-level evaluation; it remembers the
 * current element of each enclosing splat. Iteration ({@code for}, splat) and function
 * calls live in {@link IterationEval} and {@link CallEval}.
 */
final class ExprWalker {
    private final Diagnostics rootDiags;
    final Map<AnonSymbolExpr, Value> splatItems = new IdentityHashMap<>();

    ExprWalker(Diagnostics diags) {
        this.rootDiags = diags;
    }

    Value eval(Expression e, EvalContext ctx) {
        return eval(e, ctx, rootDiags);
    }

    Value eval(Expression e, EvalContext ctx, Diagnostics diags) {
        if (e instanceof LiteralValueExpr l) {
            return literal(l.value());
        } else if (e instanceof TemplateExpr t) {
            return template(t, ctx, diags);
        } else if (e instanceof TemplateWrapExpr w) {
            return eval(w.wrapped(), ctx, diags);
        } else if (e instanceof TemplateJoinExpr j) {
            return templateJoin(j, ctx, diags);
        } else if (e instanceof ScopeTraversalExpr s) {
            int before = diags.size();
            Value v = scopeTraversal(s, ctx, diags);
            return withValues(v, diags, before, s, ctx);
        } else if (e instanceof RelativeTraversalExpr r) {
            Value src = eval(r.source(), ctx, diags);
            int before = diags.size();
            return withValues(applySteps(src, r.traversal(), diags), diags, before, r, ctx);
        } else if (e instanceof IndexExpr i) {
            Value coll = eval(i.collection(), ctx, diags);
            Value key = eval(i.key(), ctx, diags);
            int before = diags.size();
            return withValues(Traverse.index(coll, key, i.bracketRange(), diags), diags, before, i, ctx);
        } else if (e instanceof FunctionCallExpr f) {
            return new CallEval(this).call(f, ctx, diags);
        } else if (e instanceof ConditionalExpr c) {
            return conditional(c, ctx, diags);
        } else if (e instanceof BinaryOpExpr b) {
            return binary(b, ctx, diags);
        } else if (e instanceof UnaryOpExpr u) {
            return unary(u, ctx, diags);
        } else if (e instanceof TupleConsExpr t) {
            List<Value> vals = new ArrayList<>(t.exprs().size());
            for (Expression x : t.exprs()) {
                vals.add(eval(x, ctx, diags));
            }
            return Value.tuple(vals);
        } else if (e instanceof ObjectConsExpr o) {
            return object(o, ctx, diags);
        } else if (e instanceof ObjectConsKeyExpr k) {
            String lit = k.literalName();
            return lit != null ? Value.of(lit) : eval(k.wrapped(), ctx, diags);
        } else if (e instanceof ForExpr f) {
            return new IterationEval(this).forExpr(f, ctx, diags);
        } else if (e instanceof SplatExpr s) {
            return new IterationEval(this).splat(s, ctx, diags);
        } else if (e instanceof AnonSymbolExpr a) {
            Value v = splatItems.get(a);
            return v == null ? Value.DYNAMIC_UNKNOWN : v;
        } else if (e instanceof ParenthesesExpr p) {
            return eval(p.wrapped(), ctx, diags);
        } else if (e instanceof InvalidExpr) {
            return Value.DYNAMIC_UNKNOWN;
        } else if (e instanceof JsonExpression j) {
            return json(j.value(), ctx, diags);
        }
        throw new IllegalStateException("unhandled expression " + e.getClass());
    }

    /** {@code v}, after adding the value hints of {@code e} to the diagnostics raised since {@code before}. */
    static Value withValues(Value v, Diagnostics diags, int before, Expression e, EvalContext ctx) {
        if (diags.size() > before) {
            diags.replaceFrom(before, d -> DiagnosticValues.attach(d, e, ctx));
        }
        return v;
    }

    static Value literal(Literal l) {
        if (l instanceof Literal.Num n) {
            return Value.of(BigNumber.of(n.value()));
        } else if (l instanceof Literal.Bool b) {
            return Value.of(b.value());
        } else if (l instanceof Literal.Str s) {
            return Value.of(s.value());
        }
        return Value.DYNAMIC_NULL;
    }

    // --- traversals --------------------------------------------------------------------

    private Value scopeTraversal(ScopeTraversalExpr s, EvalContext ctx, Diagnostics diags) {
        List<Traverser> steps = s.traversal().steps();
        TraverseRoot root = (TraverseRoot) steps.get(0);
        Value v = ctx.lookup(root.name());
        if (v == null) {
            Set<String> names = ctx.visibleNames();
            if (names.isEmpty()) {
                diags.add(Diagnostic.error("Variables not allowed", "Variables may not be used here.", root.range()));
            } else {
                String sug = Suggestions.nameSuggestion(root.name(), names);
                diags.add(Diagnostic.error("Unknown variable", "There is no variable named \"" + root.name() + "\"."
                        + (sug == null ? "" : " Did you mean \"" + sug + "\"?"), root.range()));
            }
            return Value.DYNAMIC_UNKNOWN;
        }
        return applySteps(v, steps.subList(1, steps.size()), diags);
    }

    static Value applySteps(Value v, List<Traverser> steps, Diagnostics diags) {
        for (Traverser t : steps) {
            int before = diags.size();
            if (t instanceof TraverseAttr a) {
                v = Traverse.getAttr(v, a.name(), a.range(), diags);
            } else if (t instanceof TraverseIndex i) {
                v = Traverse.index(v, literal(i.key()), i.range(), diags);
            }
            if (diags.size() > before && diags.hasErrors()) {
                return Value.DYNAMIC_UNKNOWN;
            }
        }
        return v;
    }

    // --- templates ---------------------------------------------------------------------

    private Value template(TemplateExpr t, EvalContext ctx, Diagnostics diags) {
        StringBuilder sb = new StringBuilder();
        boolean known = true;
        Set<Mark> marks = new LinkedHashSet<>();
        for (Expression part : t.parts()) {
            if (part instanceof LiteralValueExpr l && l.value() instanceof Literal.Str s) {
                sb.append(s.value());
                continue;
            }
            Value v = eval(part, ctx, diags);
            Value.Unmarked u = v.unmarkDeep();
            marks.addAll(u.marks());
            v = u.value();
            if (v.isNull()) {
                diags.add(DiagnosticValues.attach(Diagnostic.error("Invalid template interpolation value",
                        "The expression result is null. Cannot include a null value in a string template.", part.range()),
                        part, ctx));
                known = false;
                continue;
            }
            if (!v.isKnown()) {
                known = false;
                continue;
            }
            try {
                Value str = Convert.convert(v, Type.STRING);
                if (!str.isKnown()) {
                    known = false;
                    continue;
                }
                sb.append(str.asString());
            } catch (ConversionException ex) {
                diags.add(DiagnosticValues.attach(Diagnostic.error("Invalid template interpolation value",
                        "Cannot include the given value in a string template: " + ex.describe() + ".", part.range()),
                        part, ctx));
                known = false;
            }
        }
        Value out = known ? Value.of(sb.toString()) : Value.unknown(Type.STRING);
        return out.withMarks(marks);
    }

    private Value templateJoin(TemplateJoinExpr j, EvalContext ctx, Diagnostics diags) {
        Value tuple = eval(j.tuple(), ctx, diags);
        if (tuple.type() == Type.DYNAMIC || !tuple.isKnown() || tuple.isNull()) {
            return Value.unknown(Type.STRING).withMarks(tuple.marks());
        }
        Set<Mark> marks = new LinkedHashSet<>(tuple.marks());
        StringBuilder sb = new StringBuilder();
        for (Value el : tuple.elements()) {
            Value.Unmarked u = el.unmarkDeep();
            marks.addAll(u.marks());
            Value v = u.value();
            if (v.isNull()) {
                diags.add(Diagnostic.error("Invalid template interpolation value",
                        "An iteration result is null. Cannot include a null value in a string template.", j.range()));
                continue;
            }
            if (v.type() == Type.DYNAMIC || !v.isKnown()) {
                return Value.unknown(Type.STRING).withMarks(marks);
            }
            try {
                sb.append(Convert.convert(v, Type.STRING).asString());
            } catch (ConversionException ex) {
                diags.add(Diagnostic.error("Invalid template interpolation value",
                        "Cannot include one of the interpolation results into the string template: "
                                + ex.describe() + ".", j.range()));
            }
        }
        return Value.of(sb.toString()).withMarks(marks);
    }

    // --- operators and conditionals -----------------------------------------------------

    private Value conditional(ConditionalExpr c, EvalContext ctx, Diagnostics diags) {
        Diagnostics trueDiags = new Diagnostics();
        Diagnostics falseDiags = new Diagnostics();
        Value t = eval(c.trueResult(), ctx, trueDiags);
        Value f = eval(c.falseResult(), ctx, falseDiags);
        Type resultType;
        if (t.equals(Value.DYNAMIC_NULL)) {
            resultType = f.type();
        } else if (f.equals(Value.DYNAMIC_NULL)) {
            resultType = t.type();
        } else if (t.type() == Type.DYNAMIC || f.type() == Type.DYNAMIC) {
            resultType = Type.DYNAMIC;
        } else {
            resultType = Unify.unify(List.of(t.type(), f.type()), true);
        }
        SourceRange branches = SourceRange.between(c.trueResult().range(), c.falseResult().range());
        if (resultType == null) {
            diags.add(new Diagnostic(io.capstan.hcl.diag.Severity.ERROR, "Inconsistent conditional result types",
                    "The true and false result expressions must have consistent types. The 'true' value is "
                            + t.type().friendlyName() + ", but the 'false' value is " + f.type().friendlyName() + ".",
                    branches, c.range()));
            return Value.DYNAMIC_UNKNOWN;
        }
        Value cond = eval(c.condition(), ctx, diags);
        Set<Mark> condMarks = cond.unmarkDeep().marks();
        cond = cond.unmarkDeep().value();
        if (cond.isNull()) {
            diags.add(Diagnostic.error("Null condition",
                    "The condition value is null. Conditions must either be true or false.", c.condition().range()));
            return Value.unknown(resultType);
        }
        if (!cond.isKnown()) {
            Set<Mark> all = new LinkedHashSet<>(condMarks);
            all.addAll(t.unmarkDeep().marks());
            all.addAll(f.unmarkDeep().marks());
            if (t.isKnown() && f.isKnown() && t.isNull() && f.isNull()) {
                return Value.nullOf(resultType).withMarks(all);
            }
            return Value.unknown(resultType).withMarks(all);
        }
        try {
            cond = Convert.convert(cond, Type.BOOL);
        } catch (ConversionException ex) {
            diags.add(Diagnostic.error("Incorrect condition type", "The condition expression must be of type bool.",
                    c.condition().range()));
            return Value.unknown(resultType);
        }
        boolean which = cond.asBool();
        Value chosen = which ? t : f;
        diags.addAll(which ? trueDiags : falseDiags);
        if (resultType != Type.DYNAMIC && !chosen.type().equals(resultType)) {
            try {
                chosen = Convert.convert(chosen, resultType);
            } catch (ConversionException ex) {
                diags.add(Diagnostic.error("Inconsistent conditional result types", "The " + (which ? "true" : "false")
                        + " result value has the wrong type: " + ex.describe() + ".",
                        which ? c.trueResult().range() : c.falseResult().range()));
                chosen = Value.unknown(resultType);
            }
        }
        return chosen.withMarks(condMarks);
    }

    private Value binary(BinaryOpExpr b, EvalContext ctx, Diagnostics diags) {
        Diagnostics local = new Diagnostics();
        Value l = eval(b.lhs(), ctx, local);
        Value r = eval(b.rhs(), ctx, local);
        diags.addAll(local);
        Operation op = b.op();
        Type resultType = switch (op) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO -> Type.NUMBER;
            default -> Type.BOOL;
        };
        if (local.hasErrors()) {
            return Value.unknown(resultType);
        }
        try {
            return switch (op) {
                case ADD -> Operations.add(l, r);
                case SUBTRACT -> Operations.subtract(l, r);
                case MULTIPLY -> Operations.multiply(l, r);
                case DIVIDE -> Operations.divide(l, r);
                case MODULO -> Operations.modulo(l, r);
                case EQUAL -> Operations.equal(l, r);
                case NOT_EQUAL -> Operations.notEqual(l, r);
                case LESS_THAN -> Operations.lessThan(l, r);
                case LESS_THAN_OR_EQUAL -> Operations.lessThanOrEqual(l, r);
                case GREATER_THAN -> Operations.greaterThan(l, r);
                case GREATER_THAN_OR_EQUAL -> Operations.greaterThanOrEqual(l, r);
                case AND -> Operations.and(l, r);
                case OR -> Operations.or(l, r);
                default -> throw new IllegalStateException("not a binary operator: " + op);
            };
        } catch (OperationException ex) {
            SourceRange subject = b.range();
            if (ex.summary().equals("Invalid operand")) {
                subject = ex.detail().contains("right operand") ? b.rhs().range() : b.lhs().range();
            }
            Expression operand = subject == b.range() ? b : subject == b.rhs().range() ? b.rhs() : b.lhs();
            diags.add(DiagnosticValues.attach(new Diagnostic(io.capstan.hcl.diag.Severity.ERROR, ex.summary(),
                    ex.detail(), subject, b.range()), operand, ctx));
            return Value.unknown(resultType);
        }
    }

    private Value unary(UnaryOpExpr u, EvalContext ctx, Diagnostics diags) {
        Diagnostics local = new Diagnostics();
        Value v = eval(u.val(), ctx, local);
        diags.addAll(local);
        Type resultType = u.op() == Operation.NOT ? Type.BOOL : Type.NUMBER;
        if (local.hasErrors()) {
            return Value.unknown(resultType);
        }
        try {
            return u.op() == Operation.NOT ? Operations.not(v) : Operations.negate(v);
        } catch (OperationException ex) {
            SourceRange subject = ex.summary().equals("Invalid operand") ? u.val().range() : u.range();
            diags.add(DiagnosticValues.attach(new Diagnostic(io.capstan.hcl.diag.Severity.ERROR, ex.summary(),
                    ex.detail(), subject, u.range()), subject == u.range() ? u : u.val(), ctx));
            return Value.unknown(resultType);
        }
    }

    // --- constructors ------------------------------------------------------------------

    private Value object(ObjectConsExpr o, EvalContext ctx, Diagnostics diags) {
        Map<String, Value> vals = new LinkedHashMap<>();
        Set<Mark> marks = new LinkedHashSet<>();
        boolean known = true;
        for (ObjectConsItem item : o.items()) {
            Value key = eval(item.key(), ctx, diags);
            Value val = eval(item.value(), ctx, diags);
            if (key.isNull()) {
                diags.add(Diagnostic.error("Null value as key", "Can't use a null value as a key.", item.key().range()));
                known = false;
                continue;
            }
            marks.addAll(key.marks());
            key = key.unmark();
            try {
                key = Convert.convert(key, Type.STRING);
            } catch (ConversionException ex) {
                diags.add(Diagnostic.error("Incorrect key type", "Can't use this value as a key: " + ex.describe() + ".",
                        item.key().range()));
                known = false;
                continue;
            }
            if (!key.isKnown()) {
                known = false;
                continue;
            }
            vals.put(key.asString(), val);
        }
        if (!known) {
            return Value.DYNAMIC_UNKNOWN;
        }
        return Value.object(vals).withMarks(marks);
    }

    private Value json(JsonValue j, EvalContext ctx, Diagnostics diags) {
        if (j instanceof JsonValue.Str s) {
            Result<Expression> r = JsonExpression.template(s);
            diags.addAll(r.diagnostics());
            if (r.hasErrors() || r.value() == null) {
                return Value.DYNAMIC_UNKNOWN;
            }
            return eval(r.value(), ctx, diags);
        } else if (j instanceof JsonValue.Num n) {
            return Value.of(BigNumber.of(n.value()));
        } else if (j instanceof JsonValue.Bool b) {
            return Value.of(b.value());
        } else if (j instanceof JsonValue.Null) {
            return Value.DYNAMIC_NULL;
        } else if (j instanceof JsonValue.Arr a) {
            List<Value> vals = new ArrayList<>();
            for (JsonValue x : a.items()) {
                vals.add(json(x, ctx, diags));
            }
            return Value.tuple(vals);
        }
        JsonValue.Obj o = (JsonValue.Obj) j;
        Map<String, Value> vals = new LinkedHashMap<>();
        Set<Mark> marks = new LinkedHashSet<>();
        boolean known = true;
        for (JsonValue.Prop p : o.props()) {
            Value key = json(new JsonValue.Str(p.name(), p.nameRange()), ctx, diags);
            Value val = json(p.value(), ctx, diags);
            marks.addAll(key.marks());
            key = key.unmark();
            if (key.isNull()) {
                diags.add(Diagnostic.error("Invalid object key expression", "Cannot use a null value as an object key.",
                        p.nameRange()));
                known = false;
                continue;
            }
            try {
                key = Convert.convert(key, Type.STRING);
            } catch (ConversionException ex) {
                diags.add(Diagnostic.error("Invalid object key expression",
                        "Cannot use a " + key.type().friendlyName() + " value as an object key.", p.nameRange()));
                known = false;
                continue;
            }
            if (!key.isKnown()) {
                known = false;
                continue;
            }
            vals.put(key.asString(), val);
        }
        return known ? Value.object(vals).withMarks(marks) : Value.DYNAMIC_UNKNOWN;
    }

    static boolean isSequenceType(Type t) {
        return t instanceof TupleType || t instanceof io.capstan.hcl.value.ListType
                || t instanceof io.capstan.hcl.value.SetType;
    }
}
