package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.FunctionCallExpr;
import io.capstan.hcl.ast.InvalidExpr;
import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.ast.ObjectConsKeyExpr;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.Severity;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Type;
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
                tc = decode(p, diags);
            } else {
                tc = fail(diags, GENERAL, e);
            }
        } else {
            tc = decode(e, diags);
        }
        return new Result<>(diags.hasErrors() ? TypeConstraint.any() : tc, diags);
    }

    private static final String GENERAL = "A type specification is either a primitive type keyword (bool, number, "
            + "string) or a complex type constructor call, like list(string).";

    /**
     * HCL's {@code getType} for a constraint with defaults: every error found is reported (an
     * object's attributes and a tuple's elements are each checked), and a part in error stands as
     * {@code any} so the rest can still be checked.
     */
    private static TypeConstraint decode(Expression orig, Diagnostics diags) {
        Expression e = StaticExpressions.unwrap(orig);
        if (e instanceof InvalidExpr) {
            // what failed to parse was reported by the parser, as HCL's only error there
            return TypeConstraint.any();
        }
        String kw = StaticExpressions.keyword(e);
        if (kw != null && !(e instanceof JsonExpression)) {
            return keywordType(kw, orig, diags);
        }
        if (!(e instanceof FunctionCallExpr call)) {
            return fail(diags, GENERAL, orig);
        }
        String name = call.name();
        List<Expression> args = call.args();
        SourceRange argsRange = SourceRange.between(call.openParenRange(), call.closeParenRange());
        switch (name) {
            case "string", "number", "bool":
                return fail(diags, "Primitive type keyword \"" + name + "\" does not expect arguments.", argsRange, null);
            case "any":
                return fail(diags, "Type constraint keyword \"any\" does not expect arguments.", argsRange, null);
            default:
                break;
        }
        if (args.size() != 1 && CONSTRUCTORS.contains(name)) {
            // too many arguments: the extra ones are the subject
            SourceRange subject = args.size() > 1
                    ? SourceRange.between(args.get(1).range(), args.get(args.size() - 1).range()) : argsRange;
            return fail(diags, constructorDetail(name), subject, argsRange);
        }
        switch (name) {
            case "list":
                return TypeConstraint.list(decode(args.get(0), diags));
            case "set":
                return TypeConstraint.set(decode(args.get(0), diags));
            case "map":
                return TypeConstraint.map(decode(args.get(0), diags));
            case "tuple": {
                Result<List<Expression>> elements = StaticExpressions.list(args.get(0));
                if (elements.hasErrors()) {
                    return fail(diags, "Tuple type constructor requires a list of element types.",
                            args.get(0).range(), orig.range());
                }
                List<TypeConstraint> els = new ArrayList<>();
                for (Expression x : elements.value()) {
                    els.add(decode(x, diags));
                }
                return TypeConstraint.tuple(els);
            }
            case "object":
                return object(orig, args.get(0), diags);
            case "optional":
                return fail(diags, "Keyword \"optional\" is valid only as a modifier for object type attributes.",
                        call.nameRange(), null);
            default:
                return fail(diags, "Keyword \"" + name + "\" is not a valid type constructor.", orig);
        }
    }

    private static final Set<String> CONSTRUCTORS = Set.of("list", "set", "map", "object", "tuple");

    /** What a type constructor given without its one argument is told. */
    private static String constructorDetail(String name) {
        return switch (name) {
            case "object" -> "The object type constructor requires one argument specifying the attribute types and "
                    + "values as a map.";
            case "tuple" -> "The tuple type constructor requires one argument specifying the element types as a list.";
            default -> "The " + name + " type constructor requires one argument specifying the element type.";
        };
    }

    /** A type given by a keyword alone; {@code at} is where its errors point. */
    private static TypeConstraint keywordType(String kw, Expression at, Diagnostics diags) {
        Type primitive = Type.primitive(kw);
        if (primitive != null) {
            return TypeConstraint.of(primitive);
        }
        if (kw.equals("any")) {
            return TypeConstraint.any();
        }
        return fail(diags, CONSTRUCTORS.contains(kw) ? constructorDetail(kw)
                : "The keyword \"" + kw + "\" is not a valid type specification.", at);
    }

    private static TypeConstraint object(Expression whole, Expression arg, Diagnostics diags) {
        Result<List<StaticExpressions.KeyValue>> items = StaticExpressions.map(arg);
        if (items.hasErrors()) {
            return fail(diags, "Object type constructor requires a map whose keys are attribute names and whose values "
                    + "are the corresponding attribute types.", arg.range(), whole.range());
        }
        List<TypeConstraint.Attribute> attrs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (StaticExpressions.KeyValue item : items.value()) {
            // HCL's ExprAsKeyword: a bare name only (a quoted or parenthesised key is no attribute name)
            Expression key = item.key();
            String name = key instanceof ObjectConsKeyExpr k
                    ? (k.forceNonLiteral() ? null : StaticExpressions.keyword(k.wrapped()))
                    : StaticExpressions.keyword(key);
            if (name == null) {
                fail(diags, "Object constructor map keys must be attribute names.", key.range(), whole.range());
                continue;
            }
            if (!seen.add(name)) {
                fail(diags, "Object constructor map keys must be unique.", key.range(), whole.range());
                continue;
            }
            Expression ve = item.value();
            Expression unwrapped = StaticExpressions.unwrap(ve);
            if (!(unwrapped instanceof FunctionCallExpr opt && opt.name().equals("optional"))) {
                attrs.add(TypeConstraint.required(name, decode(ve, diags)));
                continue;
            }
            SourceRange optArgs = SourceRange.between(opt.openParenRange(), opt.closeParenRange());
            if (opt.args().isEmpty()) {
                fail(diags, "Optional attribute modifier requires the attribute type as its argument.", optArgs,
                        ve.range());
                continue;
            }
            Value dflt = null;
            boolean optional = false;
            switch (opt.args().size()) {
                case 2 -> {
                    Result<Value> dv = Evaluator.evaluate(opt.args().get(1), EvalContext.empty());
                    diags.addAll(dv.diagnostics());
                    if (!dv.hasErrors()) {
                        optional = true;
                        dflt = dv.value();
                    }
                }
                case 1 -> optional = true;
                default -> fail(diags, "Optional attribute modifier expects at most two arguments: the attribute type, "
                        + "and a default value.", optArgs, ve.range());
            }
            TypeConstraint c = decode(opt.args().get(0), diags);
            if (dflt != null) {
                try {
                    attrs.add(TypeConstraint.optional(name, c, dflt));
                    continue;
                } catch (ConversionException ex) {
                    // as HCL: the error's own words (go-cty's path error prints no path), the attribute stays optional
                    diags.add(Diagnostic.error("Invalid default value for optional attribute", "This default value "
                            + "is not compatible with the attribute's type constraint: " + ex.getMessage() + ".",
                            opt.args().get(1).range()));
                }
            }
            attrs.add(optional ? TypeConstraint.optional(name, c) : TypeConstraint.required(name, c));
        }
        return TypeConstraint.object(attrs);
    }

    private static TypeConstraint fail(Diagnostics diags, String detail, SourceRange subject, SourceRange context) {
        diags.add(new Diagnostic(Severity.ERROR, SUMMARY, detail, subject, context));
        return TypeConstraint.any();
    }

    private static TypeConstraint fail(Diagnostics diags, String detail, Expression e) {
        return fail(diags, detail, e.range(), null);
    }
}
