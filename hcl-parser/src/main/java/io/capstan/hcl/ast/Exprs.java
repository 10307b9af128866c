package io.capstan.hcl.ast;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;

import io.capstan.hcl.parser.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * Static analyses of expressions that Terraform performs without evaluating them
 * (HCL's AbsTraversalForExpr, ExprList, ExprMap, ExprAsKeyword), working for both
 * the native and the JSON syntax.
 */
public final class Exprs {
    private Exprs() {
    }

    private static final String TRAVERSAL_DETAIL = "A single static variable reference is required: only attribute "
            + "access and indexing with constant keys. No calculations, function calls, template expressions, etc "
            + "are allowed here.";

    /** The expression as an absolute traversal, e.g. for {@code depends_on} entries. */
    public static Result<Traversal> absTraversalForExpr(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof ScopeTraversalExpr s) {
            return Result.of(s.traversal());
        }
        if (x instanceof JsonExpression j && j.value() instanceof JsonValue.Str s) {
            var r = io.capstan.hcl.parser.HclParser.parseExpressionAt(s.value(), s.range().filename(),
                    s.range().start().line(), s.range().start().column() + 1, s.range().start().byteOffset() + 1);
            if (!r.hasErrors() && r.value() instanceof ScopeTraversalExpr st) {
                return Result.of(st.traversal());
            }
        }
        return error(TRAVERSAL_DETAIL, e);
    }

    /** The items of a static list/tuple expression ({@code [a, b]}, or a JSON array). */
    public static Result<List<Expression>> exprList(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof TupleConsExpr t) {
            return Result.of(t.exprs());
        }
        if (x instanceof JsonExpression j && j.value() instanceof JsonValue.Arr a) {
            List<Expression> items = new ArrayList<>(a.items().size());
            for (JsonValue v : a.items()) {
                items.add(new JsonExpression(v));
            }
            return Result.of(items);
        }
        return error("A static list expression is required.", e);
    }

    /** The pairs of a static map/object expression ({@code {a = 1}}, or a JSON object). */
    public static Result<List<ExprMapItem>> exprMap(Expression e) {
        Expression x = unwrap(e);
        if (x instanceof ObjectConsExpr o) {
            List<ExprMapItem> items = new ArrayList<>(o.items().size());
            for (ObjectConsItem i : o.items()) {
                items.add(new ExprMapItem(i.key(), i.value()));
            }
            return Result.of(items);
        }
        if (x instanceof JsonExpression j && j.value() instanceof JsonValue.Obj o) {
            List<ExprMapItem> items = new ArrayList<>(o.props().size());
            for (JsonValue.Prop p : o.props()) {
                items.add(new ExprMapItem(new JsonExpression(new JsonValue.Str(p.name(), p.nameRange())),
                        new JsonExpression(p.value())));
            }
            return Result.of(items);
        }
        return error("A static map expression is required.", e);
    }

    /**
     * The single bare word the expression consists of ({@code create_before_destroy},
     * {@code prevent_destroy}, {@code ignore_changes = all}), or null. In JSON, a string
     * holding an identifier counts.
     */
    public static String exprAsKeyword(Expression e) {
        Expression x = e;
        if (x instanceof ObjectConsKeyExpr k) {
            if (k.forceNonLiteral()) {
                return null;
            }
            x = k.wrapped();
        }
        if (x instanceof ScopeTraversalExpr s && s.traversal().steps().size() == 1) {
            return s.traversal().rootName();
        }
        if (x instanceof JsonExpression j && j.value() instanceof JsonValue.Str s && Identifiers.valid(s.value())) {
            return s.value();
        }
        return null;
    }

    private static Expression unwrap(Expression e) {
        while (e instanceof ParenthesesExpr p) {
            e = p.wrapped();
        }
        return e;
    }

    private static <T> Result<T> error(String detail, Expression e) {
        Diagnostics d = new Diagnostics();
        d.add(Diagnostic.error("Invalid expression", detail, e.range()));
        return new Result<>(null, d);
    }
}
