package io.capstan.hcl.eval;

import io.capstan.hcl.ast.ForExpr;
import io.capstan.hcl.ast.SplatExpr;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.ListType;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.SetType;
import io.capstan.hcl.value.TupleType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code for} expressions and splats, as hclsyntax evaluates them: iteration over lists,
 * tuples and sets (keys are indices; for sets the element itself), maps and objects (keys
 * in lexical order); unknown collections and keys make the result unknown; marks on the
 * collection, keys and conditions move to the result.
 */
final class IterationEval {
    private final ExprWalker w;

    IterationEval(ExprWalker w) {
        this.w = w;
    }

    Value forExpr(ForExpr f, EvalContext ctx, Diagnostics diags) {
        Value coll = w.eval(f.collExpr(), ctx, diags);
        if (coll.isNull()) {
            diags.add(Diagnostic.error("Iteration over null value",
                    "A null value cannot be used as the collection in a 'for' expression.", f.collExpr().range()));
            return Value.DYNAMIC_UNKNOWN;
        }
        if (coll.type() == Type.DYNAMIC) {
            return Value.DYNAMIC_UNKNOWN.withMarks(coll.marks());
        }
        Type ct = coll.type();
        if (ct.isPrimitive()) {
            diags.add(Diagnostic.error("Iteration over non-iterable value", "A value of type " + ct.friendlyName()
                    + " cannot be used as the collection in a 'for' expression.", f.collExpr().range()));
            return Value.DYNAMIC_UNKNOWN;
        }
        Set<Mark> marks = new LinkedHashSet<>(coll.marks());
        if (f.condExpr() != null) {
            // Early type check of the condition with unknown iterators, as HCL does, so that a
            // wrong condition is reported once rather than per element.
            Map<String, Value> vars = new HashMap<>();
            if (f.keyVar() != null) {
                vars.put(f.keyVar(), Value.DYNAMIC_UNKNOWN);
            }
            vars.put(f.valVar(), Value.DYNAMIC_UNKNOWN);
            Diagnostics cd = new Diagnostics();
            Value r = w.eval(f.condExpr(), ctx.child(vars), cd);
            diags.addAll(cd);
            if (r.isNull()) {
                diags.add(Diagnostic.error("Condition is null", "The value of the 'if' clause must not be null.",
                        f.condExpr().range()));
                return Value.DYNAMIC_UNKNOWN;
            }
            marks.addAll(r.marks());
            try {
                Convert.convert(r.unmarkDeep().value(), Type.BOOL);
            } catch (ConversionException ex) {
                diags.add(Diagnostic.error("Invalid 'for' condition", "The 'if' clause value is invalid: "
                        + ex.describe() + ".", f.condExpr().range()));
                return Value.DYNAMIC_UNKNOWN;
            }
            if (cd.hasErrors()) {
                return Value.DYNAMIC_UNKNOWN;
            }
        }
        if (!coll.isKnown()) {
            return Value.DYNAMIC_UNKNOWN.withMarks(marks);
        }
        coll = coll.unmark();
        List<Value[]> pairs = pairs(coll);
        boolean known = true;
        Map<String, Value> objVals = new LinkedHashMap<>();
        Map<String, List<Value>> groups = new LinkedHashMap<>();
        List<Value> tupleVals = new ArrayList<>();
        for (Value[] kv : pairs) {
            Map<String, Value> vars = new HashMap<>(2);
            if (f.keyVar() != null) {
                vars.put(f.keyVar(), kv[0]);
            }
            vars.put(f.valVar(), kv[1]);
            EvalContext child = ctx.child(vars);
            if (f.condExpr() != null) {
                Value inc = w.eval(f.condExpr(), child, diags);
                if (inc.isNull()) {
                    if (known) {
                        diags.add(Diagnostic.error("Invalid 'for' condition",
                                "The value of the 'if' clause must not be null.", f.condExpr().range()));
                    }
                    known = false;
                    continue;
                }
                try {
                    inc = Convert.convert(inc, Type.BOOL);
                } catch (ConversionException ex) {
                    if (known) {
                        diags.add(Diagnostic.error("Invalid 'for' condition", "The 'if' clause value is invalid: "
                                + ex.describe() + ".", f.condExpr().range()));
                    }
                    known = false;
                    continue;
                }
                if (!inc.isKnown()) {
                    known = false;
                    continue;
                }
                marks.addAll(inc.marks());
                if (!inc.unmark().asBool()) {
                    continue;
                }
            }
            if (!f.isObject()) {
                tupleVals.add(w.eval(f.valExpr(), child, diags));
                continue;
            }
            Value key = w.eval(f.keyExpr(), child, diags);
            if (key.isNull()) {
                if (known) {
                    diags.add(Diagnostic.error("Invalid object key",
                            "Key expression in 'for' expression must not produce a null value.", f.keyExpr().range()));
                }
                known = false;
                continue;
            }
            if (!key.isKnown()) {
                known = false;
                continue;
            }
            try {
                key = Convert.convert(key, Type.STRING);
            } catch (ConversionException ex) {
                if (known) {
                    diags.add(Diagnostic.error("Invalid object key", "The key expression produced an invalid result: "
                            + ex.describe() + ".", f.keyExpr().range()));
                }
                known = false;
                continue;
            }
            marks.addAll(key.marks());
            String k = key.unmark().asString();
            Value val = w.eval(f.valExpr(), child, diags);
            if (f.group()) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(val);
            } else if (objVals.containsKey(k)) {
                diags.add(Diagnostic.error("Duplicate object key", "Two different items produced the key \"" + k
                        + "\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the "
                        + "value expression to enable grouping by key.", f.keyExpr().range()));
            } else {
                objVals.put(k, val);
            }
        }
        if (!known) {
            return Value.DYNAMIC_UNKNOWN.withMarks(marks);
        }
        if (!f.isObject()) {
            return Value.tuple(tupleVals).withMarks(marks);
        }
        if (f.group()) {
            groups.forEach((k, vs) -> objVals.put(k, Value.tuple(vs)));
        }
        return Value.object(objVals).withMarks(marks);
    }

    /** Key/value pairs of an iterable known, unmarked collection. */
    static List<Value[]> pairs(Value coll) {
        List<Value[]> out = new ArrayList<>();
        if (coll.isSequence()) {
            List<Value> els = coll.elements();
            boolean set = coll.type() instanceof SetType;
            for (int i = 0; i < els.size(); i++) {
                out.add(new Value[] {set ? els.get(i) : Value.of(i), els.get(i)});
            }
        } else {
            coll.entries().forEach((k, v) -> out.add(new Value[] {Value.of(k), v}));
        }
        return out;
    }

    Value splat(SplatExpr s, EvalContext ctx, Diagnostics diags) {
        Diagnostics sd = new Diagnostics();
        Value src = w.eval(s.source(), ctx, sd);
        diags.addAll(sd);
        if (sd.hasErrors()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        Type st = src.type();
        boolean upgrade = !ExprWalker.isSequenceType(st);
        if (src.isNull()) {
            if (upgrade) {
                return Value.EMPTY_TUPLE.withMarks(src.marks());
            }
            diags.add(Diagnostic.error("Splat of null value",
                    "Splat expressions (with the * symbol) cannot be applied to null sequences.", s.source().range()));
            return Value.DYNAMIC_UNKNOWN;
        }
        // as hclsyntax: a value of a known non-sequence type is wrapped in a one-element tuple before
        // the known check, so an unknown number still has its items evaluated (var.n[*].id is an error)
        if (!src.isKnown() && !(upgrade && st != Type.DYNAMIC)) {
            if (st == Type.DYNAMIC) {
                return Value.DYNAMIC_UNKNOWN.withMarks(src.marks());
            }
            if (st instanceof ListType || st instanceof SetType) {
                Type each = eachType(s, ctx, st.elementType(), diags);
                return Value.unknown(Type.list(each)).withMarks(src.marks());
            }
            return Value.DYNAMIC_UNKNOWN.withMarks(src.marks());
        }
        Set<Mark> marks = src.marks();
        src = src.unmark();
        List<Value> items = upgrade ? List.of(src) : src.elements();
        List<Value> vals = new ArrayList<>(items.size());
        boolean known = true;
        for (Value item : items) {
            Value prev = w.splatItems.put(s.item(), item);
            Diagnostics id = new Diagnostics();
            Value v = w.eval(s.each(), ctx, id);
            restore(s, prev);
            diags.addAll(id);
            if (id.hasErrors()) {
                known = false;
            }
            vals.add(v);
        }
        if (!known) {
            return Value.DYNAMIC_UNKNOWN.withMarks(marks);
        }
        if (st instanceof ListType || st instanceof SetType) {
            if (vals.isEmpty()) {
                return Value.list(eachType(s, ctx, st.elementType(), new Diagnostics()), List.of()).withMarks(marks);
            }
            Type first = vals.get(0).type();
            boolean same = vals.stream().allMatch(v -> v.type().equals(first));
            if (same) {
                return Value.list(first, vals).withMarks(marks);
            }
            try {
                return Convert.convert(Value.tuple(vals), Type.list(Type.DYNAMIC)).withMarks(marks);
            } catch (ConversionException ex) {
                return Value.tuple(vals).withMarks(marks);
            }
        }
        return Value.tuple(vals).withMarks(marks);
    }

    private void restore(SplatExpr s, Value prev) {
        if (prev == null) {
            w.splatItems.remove(s.item());
        } else {
            w.splatItems.put(s.item(), prev);
        }
    }

    private Type eachType(SplatExpr s, EvalContext ctx, Type elementType, Diagnostics diags) {
        Value prev = w.splatItems.put(s.item(), Value.unknown(elementType));
        Value v = w.eval(s.each(), ctx, diags);
        restore(s, prev);
        Type t = v.type();
        return t instanceof ObjectType ot ? ot.withoutOptional() : t;
    }

    static boolean isTuple(Type t) {
        return t instanceof TupleType;
    }
}
