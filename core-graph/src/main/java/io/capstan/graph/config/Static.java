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
import io.capstan.hcl.parser.HclParser;

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
            var r = HclParser.parseTraversal(s.value(), s.range().filename());
            return r.hasErrors() ? null : r.value();
        }
        return null;
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
        for (Expression e : items) {
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

    /** Terraform's identifier rule for block labels and names. */
    static boolean validIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int c0 = s.codePointAt(0);
        if (!(Character.isLetter(c0) || c0 == '_')) {
            return false;
        }
        for (int i = Character.charCount(c0); i < s.length(); ) {
            int c = s.codePointAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
