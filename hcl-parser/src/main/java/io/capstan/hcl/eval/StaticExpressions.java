package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.ast.ObjectConsExpr;
import io.capstan.hcl.ast.ObjectConsItem;
import io.capstan.hcl.ast.ParenthesesExpr;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TupleConsExpr;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.parser.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads expressions statically, without evaluating them, as Terraform's configuration
 * decoder does for {@code depends_on}, {@code ignore_changes}, {@code provider = aws.west}
 * and keywords such as {@code ignore_changes = all}: HCL's {@code AbsTraversalForExpr},
 * {@code ExprList}, {@code ExprMap} and {@code ExprAsKeyword}, for both syntaxes (in JSON the
 * same things are written as strings, arrays and objects).
 */
public final class StaticExpressions {
    private static final String NOT_TRAVERSAL = "A single static variable reference is required: only attribute "
            + "access and indexing with constant keys. No calculations, function calls, template expressions, etc "
            + "are allowed here.";

    /** One key/value pair of a static map expression. */
    public record KeyValue(Expression key, Expression value) {
    }

    private StaticExpressions() {
    }

    /** The expression as an absolute traversal such as {@code aws_instance.web[0]}. */
    public static Result<Traversal> absTraversal(Expression e) {
        e = unwrap(e);
        if (e instanceof ScopeTraversalExpr s) {
            return Result.of(s.traversal());
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Str s) {
            Result<io.capstan.hcl.ast.Expression> r = HclParser.parseExpressionAt(s.value(), s.range().filename(),
                    s.range().start().line(), s.range().start().column() + 1, s.range().start().byteOffset() + 1);
            if (r.hasErrors()) {
                return new Result<>(null, r.diagnostics());
            }
            if (r.value() instanceof ScopeTraversalExpr st) {
                return Result.of(st.traversal());
            }
        }
        return fail("Invalid expression", NOT_TRAVERSAL, e);
    }

    /** The single identifier the expression consists of ({@code all}, {@code create_before_destroy}), or null. */
    public static String keyword(Expression e) {
        e = unwrap(e);
        if (e instanceof ScopeTraversalExpr s && s.traversal().steps().size() == 1) {
            return s.traversal().rootName();
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Str s && Identifiers.valid(s.value())) {
            return s.value();
        }
        return null;
    }

    /** The element expressions of a static list ({@code [a, b]} or a JSON array). */
    public static Result<List<Expression>> list(Expression e) {
        e = unwrap(e);
        if (e instanceof TupleConsExpr t) {
            return Result.of(t.exprs());
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Arr a) {
            List<Expression> out = new ArrayList<>();
            for (JsonValue v : a.items()) {
                out.add(new JsonExpression(v));
            }
            return Result.of(out);
        }
        return fail("Invalid expression", "A static list expression is required.", e);
    }

    /** The items of a static map ({@code {a = b}} or a JSON object); keys are unevaluated expressions. */
    public static Result<List<KeyValue>> map(Expression e) {
        e = unwrap(e);
        if (e instanceof ObjectConsExpr o) {
            List<KeyValue> out = new ArrayList<>();
            for (ObjectConsItem i : o.items()) {
                out.add(new KeyValue(i.key(), i.value()));
            }
            return Result.of(out);
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Obj o) {
            List<KeyValue> out = new ArrayList<>();
            for (JsonValue.Prop p : o.props()) {
                out.add(new KeyValue(new JsonExpression(new JsonValue.Str(p.name(), p.nameRange())),
                        new JsonExpression(p.value())));
            }
            return Result.of(out);
        }
        return fail("Invalid expression", "A static map expression is required.", e);
    }

    /** Removes redundant parentheses, as HCL's {@code UnwrapExpression}. */
    public static Expression unwrap(Expression e) {
        while (e instanceof ParenthesesExpr p) {
            e = p.wrapped();
        }
        return e;
    }

    private static <T> Result<T> fail(String summary, String detail, Expression e) {
        Diagnostics d = new Diagnostics();
        d.add(Diagnostic.error(summary, detail, e.range()));
        return new Result<>(null, d);
    }
}
