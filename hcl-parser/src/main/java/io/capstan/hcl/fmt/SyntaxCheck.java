package io.capstan.hcl.fmt;

import static io.capstan.hcl.fmt.FmtKind.*;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a file is valid HCL native syntax before it is formatted, as
 * {@code terraform fmt} refuses to touch a file that does not parse. A recursive-descent
 * recogniser over the formatter's tokens (bodies, blocks, attributes and the full
 * expression and template grammar); it builds nothing and stops at the first error,
 * reported with HCL's summary for that kind of mistake.
 */
final class SyntaxCheck {
    private final List<FmtToken> all;
    private final int[] sig;
    private final String filename;
    private int p;

    private static final class SyntaxError extends RuntimeException {
        final Diagnostic diagnostic;

        SyntaxError(Diagnostic d) {
            super(d.summary(), null, false, false);
            this.diagnostic = d;
        }
    }

    private SyntaxCheck(List<FmtToken> tokens, String filename) {
        this.all = tokens;
        this.filename = filename;
        int[] s = new int[tokens.size()];
        int n = 0;
        for (int i = 0; i < tokens.size(); i++) {
            FmtToken t = tokens.get(i);
            boolean skip = t.kind == COMMENT ? !t.isLineComment() || t.insignificant
                    : t.kind == NEWLINE && t.insignificant;
            if (!skip) {
                s[n++] = i;
            }
        }
        this.sig = java.util.Arrays.copyOf(s, n);
    }

    static Diagnostics check(List<FmtToken> tokens, String source, String filename) {
        Diagnostics diags = new Diagnostics();
        SyntaxCheck c = new SyntaxCheck(tokens, filename);
        try {
            c.body(false, null);
        } catch (SyntaxError e) {
            diags.add(e.diagnostic);
        }
        return diags;
    }

    // ---- cursor ----

    private FmtToken peek() {
        return peek(0);
    }

    private FmtToken peek(int ahead) {
        int i = p + ahead;
        return i < sig.length ? all.get(sig[i]) : FmtToken.NIL;
    }

    private FmtKind kind() {
        FmtToken t = peek();
        return t.kind == COMMENT ? NEWLINE : t.kind;
    }

    private FmtToken next() {
        FmtToken t = peek();
        p++;
        return t;
    }

    private FmtToken expect(FmtKind k, String summary, String detail) {
        if (kind() != k) {
            throw error(summary, detail);
        }
        return next();
    }

    private SyntaxError error(String summary, String detail) {
        FmtToken t = peek();
        if (t.kind == INVALID) {
            return errorAt(t, "Invalid character", "This character is not used within the language.");
        }
        if (t.kind == UNTERMINATED_COMMENT) {
            return errorAt(t, "Unterminated template string", "No closing marker was found for the comment.");
        }
        return errorAt(t, summary, detail);
    }

    private SyntaxError errorAt(FmtToken t, String summary, String detail) {
        int line = t == FmtToken.NIL ? lastLine() : t.line;
        Pos pos = new Pos(line, 1, 0);
        return new SyntaxError(Diagnostic.error(summary, detail, new SourceRange(filename, pos, pos)));
    }

