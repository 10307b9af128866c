package io.capstan.hcl.parser;

import io.capstan.hcl.ast.*;

import java.util.List;
import java.util.stream.Collectors;

/** A compact S-expression rendering of expressions for table-driven tests. */
final class AstDump {
    private AstDump() {
    }

    static String dump(Expression e) {
        if (e instanceof LiteralValueExpr l) {
            return l.value().toString();
        }
        if (e instanceof ScopeTraversalExpr s) {
            return s.traversal().toString();
        }
        if (e instanceof RelativeTraversalExpr r) {
            return "(rel " + dump(r.source()) + " " + steps(r.traversal()) + ")";
        }
        if (e instanceof IndexExpr i) {
            return "(index " + dump(i.collection()) + " " + dump(i.key()) + ")";
        }
        if (e instanceof TemplateExpr t) {
            return (t.heredoc() ? "(heredoc" : "(template") + all(t.parts()) + ")";
        }
        if (e instanceof TemplateWrapExpr w) {
            return "(wrap " + dump(w.wrapped()) + ")";
        }
        if (e instanceof TemplateJoinExpr j) {
            return "(join " + dump(j.tuple()) + ")";
        }
        if (e instanceof FunctionCallExpr f) {
            return "(call " + f.name() + all(f.args()) + (f.expandFinal() ? " ..." : "") + ")";
        }
        if (e instanceof ConditionalExpr c) {
            return "(? " + dump(c.condition()) + " " + dump(c.trueResult()) + " " + dump(c.falseResult()) + ")";
        }
        if (e instanceof BinaryOpExpr b) {
            return "(" + b.op().symbol() + " " + dump(b.lhs()) + " " + dump(b.rhs()) + ")";
        }
        if (e instanceof UnaryOpExpr u) {
            return "(" + u.op().symbol() + " " + dump(u.val()) + ")";
        }
        if (e instanceof TupleConsExpr t) {
            return "[" + t.exprs().stream().map(AstDump::dump).collect(Collectors.joining(" ")) + "]";
        }
        if (e instanceof ObjectConsExpr o) {
            return "{" + o.items().stream().map(i -> dump(i.key()) + "=" + dump(i.value()))
                    .collect(Collectors.joining(" ")) + "}";
        }
        if (e instanceof ObjectConsKeyExpr k) {
            return k.literalName() != null ? "\"" + k.literalName() + "\"" : dump(k.wrapped());
        }
        if (e instanceof ForExpr f) {
            return "(for " + (f.keyVar() != null ? f.keyVar() + "," : "") + f.valVar() + " " + dump(f.collExpr())
                    + (f.keyExpr() != null ? " " + dump(f.keyExpr()) + " =>" : "") + " " + dump(f.valExpr())
                    + (f.group() ? " ..." : "") + (f.condExpr() != null ? " if " + dump(f.condExpr()) : "") + ")";
        }
        if (e instanceof SplatExpr s) {
            return "(splat " + dump(s.source()) + " " + dump(s.each()) + ")";
        }
        if (e instanceof AnonSymbolExpr) {
            return "_";
        }
        if (e instanceof ParenthesesExpr p) {
            return "(paren " + dump(p.wrapped()) + ")";
        }
        return e.getClass().getSimpleName();
    }

    private static String all(List<Expression> es) {
        StringBuilder sb = new StringBuilder();
        for (Expression e : es) {
            sb.append(' ').append(dump(e));
        }
        return sb.toString();
    }

    private static String steps(List<Traverser> ts) {
        StringBuilder sb = new StringBuilder();
        for (Traverser t : ts) {
            if (t instanceof TraverseAttr a) {
                sb.append('.').append(a.name());
            } else if (t instanceof TraverseIndex i) {
                sb.append('[').append(i.key()).append(']');
            }
        }
        return sb.toString();
    }
}
