package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.FunctionCallExpr;
import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.ast.ObjectConsExpr;
import io.capstan.hcl.ast.ObjectConsItem;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.ast.TupleConsExpr;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.TypeConstraint;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes a type-constraint expression from the syntax tree, as Terraform's {@code typeexpr}
 * package does for a variable's {@code type} argument: {@code string}, {@code any},
 * {@code list(object({a = string, b = optional(number, 5)}))}... In JSON the constraint is a
 * string holding the same native syntax. Errors are "Invalid type specification".
 */
public final class TypeExpressions {
    private static final String SUMMARY = "Invalid type specification";

    private TypeExpressions() {
    }

    /**
     * A variable's {@code type} as terraform decodes it: the bare keywords {@code list} and
     * {@code map} mean {@code list(any)} and {@code map(any)}, and Terraform 0.11's quoted
     * constraints ({@code "string"}, {@code "list"}, {@code "map"}, anything else quoted) are
     * errors; otherwise {@link #typeConstraint}.
     */
    public static Result<TypeConstraint> variableType(Expression e) {
        if (e instanceof TemplateExpr t && t.parts().size() == 1 && t.literalText() != null) {
            String text = t.literalText();
            String detail = switch (text) {
                case "string" -> QUOTED + " Remove the quotes around \"string\".";
                case "list", "map" -> QUOTED + " Remove the quotes around \"" + text + "\" and write " + text
                        + "(string) instead to explicitly indicate that the " + text + " elements are strings.";
                default -> null;
            };
            Diagnostics diags = new Diagnostics();
            diags.add(detail != null ? Diagnostic.error("Invalid quoted type constraints", detail, e.range())
                    : Diagnostic.error("Invalid legacy variable type hint", "To provide a full type expression, remove "
                    + "the surrounding quotes and give the type expression directly.", e.range()));
            return new Result<>(TypeConstraint.any(), diags);
        }
        String kw = keyword(e);
        if ("list".equals(kw)) {
            return Result.of(TypeConstraint.list(TypeConstraint.any()));
        }
        if ("map".equals(kw)) {
            return Result.of(TypeConstraint.map(TypeConstraint.any()));
        }
        return typeConstraint(e);
    }

    private static final String QUOTED = "Terraform 0.11 and earlier required type constraints to be given in quotes, "
            + "but that form is now deprecated and will be removed in a future version of Terraform.";

    /** HCL's ExprAsKeyword: a single name; in JSON the string read as a traversal. */
    private static String keyword(Expression e) {
        if (StaticExpressions.unwrap(e) instanceof JsonExpression j && j.value() instanceof JsonValue.Str s) {
            Result<Expression> parsed = parseAtQuote(s);
            return parsed.hasErrors() || parsed.value() == null ? null : StaticExpressions.keyword(parsed.value());
        }
        return StaticExpressions.keyword(e);
    }

    /**
     * The native expression in a JSON string, positioned as HCL positions it: from the opening
     * quote (so what it reports about a part of it is one column to the left of that part).
     */
    private static Result<Expression> parseAtQuote(JsonValue.Str s) {
        return HclParser.parseExpressionAt(s.value(), s.range().filename(), s.range().start().line(),
                s.range().start().column(), s.range().start().byteOffset());
    }

    /** Decodes {@code e} as a type constraint (with {@code any} and {@code optional(...)} allowed). */
    public static Result<TypeConstraint> typeConstraint(Expression e) {
        Diagnostics diags = new Diagnostics();
        TypeConstraint tc;
        if (StaticExpressions.unwrap(e) instanceof JsonExpression j && j.value() instanceof JsonValue.Str s) {
            // as HCL: a keyword is reported at the whole string; else it must be a type constructor call
            Result<Expression> parsed = parseAtQuote(s);
            Expression p = parsed.hasErrors() || parsed.value() == null ? null : StaticExpressions.unwrap(parsed.value());
            String kw = p == null ? null : StaticExpressions.keyword(p);
            if (kw != null) {
                tc = keywordType(kw, e, diags);
            } else if (p instanceof FunctionCallExpr) {
                tc = decode(p, false, diags);
            } else {
                tc = fail(diags, GENERAL, e);
            }
        } else {
            tc = decode(e, false, diags);
        }
        return new Result<>(tc == null ? TypeConstraint.any() : tc, diags);
    }

    private static final String GENERAL = "A type specification is either a primitive type keyword (bool, number, "
            + "string) or a complex type constructor call, like list(string).";

