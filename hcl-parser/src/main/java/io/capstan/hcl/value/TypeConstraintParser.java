package io.capstan.hcl.value;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads type-constraint source text ({@code map(object({a = optional(string, "x")}))})
 * into a {@link TypeConstraint}, with Terraform's "Invalid type specification" messages.
 * Default values may be literals: numbers, strings, bools, null, tuples and objects. The
 * HCL evaluator will build constraints from the AST through the same constructors.
 */
final class TypeConstraintParser {
    private final String src;
    private int pos;

    private TypeConstraintParser(String src) {
        this.src = src;
    }

    /** Thrown internally with the summary/detail of the diagnostic to report. */
    private static final class Failure extends RuntimeException {
        final String summary;

        Failure(String summary, String detail) {
            super(detail, null, false, false);
            this.summary = summary;
        }
    }

    static Result<TypeConstraint> parse(String source) {
        TypeConstraintParser p = new TypeConstraintParser(source);
        try {
            TypeConstraint tc = p.constraint(false);
            p.ws();
            if (p.pos != p.src.length()) {
                throw invalid("Extra characters after the type expression.");
            }
            return Result.of(tc);
        } catch (Failure f) {
            Diagnostics d = new Diagnostics();
            d.add(Diagnostic.error(f.summary, f.getMessage(), null));
            return new Result<>(TypeConstraint.any(), d);
        }
    }

    private static Failure invalid(String detail) {
        return new Failure("Invalid type specification", detail);
    }

    private TypeConstraint constraint(boolean inObject) {
        ws();
        String kw = ident();
        if (kw.isEmpty()) {
            throw invalid("A type specification is either a primitive type keyword (bool, number, string) or a "
                    + "complex type constructor call, like list(string).");
        }
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
            case "map": {
                if (!open('(')) {
                    throw invalid("The " + kw + " type constructor requires one argument specifying the element type.");
                }
                TypeConstraint e = constraint(false);
                close(')');
                return kw.equals("list") ? TypeConstraint.list(e) : kw.equals("set") ? TypeConstraint.set(e) : TypeConstraint.map(e);
            }
            case "tuple": {
                if (!open('(') || !open('[')) {
                    throw invalid("The tuple type constructor requires one argument specifying the element types as a list.");
                }
                List<TypeConstraint> els = new ArrayList<>();
                while (!open(']')) {
                    els.add(constraint(false));
                    ws();
                    open(',');
                }
                close(')');
                return TypeConstraint.tuple(els);
            }
            case "object": {
                if (!open('(') || !open('{')) {
                    throw invalid("The object type constructor requires one argument specifying the attribute types as a map.");
                }
                List<TypeConstraint.Attribute> attrs = new ArrayList<>();
                while (!open('}')) {
                    ws();
                    String name = peek() == '"' ? (String) literal().asString() : ident();
                    if (name.isEmpty()) {
                        throw invalid("Object constructor map keys must be attribute names.");
                    }
                    ws();
                    if (!open('=') && !open(':')) {
                        throw invalid("Missing attribute value for " + name + ".");
                    }
                    attrs.add(attribute(name));
                    ws();
                    open(',');
                }
                close(')');
                return TypeConstraint.object(attrs);
            }
            case "optional":
                throw invalid("Keyword \"optional\" is valid only as a modifier for object type attributes.");
            default:
                throw invalid("The keyword \"" + kw + "\" is not a valid type specifier.");
        }
    }

    private TypeConstraint.Attribute attribute(String name) {
        ws();
        int save = pos;
        if (ident().equals("optional") && open('(')) {
            TypeConstraint t = constraint(true);
            ws();
            if (open(',')) {
                Value d = literal();
                close(')');
                try {
                    return TypeConstraint.optional(name, t, d);
                } catch (ConversionException e) {
                    throw new Failure("Invalid default value for optional attribute",
                            "This default value is not compatible with the attribute's type constraint: " + e.describe() + ".");
                }
            }
            close(')');
            return TypeConstraint.optional(name, t);
        }
        pos = save;
        return TypeConstraint.required(name, constraint(true));
    }

    /** A literal default value. */
    private Value literal() {
        ws();
        char c = peek();
        if (c == '"') {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < src.length() && src.charAt(pos) != '"') {
                char x = src.charAt(pos++);
                if (x == '\\' && pos < src.length()) {
                    char e = src.charAt(pos++);
                    sb.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> e;
                    });
                } else {
                    sb.append(x);
                }
            }
            close('"');
            return Value.of(sb.toString());
        }
        if (c == '[') {
            pos++;
            List<Value> els = new ArrayList<>();
            while (!open(']')) {
                els.add(literal());
                ws();
                open(',');
            }
            return Value.tuple(els);
        }
        if (c == '{') {
            pos++;
            Map<String, Value> attrs = new LinkedHashMap<>();
            while (!open('}')) {
                ws();
                String k = peek() == '"' ? literal().asString() : ident();
                ws();
                if (!open('=') && !open(':')) {
                    throw invalid("Missing attribute value for " + k + ".");
                }
                attrs.put(k, literal());
                ws();
                open(',');
            }
            return Value.object(attrs);
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos++;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || "+-.".indexOf(src.charAt(pos)) >= 0
                    && Character.toLowerCase(src.charAt(pos - 1)) == 'e' || src.charAt(pos) == '.')) {
                pos++;
            }
            BigNumber n = BigNumber.parse(src.substring(start, pos));
            if (n == null) {
                throw invalid("Invalid number " + src.substring(start, pos) + ".");
            }
            return Value.of(n);
        }
        String id = ident();
        switch (id) {
            case "true":
                return Value.TRUE;
            case "false":
                return Value.FALSE;
            case "null":
                return Value.DYNAMIC_NULL;
            default:
                throw new Failure("Invalid default value for optional attribute",
                        "Only literal values can be used as defaults in a type constraint written as text.");
        }
    }

    private String ident() {
        ws();
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                || src.charAt(pos) == '-' && pos > start)) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private boolean open(char c) {
        ws();
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void close(char c) {
        if (!open(c)) {
            throw invalid("Expected \"" + c + "\" in type expression.");
        }
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    /** Whitespace, newlines and comments separate tokens. */
    private void ws() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#' || src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
    }
}
