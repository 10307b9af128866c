package io.capstan.graph.config;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.LiteralValueExpr;
import io.capstan.hcl.ast.ObjectConsExpr;
import io.capstan.hcl.ast.ObjectConsItem;
import io.capstan.hcl.ast.ParenthesesExpr;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.ast.TemplateWrapExpr;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TupleConsExpr;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.TraversalParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding of arguments whose value Terraform requires to be a constant or a static
 * reference, read straight from the AST: {@code sensitive = true}, {@code source = "./m"},
 * {@code depends_on = [a.b]}, {@code ignore_changes = all}, {@code provider = aws.east}.
 */
final class Static {
    private Static() {
    }

    /** A constant string (a template with no interpolations), or null with an error. */
    static String string(Attribute a, Diagnostics d) {
        String s = stringOrNull(a.expr());
        if (s == null) {
            d.add(Diagnostic.error("Invalid value", "The argument \"" + a.name() + "\" requires a literal string "
                    + "value; variables and function calls are not allowed here.", a.expr().range()));
        }
        return s;
    }

    static String stringOrNull(Expression e) {
        if (e instanceof ParenthesesExpr p) {
            return stringOrNull(p.wrapped());
        }
        if (e instanceof LiteralValueExpr l && l.value() instanceof Literal.Str s) {
            return s.value();
        }
        if (e instanceof TemplateWrapExpr w) {
            return stringOrNull(w.wrapped());
        }
        if (e instanceof TemplateExpr t) {
            StringBuilder sb = new StringBuilder();
            for (Expression p : t.parts()) {
                String s = stringOrNull(p);
                if (s == null) {
                    return null;
                }
                sb.append(s);
            }
            return sb.toString();
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Str s) {
            return s.value().contains("${") || s.value().contains("%{") ? null : s.value();
        }
        return null;
    }

    /** A constant bool, or {@code dflt} with an error. */
    static boolean bool(Attribute a, boolean dflt, Diagnostics d) {
        Expression e = a.expr();
        while (e instanceof ParenthesesExpr p) {
            e = p.wrapped();
        }
        if (e instanceof LiteralValueExpr l && l.value() instanceof Literal.Bool b) {
            return b.value();
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Bool b) {
            return b.value();
        }
        String s = stringOrNull(e);
        if ("true".equals(s) || "false".equals(s)) {
            return s.equals("true");
        }
        d.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: a bool is required; the argument \""
                + a.name() + "\" must be a constant true or false.", a.expr().range()));
        return dflt;
    }

    /** A static traversal ({@code aws.east}, {@code terraform_data.a}), or null. */
    static Traversal traversal(Expression e) {
        if (e instanceof ScopeTraversalExpr s) {
            return s.traversal();
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Str s) {
            // the JSON syntax writes references as strings, parsed from the opening quote's position (as HCL's)
            Result<Traversal> r = parsedTraversal(s.value(), s.range(), false);
            return r.hasErrors() ? null : r.value();
        }
        return null;
    }

    /**
     * A string holding a traversal parsed as HCL parses one: the traversal as far as it parsed (null when
     * its root did not) with the parser's errors. {@code quoted} for a native-syntax quoted string,
     * whose text starts a column and a byte after {@code at}'s start (its opening quote); a JSON
     * string is read from the quote's own position, as HCL does.
     */
    private static Result<Traversal> parsedTraversal(String text, SourceRange at, boolean quoted) {
        Pos p = at.start();
        return TraversalParser.parse(text, at.filename(),
                quoted ? new Pos(p.line(), p.column() + 1, p.byteOffset() + 1) : p);
    }

    /**
     * Terraform 0.11's quoted references ({@code depends_on = ["aws_instance.a"]}, {@code provider = "aws.east"},
     * {@code ignore_changes = ["tags"]}) and keywords ({@code when = "destroy"}), which terraform 1.11 still
     * takes: a native quoted string without interpolation is parsed as a traversal, its parser's errors
     * reported ("Invalid character", ...), then the warning "Quoted references are deprecated" (or
     * "Quoted keywords ...") on the string, and the traversal as far as it parsed stands for the string.
     * Anything else, and a string whose traversal has not even a root, is returned as it is (the caller
     * then rejects it as it rejects any other expression).
     */
    static Expression unquoted(Expression e, boolean keyword, Diagnostics d) {
        if (!(e instanceof TemplateExpr t) || t.parts().size() > 1) {
            return e;
        }
        String text = "";
        if (t.parts().size() == 1) {
            if (!(t.parts().get(0) instanceof LiteralValueExpr l) || !(l.value() instanceof Literal.Str str)) {
                return e;
            }
            text = str.value();
        }
        Result<Traversal> r = parsedTraversal(text, e.range(), true);
        d.addAll(r.diagnostics());
        String what = keyword ? "keyword" : "reference";
        d.add(Diagnostic.warning("Quoted " + what + "s are deprecated", "In this context, " + what + "s are "
                + "expected literally rather than in quotes. Terraform 0.11 and earlier required quotes, but quoted "
                + what + "s are now deprecated and will be removed in a future version of Terraform. Remove the "
                + "quotes surrounding this " + what + " to silence this warning.", e.range()));
        return r.value() == null ? e : new ScopeTraversalExpr(r.value(), e.range());
    }

    /** A bare keyword such as {@code all} or {@code destroy}, or null. */
    static String keyword(Expression e) {
        Traversal t = traversal(e);
        if (t != null && t.steps().size() == 1) {
            return t.rootName();
        }
        return null;
    }

    /** The elements of a tuple constructor (native or JSON), or null when {@code e} is not one. */
    static List<Expression> tuple(Expression e) {
        if (e instanceof TupleConsExpr t) {
            return t.exprs();
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Arr a) {
            List<Expression> out = new ArrayList<>();
            for (JsonValue v : a.items()) {
                out.add(new JsonExpression(v));
            }
            return out;
        }
        return null;
    }

    /** The items of an object constructor as key expression → value, or null. */
    static Map<Expression, Expression> object(Expression e) {
        Map<Expression, Expression> out = new LinkedHashMap<>();
        if (e instanceof ObjectConsExpr o) {
            for (ObjectConsItem i : o.items()) {
                out.put(i.key().wrapped(), i.value());
            }
            return out;
        }
        if (e instanceof JsonExpression j && j.value() instanceof JsonValue.Obj o) {
            for (JsonValue.Prop p : o.props()) {
                out.put(new JsonExpression(new JsonValue.Str(p.name(), p.nameRange())), new JsonExpression(p.value()));
            }
            return out;
        }
        return null;
    }

    /** A list of static traversals, as {@code depends_on} requires; problems are reported. */
    static List<Expression> traversalList(Attribute a, Diagnostics d) {
        List<Expression> items = tuple(a.expr());
        if (items == null) {
            d.add(Diagnostic.error("Invalid expression", "A static list expression is required.", a.expr().range()));
            return List.of();
        }
        List<Expression> out = new ArrayList<>();
        for (Expression item : items) {
            Expression e = unquoted(item, false, d);
            Traversal t = traversal(e);
            if (t == null) {
                d.add(Diagnostic.error("Invalid expression", "A single static variable reference is required: only "
                        + "attribute access and indexing with constant keys. No calculations, function calls, "
                        + "template expressions, etc are allowed here.", e.range()));
                continue;
            }
            out.add(e instanceof ScopeTraversalExpr ? e : new ScopeTraversalExpr(t, t.range()));
        }
        return out;
    }
}