    private static TypeConstraint decode(Expression e, boolean attrPosition, Diagnostics diags) {
        e = StaticExpressions.unwrap(e);
        String kw = StaticExpressions.keyword(e);
        if (kw != null && !(e instanceof JsonExpression)) {
            return keywordType(kw, e, diags);
        }
        if (!(e instanceof FunctionCallExpr call)) {
            return fail(diags, GENERAL, e);
        }
        String name = call.name();
        List<Expression> args = call.args();
        switch (name) {
            case "string", "number", "bool", "any":
                return fail(diags, "Primitive type keyword \"" + name + "\" does not expect arguments.", e);
            case "list", "set", "map": {
                if (args.size() != 1) {
                    return fail(diags, "The " + name + " type constructor requires one argument specifying the element "
                            + "type.", e);
                }
                TypeConstraint el = decode(args.get(0), false, diags);
                if (el == null) {
                    return null;
                }
                return name.equals("list") ? TypeConstraint.list(el)
                        : name.equals("set") ? TypeConstraint.set(el) : TypeConstraint.map(el);
            }
            case "tuple": {
                if (args.size() != 1 || !(StaticExpressions.unwrap(args.get(0)) instanceof TupleConsExpr t)) {
                    return fail(diags, "The tuple type constructor requires one argument specifying the element "
                            + "types as a list.", e);
                }
                List<TypeConstraint> els = new ArrayList<>();
                for (Expression x : t.exprs()) {
                    TypeConstraint c = decode(x, false, diags);
                    if (c == null) {
                        return null;
                    }
                    els.add(c);
                }
                return TypeConstraint.tuple(els);
            }
            case "object":
                return object(call, diags);
            case "optional":
                return fail(diags, "Keyword \"optional\" is valid only as a modifier for object type attributes.", e);
            default:
                return fail(diags, "Keyword \"" + name + "\" is not a valid type constructor.", e);
        }
    }

    /** A type given by a keyword alone; {@code at} is where its errors point. */
    private static TypeConstraint keywordType(String kw, Expression at, Diagnostics diags) {
        switch (kw) {
            case "string":
                return TypeConstraint.string();
            case "number":
                return TypeConstraint.number();
            case "bool":
                return TypeConstraint.bool();
            case "any":
                return TypeConstraint.any();
            case "list":
            case "set":
            case "map":
                return fail(diags, "The " + kw + " type constructor requires one argument specifying the element type.", at);
            case "object":
                return fail(diags, "The object type constructor requires one argument specifying the attribute "
                        + "types as a map.", at);
            case "tuple":
                return fail(diags, "The tuple type constructor requires one argument specifying the element "
                        + "types as a list.", at);
            default:
                return fail(diags, "The keyword \"" + kw + "\" is not a valid type specification.", at);
        }
    }

    private static TypeConstraint object(FunctionCallExpr call, Diagnostics diags) {
        if (call.args().size() != 1 || !(StaticExpressions.unwrap(call.args().get(0)) instanceof ObjectConsExpr o)) {
            return fail(diags, "The object type constructor requires one argument specifying the attribute types as "
                    + "a map.", call);
        }
        List<TypeConstraint.Attribute> attrs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ObjectConsItem item : o.items()) {
            String name = item.key().literalName();
            if (name == null) {
                Value k = Evaluator.evaluate(item.key(), EvalContext.empty()).value();
                name = k.isKnown() && !k.isNull() && k.type() == io.capstan.hcl.value.Type.STRING ? k.asString() : null;
            }
            if (name == null || !StaticExpressions.isIdentifier(name)) {
                return fail(diags, "Object constructor map keys must be attribute names.", item.key());
            }
            if (!seen.add(name)) {
                return fail(diags, "Object constructor map keys must be unique.", item.key());
            }
            Expression ve = StaticExpressions.unwrap(item.value());
            if (ve instanceof FunctionCallExpr opt && opt.name().equals("optional")) {
                if (opt.args().isEmpty() || opt.args().size() > 2) {
                    return fail(diags, "Optional attribute modifier requires the attribute type as its first argument "
                            + "and optionally a default value as its second argument.", opt);
                }
                TypeConstraint c = decode(opt.args().get(0), true, diags);
                if (c == null) {
                    return null;
                }
                if (opt.args().size() == 2) {
                    Result<Value> dv = Evaluator.evaluate(opt.args().get(1), EvalContext.empty());
                    diags.addAll(dv.diagnostics());
                    if (dv.hasErrors()) {
                        return null;
                    }
                    try {
                        attrs.add(TypeConstraint.optional(name, c, dv.value()));
                    } catch (ConversionException ex) {
                        diags.add(Diagnostic.error("Invalid default value for optional attribute", "This default value "
                                + "is not compatible with the attribute's type constraint: " + ex.describe() + ".",
                                opt.args().get(1).range()));
                        return null;
                    }
                } else {
                    attrs.add(TypeConstraint.optional(name, c));
                }
            } else {
                TypeConstraint c = decode(ve, true, diags);
                if (c == null) {
                    return null;
                }
                attrs.add(TypeConstraint.required(name, c));
            }
        }
        return TypeConstraint.object(attrs);
    }

    private static TypeConstraint fail(Diagnostics diags, String detail, Expression e) {
        diags.add(Diagnostic.error(SUMMARY, detail, e.range()));
        return null;
    }
}
