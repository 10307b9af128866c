package io.capstan.hcl.ast;

import io.capstan.hcl.diag.Result;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects the absolute traversals an expression refers to, honouring for-expression scopes. */
final class VariableWalker {
    private final List<Traversal> out = new ArrayList<>();

    private VariableWalker() {
    }

    static List<Traversal> variables(Expression e) {
        VariableWalker w = new VariableWalker();
        w.walk(e, Set.of());
        return List.copyOf(w.out);
    }

    private void walk(Expression e, Set<String> locals) {
        if (e instanceof ScopeTraversalExpr s) {
            if (!locals.contains(s.traversal().rootName())) {
                out.add(s.traversal());
            }
        } else if (e instanceof TemplateExpr t) {
            for (Expression p : t.parts()) {
                walk(p, locals);
            }
        } else if (e instanceof TemplateWrapExpr w) {
            walk(w.wrapped(), locals);
        } else if (e instanceof TemplateJoinExpr j) {
            walk(j.tuple(), locals);
        } else if (e instanceof RelativeTraversalExpr r) {
            walk(r.source(), locals);
        } else if (e instanceof IndexExpr i) {
            walk(i.collection(), locals);
            walk(i.key(), locals);
        } else if (e instanceof FunctionCallExpr f) {
            for (Expression a : f.args()) {
                walk(a, locals);
            }
        } else if (e instanceof ConditionalExpr c) {
            walk(c.condition(), locals);
            walk(c.trueResult(), locals);
            walk(c.falseResult(), locals);
        } else if (e instanceof BinaryOpExpr b) {
            walk(b.lhs(), locals);
            walk(b.rhs(), locals);
        } else if (e instanceof UnaryOpExpr u) {
            walk(u.val(), locals);
        } else if (e instanceof TupleConsExpr t) {
            for (Expression x : t.exprs()) {
                walk(x, locals);
            }
        } else if (e instanceof ObjectConsExpr o) {
            for (ObjectConsItem item : o.items()) {
                walk(item.key(), locals);
                walk(item.value(), locals);
            }
        } else if (e instanceof ObjectConsKeyExpr k) {
            // a bare-word key is a literal string, not a reference
            if (k.literalName() == null) {
                walk(k.wrapped(), locals);
            }
        } else if (e instanceof ForExpr f) {
            walk(f.collExpr(), locals);
            Set<String> inner = new HashSet<>(locals);
            if (f.keyVar() != null) {
                inner.add(f.keyVar());
            }
            inner.add(f.valVar());
            if (f.keyExpr() != null) {
                walk(f.keyExpr(), inner);
            }
            walk(f.valExpr(), inner);
            if (f.condExpr() != null) {
                walk(f.condExpr(), inner);
            }
        } else if (e instanceof SplatExpr s) {
            walk(s.source(), locals);
            walk(s.each(), locals);
        } else if (e instanceof ParenthesesExpr p) {
            walk(p.wrapped(), locals);
        } else if (e instanceof JsonExpression j) {
            walkJson(j.value(), locals);
        }
        // LiteralValueExpr, AnonSymbolExpr, InvalidExpr: no references
    }

    private void walkJson(JsonValue v, Set<String> locals) {
        if (v instanceof JsonValue.Str s) {
            Result<Expression> r = JsonExpression.template(s);
            if (r.value() != null) {
                walk(r.value(), locals);
            }
        } else if (v instanceof JsonValue.Arr a) {
            for (JsonValue x : a.items()) {
                walkJson(x, locals);
            }
        } else if (v instanceof JsonValue.Obj o) {
            for (JsonValue.Prop p : o.props()) {
                walkJson(new JsonValue.Str(p.name(), p.nameRange()), locals);
                walkJson(p.value(), locals);
            }
        }
    }
}