    private int lastLine() {
        if (all.isEmpty()) {
            return 1;
        }
        FmtToken last = all.get(all.size() - 1);
        int line = last.line;
        String text = last.text();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // ---- structure ----

    private void body(boolean nested, FmtToken open) {
        java.util.Map<String, FmtToken> attributes = new java.util.HashMap<>();
        while (true) {
            FmtKind k = kind();
            if (k == NEWLINE) {
                next();
            } else if (k == NIL) {
                if (nested) {
                    throw errorAt(open, "Unclosed configuration block",
                            "There is no closing brace for this block before the end of the file. "
                                    + "This may be caused by incorrect brace nesting elsewhere in this file.");
                }
                return;
            } else if (k == CBRACE && nested) {
                return;
            } else if (k == IDENT) {
                FmtToken name = peek();
                if (item()) {
                    FmtToken first = attributes.putIfAbsent(name.text(), name);
                    if (first != null) {
                        throw errorAt(name, "Attribute redefined", "The argument \"" + name.text()
                                + "\" was already set at " + filename + ":" + first.line
                                + ". Each argument may be set only once.");
                    }
                }
            } else {
                throw error("Argument or block definition required",
                        "An argument or block definition is required here.");
            }
        }
    }

    /** Returns true for an attribute, false for a block. */
    private boolean item() {
        next(); // name
        if (kind() == EQUAL) {
            next();
            expression();
            endOfItem("Missing newline after argument",
                    "An argument definition must end with a newline.");
            return true;
        }
        while (kind() == IDENT || kind() == OQUOTE) {
            if (kind() == IDENT) {
                next();
            } else {
                label();
            }
        }
        FmtToken open = expect(OBRACE, "Invalid block definition",
                "Either a quoted string block label or an opening brace (\"{\") is expected here.");
        if (kind() == NEWLINE) {
            body(true, open);
            expect(CBRACE, "Unclosed configuration block", "There is no closing brace for this block.");
        } else if (kind() == CBRACE) {
            next();
        } else {
            // single-line block: at most one argument, then the closing brace
            expect(IDENT, "Invalid single-argument block definition",
                    "A single-line block definition can contain only a single argument.");
            expect(EQUAL, "Invalid single-argument block definition",
                    "A single-line block definition can contain only a single argument.");
            expression();
            expect(CBRACE, "Invalid single-argument block definition",
                    "A single-line block definition can contain only a single argument. If you meant to define "
                            + "argument, use an equals sign to assign it a value. To define a nested block, place it "
                            + "on a line of its own within its parent block.");
        }
        endOfItem("Missing newline after block definition",
                "A block definition must end with a newline.");
        return false;
    }

    private void endOfItem(String summary, String detail) {
        FmtKind k = kind();
        if (k == NEWLINE) {
            next();
        } else if (k != NIL && k != CBRACE) {
            throw error(summary, detail);
        }
    }

    private void label() {
        FmtToken open = next();
        while (kind() == QUOTED_LIT) {
            checkEscapes(next());
        }
        if (kind() != CQUOTE) {
            if (kind() == TEMPLATE_INTERP || kind() == TEMPLATE_CONTROL) {
                throw error("Invalid string literal",
                        "Template sequences are not allowed in this string. To include a literal \"$\", "
                                + "double it (as \"$$\") to escape it.");
            }
            throw errorAt(open, "Unterminated template string", "No closing marker was found for the string.");
        }
        next();
    }

    /** Quoted strings allow only \\n \\r \\t \\" \\\\ \\uNNNN and \\UNNNNNNNN escapes. */
    private void checkEscapes(FmtToken lit) {
        String s = lit.text();
        for (int i = s.indexOf('\\'); i >= 0 && i < s.length(); i = s.indexOf('\\', i)) {
            char e = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            int len = e == 'u' ? 4 : e == 'U' ? 8 : 0;
            boolean ok = "nrt\"\\".indexOf(e) >= 0;
            if (len > 0) {
                ok = i + 2 + len <= s.length();
                for (int j = i + 2; ok && j < i + 2 + len; j++) {
                    ok = Character.digit(s.charAt(j), 16) >= 0;
                }
            }
            if (!ok) {
                throw errorAt(lit, "Invalid escape sequence",
                        "The symbol \"" + e + "\" is not a valid escape sequence selector.");
            }
            i += 2 + len;
        }
    }

    // ---- expressions ----

    private void expression() {
        binary(0);
        if (kind() == QUESTION) {
            next();
            expression();
            expect(COLON, "Missing false expression in conditional",
                    "The conditional operator (...?...:...) requires a false expression, delimited by a colon.");
            expression();
        }
    }

    private static int precedence(FmtKind k) {
        switch (k) {
            case OR: return 1;
            case AND: return 2;
            case EQUAL_OP: case NOT_EQUAL: return 3;
            case LT: case LE: case GT: case GE: return 4;
            case PLUS: case MINUS: return 5;
            case STAR: case SLASH: case PERCENT: return 6;
            default: return -1;
        }
    }

    private void binary(int minPrec) {
        unary();
        while (precedence(kind()) > minPrec) {
            int prec = precedence(next().kind);
            binary(prec);
        }
    }

    private void unary() {
        if (kind() == MINUS || kind() == BANG) {
            next();
            unary();
            return;
        }
        primary();
        postfix();
    }

    private void postfix() {
        while (true) {
            FmtKind k = kind();
            if (k == DOT) {
                next();
                FmtKind a = kind();
                if (a == IDENT || a == NUMBER || a == STAR) {
                    next();
                } else {
                    throw error("Invalid attribute name", "An attribute name is required after a dot.");
                }
            } else if (k == OBRACK) {
                next();
                if (kind() == STAR) {
                    next();
                } else {
                    expression();
                }
                expect(CBRACK, "Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").");
            } else {
                return;
            }
        }
    }

    private SyntaxError missingExpression() {
        if (peek() == FmtToken.NIL) {
            return error("Missing expression", "Expected the start of an expression, but found the end of the file.");
        }
        return error("Invalid expression", "Expected the start of an expression, but found an invalid expression token.");
    }

    private void primary() {
        FmtToken t = peek();
        switch (kind()) {
            case NUMBER:
                next();
                return;
            case IDENT:
                next();
                if (kind() == DCOLON || kind() == OPAREN) {
                    while (kind() == DCOLON) {
                        next();
                        expect(IDENT, "Missing function name", "A function name is required after \"::\".");
                    }
                    call();
                }
                return;
            case OPAREN:
                next();
                expression();
                expect(CPAREN, "Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.");
                return;
            case OBRACK:
                next();
                if (isFor()) {
                    forExpr(CBRACK);
                } else {
                    sequence(CBRACK);
                }
                return;
            case OBRACE:
                next();
                if (isFor()) {
                    forExpr(CBRACE);
                } else {
                    object();
                }
                return;
            case OQUOTE:
                next();
                template(CQUOTE, t);
                return;
            case OHEREDOC:
                next();
                template(CHEREDOC, t);
                return;
            default:
                throw missingExpression();
        }
    }

    private boolean isFor() {
        return kind() == IDENT && peek().is("for");
    }

    private void call() {
        next(); // (
        if (kind() == CPAREN) {
            next();
            return;
        }
        while (true) {
            expression();
            if (kind() == ELLIPSIS) {
                next();
                expect(CPAREN, "Missing closing parenthesis",
                        "An expanded function argument (with \"...\") must be immediately followed by closing parentheses.");
                return;
            }
            if (kind() == CPAREN) {
                next();
                return;
            }
            expect(COMMA, "Missing argument separator",
                    "A comma is required to separate each function argument from the next.");
            if (kind() == CPAREN) {
                next();
                return;
            }
        }
    }

    private void sequence(FmtKind close) {
        while (kind() != close) {
            expression();
            if (kind() == COMMA) {
                next();
            } else if (kind() != close) {
                throw error("Missing item separator", "Expected a comma to mark the beginning of the next item.");
            }
        }
        next();
    }

    private void object() {
        while (true) {
            while (kind() == NEWLINE) {
                next();
            }
            if (kind() == CBRACE) {
                next();
                return;
            }
            expression();
            if (kind() != EQUAL && kind() != COLON) {
                throw error("Missing key/value separator",
                        "Expected an equals sign (\"=\") to mark the beginning of the attribute value.");
            }
            next();
            expression();
            FmtKind k = kind();
            if (k == COMMA || k == NEWLINE) {
                next();
            } else if (k != CBRACE) {
                throw error("Missing attribute separator",
                        "Expected a newline or comma to mark the beginning of the next attribute.");
            }
        }
    }

    private void forExpr(FmtKind close) {
        next(); // for
        expect(IDENT, "Invalid 'for' expression", "For expression requires variable name after 'for'.");
        if (kind() == COMMA) {
            next();
            expect(IDENT, "Invalid 'for' expression", "For expression requires value variable name after comma.");
        }
        if (kind() != IDENT || !peek().is("in")) {
            throw error("Invalid 'for' expression", "For expression requires the 'in' keyword after its name declarations.");
        }
        next();
        expression();
        expect(COLON, "Invalid 'for' expression", "For expression requires a colon after the collection expression.");
        expression();
        if (close == CBRACE) {
            expect(FAT_ARROW, "Invalid 'for' expression", "Key expression is required when building an object.");
            expression();
            if (kind() == ELLIPSIS) {
                next();
            }
        }
        if (kind() == IDENT && peek().is("if")) {
            next();
            expression();
        }
        expect(close, "Invalid 'for' expression", "Extra characters after the end of the 'for' expression.");
    }

    private void template(FmtKind close, FmtToken open) {
        List<String> open_ = new ArrayList<>();
        while (true) {
            FmtKind k = kind();
            if (k == close) {
                next();
                if (!open_.isEmpty()) {
                    throw errorAt(open, "Unexpected end of template",
                            "The control directives within this template are unbalanced.");
                }
                return;
            } else if (k == QUOTED_LIT) {
                checkEscapes(next());
            } else if (k == STRING_LIT) {
                next();
            } else if (k == TEMPLATE_INTERP) {
                next();
                expression();
                expect(TEMPLATE_SEQ_END, "Extra characters after interpolation expression",
                        "Expected a closing brace to end the interpolation expression.");
            } else if (k == TEMPLATE_CONTROL) {
                next();
                directive(open_);
            } else if (k == QUOTED_NEWLINE) {
                throw error("Invalid multi-line string",
                        "Quoted strings may not be split over multiple lines. To produce a multi-line string, "
                                + "either use the \\n escape to represent a newline character or use the "
                                + "\"heredoc\" multi-line template syntax.");
            } else {
                throw errorAt(open, "Unterminated template string", "No closing marker was found for the string.");
            }
        }
    }

    private void directive(List<String> stack) {
        FmtToken kw = expect(IDENT, "Invalid template directive",
                "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.");
        switch (kw.text()) {
            case "if":
                expression();
                stack.add("if");
                break;
            case "for":
                expect(IDENT, "Invalid 'for' directive", "For directive requires variable name after 'for'.");
                if (kind() == COMMA) {
                    next();
                    expect(IDENT, "Invalid 'for' directive", "For directive requires value variable name after comma.");
                }
                if (kind() != IDENT || !peek().is("in")) {
                    throw error("Invalid 'for' directive", "For directive requires 'in' keyword after names.");
                }
                next();
                expression();
                stack.add("for");
                break;
            case "else":
                if (stack.isEmpty() || !stack.get(stack.size() - 1).equals("if")) {
                    throw errorAt(kw, "Unexpected \"else\" directive", "No matching %{ if ... } directive.");
                }
                stack.set(stack.size() - 1, "if-else");
                break;
            case "endif":
                if (stack.isEmpty() || !stack.get(stack.size() - 1).startsWith("if")) {
                    throw errorAt(kw, "Unexpected \"endif\" directive", "No matching %{ if ... } directive.");
                }
                stack.remove(stack.size() - 1);
                break;
            case "endfor":
                if (stack.isEmpty() || !stack.get(stack.size() - 1).equals("for")) {
                    throw errorAt(kw, "Unexpected \"endfor\" directive", "No matching %{ for ... } directive.");
                }
                stack.remove(stack.size() - 1);
                break;
            default:
                throw errorAt(kw, "Invalid template control keyword",
                        "\"" + kw.text() + "\" is not a valid template control keyword.");
        }
        expect(TEMPLATE_SEQ_END, "Extra characters in " + kw.text() + " marker",
                "Expected a closing brace to end the sequence, but found extra characters.");
    }
}
