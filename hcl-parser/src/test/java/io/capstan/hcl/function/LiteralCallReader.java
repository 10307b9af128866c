package io.capstan.hcl.function;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Operations;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately tiny reader for the conformance expressions that are only literals,
 * arithmetic and function calls ({@code format("%5d", 1 / 3)}), used to check the value
 * model and the function library before the real parser and evaluator exist. Anything
 * else (references, templates, conditionals, for, indexing) is {@link Unsupported}.
 * This is test scaffolding, not the HCL parser.
 */
final class LiteralCallReader {
    /** The expression uses syntax this reader does not cover. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String m) {
            super(m, null, false, false);
        }
    }

    /** A failure the way Terraform reports it: a diagnostic summary. */
    static final class EvalError extends RuntimeException {
        final String summary;

        EvalError(String summary, String detail) {
            super(summary + ": " + detail, null, false, false);
            this.summary = summary;
        }
    }

    private final String src;
    private final FunctionRegistry functions;
    private final FunctionContext ctx;
    private int pos;

    LiteralCallReader(String src, FunctionRegistry functions, FunctionContext ctx) {
        this.src = src;
        this.functions = functions;
        this.ctx = ctx;
    }

    Value read() {
        Value v;
        try {
            v = expr();
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new Unsupported("lexical detail: " + e.getMessage());
        }
        ws();
        if (pos != src.length()) {
            throw new Unsupported("trailing " + src.substring(pos));
        }
        return v;
    }

    private Value expr() {
        Value left = term();
        while (true) {
            ws();
            char c = peek();
            if (c == '+' || c == '-') {
                pos++;
                Value l = left;
                Value right = term();
                left = op(() -> c == '+' ? Operations.add(l, right) : Operations.subtract(l, right));
            } else {
                return left;
            }
        }
    }

    private Value term() {
        Value left = unary();
        while (true) {
            ws();
            char c = peek();
            if (c == '*' || c == '/' || c == '%') {
                pos++;
                Value l = left;
                Value right = unary();
                left = op(() -> switch (c) {
                    case '*' -> Operations.multiply(l, right);
                    case '/' -> Operations.divide(l, right);
                    default -> Operations.modulo(l, right);
                });
            } else {
                return left;
            }
        }
    }

    private Value unary() {
        ws();
        if (peek() == '-') {
            pos++;
            Value v = unary();
            return op(() -> Operations.negate(v));
        }
        return primary();
    }

    private static Value op(java.util.function.Supplier<Value> s) {
        try {
            return s.get();
        } catch (io.capstan.hcl.value.OperationException e) {
            throw new EvalError(e.summary(), e.detail());
        }
    }

    private Value primary() {
        ws();
        char c = peek();
        if (c == '"') {
            return Value.of(string());
        }
        if (c == '[') {
            pos++;
            List<Value> els = new ArrayList<>();
            while (true) {
                ws();
                if (peek() == ']') {
                    pos++;
                    return Value.tuple(els);
                }
                els.add(expr());
                ws();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ']') {
                    throw new Unsupported("tuple syntax");
                }
            }
        }
        if (c == '{') {
            pos++;
            Map<String, Value> attrs = new LinkedHashMap<>();
            while (true) {
                ws();
                if (peek() == '}') {
                    pos++;
                    return Value.object(attrs);
                }
                String key = peek() == '"' ? string() : ident();
                ws();
                if (peek() != '=' && peek() != ':') {
                    throw new Unsupported("object syntax");
                }
                pos++;
                attrs.put(key, expr());
                ws();
                if (peek() == ',') {
                    pos++;
                }
            }
        }
        if (c == '(') {
            pos++;
            Value v = expr();
            ws();
            expect(')');
            return v;
        }
        if (Character.isDigit(c)) {
            int start = pos;
            while (pos < src.length() && (Character.isDigit(peek()) || peek() == '.')) {
                pos++;
            }
            if (pos < src.length() && (peek() == 'e' || peek() == 'E')) {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                while (pos < src.length() && Character.isDigit(peek())) {
                    pos++;
                }
            }
            BigNumber n = BigNumber.parse(src.substring(start, pos));
            if (n == null || src.charAt(pos - 1) == '.') {
                throw new Unsupported("number");
            }
            return Value.of(n);
        }
        if (Character.isLetter(c)) {
            String name = ident();
            while (src.startsWith("::", pos)) {
                pos += 2;
                name = name + "::" + ident();
            }
            switch (name) {
                case "true":
                    return Value.TRUE;
                case "false":
                    return Value.FALSE;
                case "null":
                    return Value.DYNAMIC_NULL;
                default:
                    break;
            }
            ws();
            if (peek() != '(') {
                throw new Unsupported("reference " + name);
            }
            if (name.equals("try") || name.equals("can") || name.startsWith("templat")) {
                throw new Unsupported("needs the evaluator: " + name);
            }
            pos++;
            List<Value> args = new ArrayList<>();
            boolean expand = false;
            while (true) {
                ws();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                args.add(expr());
                ws();
                if (src.startsWith("...", pos)) {
                    pos += 3;
                    expand = true;
                    ws();
                }
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw new Unsupported("call syntax");
                }
            }
            if (expand) {
                Value last = args.remove(args.size() - 1);
                args.addAll(last.elements());
            }
            Result<Value> r = functions.call(name, args, ctx);
            if (r.hasErrors()) {
                var d = r.diagnostics().asList().get(0);
                throw new EvalError(d.summary(), d.detail());
            }
            return r.value();
        }
        throw new Unsupported("unexpected " + c);
    }

    private String ident() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
            pos++;
        }
        if (start == pos) {
            throw new Unsupported("identifier");
        }
        return src.substring(start, pos);
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new Unsupported("unterminated string");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    case 'U' -> {
                        sb.appendCodePoint(Integer.parseInt(src.substring(pos, pos + 8), 16));
                        pos += 8;
                    }
                    default -> throw new Unsupported("escape");
                }
            } else if ((c == '$' || c == '%') && pos < src.length() && src.charAt(pos) == c
                    && pos + 1 < src.length() && src.charAt(pos + 1) == '{') {
                sb.append(c).append('{');
                pos += 2;
            } else if ((c == '$' || c == '%') && pos < src.length() && src.charAt(pos) == '{') {
                throw new Unsupported("template");
            } else {
                sb.append(c);
            }
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new Unsupported("expected " + c);
        }
        pos++;
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private void ws() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }
}
