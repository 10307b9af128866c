package io.capstan.hcl.ast;

import io.capstan.hcl.diag.Result;

import java.util.ArrayDeque;
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

    /** One pending node and the local (iterator) names in scope there. */
    private record Item(Expression expr, Set<String> locals) {
    }

    /** Depth-first, in source order, with an explicit stack: very long operator chains must not overflow. */
    private void walk(Expression root, Set<String> rootLocals) {
        ArrayDeque<Item> stack = new ArrayDeque<>();
        stack.push(new Item(root, rootLocals));
        while (!stack.isEmpty()) {
            Item it = stack.pop();
            Expression e = it.expr();
            Set<String> locals = it.locals();
            List<Expression> children = new ArrayList<>(4);
            Set<String> childLocals = locals;
            if (e instanceof ScopeTraversalExpr s) {
                if (!locals.contains(s.traversal().rootName())) {
                    out.add(s.traversal());
                }
            } else if (e instanceof TemplateExpr t) {
                children.addAll(t.parts());
            } else if (e instanceof TemplateWrapExpr w) {
                children.add(w.wrapped());
            } else if (e instanceof TemplateJoinExpr j) {
                children.add(j.tuple());
            } else if (e instanceof RelativeTraversalExpr r) {
                children.add(r.source());
            } else if (e instanceof IndexExpr i) {
                children.add(i.collection());
                children.add(i.key());
            } else if (e instanceof FunctionCallExpr f) {
                children.addAll(f.args());
            } else if (e instanceof ConditionalExpr c) {
                children.add(c.condition());
                children.add(c.trueResult());
                children.add(c.falseResult());
            } else if (e instanceof BinaryOpExpr b) {
                children.add(b.lhs());
                children.add(b.rhs());
            } else if (e instanceof UnaryOpExpr u) {
                children.add(u.val());
            } else if (e instanceof TupleConsExpr t) {
                children.addAll(t.exprs());
            } else if (e instanceof ObjectConsExpr o) {
                for (ObjectConsItem item : o.items()) {
                    children.add(item.key());
                    children.add(item.value());
                }
            } else if (e instanceof ObjectConsKeyExpr k) {
                // a bare-word key is a literal string, not a reference
                if (k.literalName() == null) {
                    children.add(k.wrapped());
                }
            } else if (e instanceof ForExpr f) {
                Set<String> inner = new HashSet<>(locals);
                if (f.keyVar() != null) {
                    inner.add(f.keyVar());
                }
                inner.add(f.valVar());
                // the collection is outside the iterator scope
                List<Item> scoped = new ArrayList<>(4);
                scoped.add(new Item(f.collExpr(), locals));
                if (f.keyExpr() != null) {
                    scoped.add(new Item(f.keyExpr(), inner));
                }
                scoped.add(new Item(f.valExpr(), inner));
                if (f.condExpr() != null) {
                    scoped.add(new Item(f.condExpr(), inner));
                }
                for (int i = scoped.size() - 1; i >= 0; i--) {
                    stack.push(scoped.get(i));
                }
            } else if (e instanceof SplatExpr s) {
                children.add(s.source());
                children.add(s.each());
            } else if (e instanceof ParenthesesExpr p) {
                children.add(p.wrapped());
            } else if (e instanceof JsonExpression j) {
                walkJson(j.value(), locals);
            }
            // LiteralValueExpr, AnonSymbolExpr, InvalidExpr: no references
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Item(children.get(i), childLocals));
            }
        }
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
