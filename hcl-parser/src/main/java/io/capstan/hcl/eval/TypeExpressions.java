package io.capstan.hcl.eval;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.FunctionCallExpr;
import io.capstan.hcl.ast.JsonExpression;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.ast.ObjectConsExpr;
import io.capstan.hcl.ast.ObjectConsItem;
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

    /** Decodes {@code e} as a type constraint (with {@code any} and {@code optional(...)} allowed). */
    public static Result<TypeConstraint> typeConstraint(Expression e) {
        Diagnostics diags = new Diagnostics();
        if (StaticExpressions.unwrap(e) instanceof JsonExpression j && j.value() instanceof JsonValue.Str s) {
            Result<Expression> parsed = HclParser.parseExpressionAt(s.value(), s.range().filename(),
                    s.range().start().line(), s.range().start().column() + 1, s.range().start().byteOffset() + 1);
            if (parsed.hasErrors() || parsed.value() == null) {
                return new Result<>(TypeConstraint.any(), parsed.diagnostics());
            }
            e = parsed.value();
        }
        TypeConstraint tc = decode(e, false, diags);
        return new Result<>(tc == null ? TypeConstraint.any() : tc, diags);
    }

    private static TypeConstraint decode(Expression e, boolean attrPosition, Diagnostics diags) {
        e = StaticExpressions.unwrap(e);
        String kw = StaticExpressions.keyword(e);
        if (kw != null && !(e instanceof JsonExpression)) {
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
                    return fail(diags, "The " + kw + " type constructor requires one argument specifying the element type.", e);
                case "object":
                    return fail(diags, "The object type constructor requires one argument specifying the attribute "
                            + "types as a map.", e);
                case "tuple":
                    return fail(diags, "The tuple type constructor requires one argument specifying the element "
                            + "types as a list.", e);
                default:
                    return fail(diags, "The keyword \"" + kw + "\" is not a valid type specification.", e);
            }
        }
        if (!(e instanceof FunctionCallExpr call)) {
            return fail(diags, "A type specification is either a primitive type keyword (bool, number, string) or a "
                    + "complex type constructor call, like list(string).", e);
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
                return fail(diags, "Attribute \"" + name + "\" is defined more than once.", item.key());
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
                        return fail(diags, "Invalid default value for optional attribute: " + ex.describe() + ".",
                                opt.args().get(1));
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
