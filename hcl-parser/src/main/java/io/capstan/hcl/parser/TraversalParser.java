package io.capstan.hcl.parser;

import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.TraverseRoot;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An absolute traversal ({@code aws_instance.a[0].id}) parsed from a string, as HCL's native
 * syntax parses one where a string stands for a reference: in the JSON syntax
 * ({@code "depends_on": ["aws_instance.a"]}) and in Terraform 0.11's quoted references
 * ({@code ignore_changes = ["tags"]}). The traversal is kept as far as it parsed, beside HCL's
 * own errors ("Invalid character", "Index value required", "Unclosed index brackets",
 * "Attribute name required", "Variable name required"), each on the token it names, positions
 * counted from where the string starts in its file (lines, characters, UTF-8 bytes).
 */
public final class TraversalParser {
    private TraversalParser() {
    }

    /** The traversal as far as it parsed (null when not even its root did) and the parser's errors. */
    public static Result<Traversal> parse(String src, String filename, Pos start) {
        return new TraversalParser.Run(src, filename, start).traversal();
    }

    private enum Kind { IDENT, NUMBER, QUOTE, DOT, OBRACK, CBRACK, STAR, OTHER, EOF }

    private record Token(Kind kind, String text, SourceRange range) {
    }

    private static final class Run {
        private final String src;
        private final String file;
        private int i;
        private int line;
        private int col;
        private int bytes;
        private final Diagnostics diags = new Diagnostics();

        Run(String src, String file, Pos start) {
            this.src = src;
            this.file = file;
            this.line = start.line();
            this.col = start.column();
            this.bytes = start.byteOffset();
        }

        private Pos pos() {
            return new Pos(line, col, bytes);
        }

        private int peekChar(int at) {
            return at < src.length() ? src.codePointAt(at) : -1;
        }

        private void advance() {
            int c = src.codePointAt(i);
            i += Character.charCount(c);
            bytes += utf8Length(c);
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }

        /** The next token, whitespace and newlines skipped (a traversal is read without newlines). */
        private Token next() {
            while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t' || src.charAt(i) == '\n'
                    || src.charAt(i) == '\r')) {
                advance();
            }
            Pos from = pos();
            if (i >= src.length()) {
                // HCL's end-of-input token is one column wide
                return new Token(Kind.EOF, "", new SourceRange(file, from, new Pos(line, col + 1, bytes + 1)));
            }
            int c = src.codePointAt(i);
            int begin = i;
            Kind kind;
            if (c == '_' || Character.isUnicodeIdentifierStart(c)) {
                advance();
                while (i < src.length() && (peekChar(i) == '-' || Character.isUnicodeIdentifierPart(peekChar(i)))
                        && !Character.isIdentifierIgnorable(peekChar(i))) {
                    advance();
                }
                kind = Kind.IDENT;
            } else if (c >= '0' && c <= '9') {
                digits();
                if (peekChar(i) == '.' && isDigit(peekChar(i + 1))) {
                    advance();
                    digits();
                }
                if ((peekChar(i) == 'e' || peekChar(i) == 'E') && (isDigit(peekChar(i + 1))
                        || ((peekChar(i + 1) == '+' || peekChar(i + 1) == '-') && isDigit(peekChar(i + 2))))) {
                    advance();
                    if (!isDigit(peekChar(i))) {
                        advance();
                    }
                    digits();
                }
                kind = Kind.NUMBER;
            } else {
                kind = switch (c) {
                    case '"' -> Kind.QUOTE;
                    case '.' -> Kind.DOT;
                    case '[' -> Kind.OBRACK;
                    case ']' -> Kind.CBRACK;
                    case '*' -> Kind.STAR;
                    default -> Kind.OTHER;
                };
                String two = src.length() >= i + 2 ? src.substring(i, i + 2) : "";
                if (kind == Kind.DOT && src.startsWith("...", i)) {
                    kind = Kind.OTHER;
                    advance();
                    advance();
                } else if (kind == Kind.OTHER && List.of("==", "!=", "<=", ">=", "&&", "||", "=>", "${", "%{", "::")
                        .contains(two)) {
                    advance();
                }
                advance();
            }
            return new Token(kind, src.substring(begin, i), new SourceRange(file, from, pos()));
        }

        private void digits() {
            while (isDigit(peekChar(i))) {
                advance();
            }
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        Result<Traversal> traversal() {
            List<Traverser> steps = new ArrayList<>();
            Token root = next();
            if (root.kind() != Kind.IDENT) {
                diags.add(Diagnostic.error("Variable name required", "Must begin with a variable name.", root.range()));
                return new Result<>(null, diags);
            }
            steps.add(new TraverseRoot(root.text(), root.range()));
            while (true) {
                Token t = next();
                switch (t.kind()) {
                    case EOF -> {
                        return result(steps);
                    }
                    case DOT -> {
                        Token name = next();
                        if (name.kind() != Kind.IDENT) {
                            diags.add(Diagnostic.error("Attribute name required", name.kind() == Kind.STAR
                                    ? "Splat expressions (.*) may not be used here."
                                    : "Dot must be followed by attribute name.", name.range()));
                            return result(steps);
                        }
                        steps.add(new TraverseAttr(name.text(), SourceRange.between(t.range(), name.range())));
                    }
                    case OBRACK -> {
                        Token key = next();
                        Literal value;
                        if (key.kind() == Kind.NUMBER) {
                            value = new Literal.Num(new BigDecimal(key.text()));
                        } else if (key.kind() == Kind.QUOTE) {
                            String s = quoted(key);
                            value = s == null ? null : Literal.of(s);
                        } else {
                            diags.add(Diagnostic.error(key.kind() == Kind.STAR
                                    ? "Attribute name required" : "Index value required", key.kind() == Kind.STAR
                                    ? "Splat expressions ([*]) may not be used here."
                                    : "Index brackets must contain either a literal number or a literal string.",
                                    key.range()));
                            return result(steps);
                        }
                        Token close = next();
                        if (close.kind() != Kind.CBRACK) {
                            diags.add(Diagnostic.error("Unclosed index brackets",
                                    "Index key must be followed by a closing bracket.", close.range()));
                        }
                        if (value != null) {
                            steps.add(new TraverseIndex(value, SourceRange.between(t.range(), close.range())));
                        }
                        if (diags.hasErrors()) {
                            return result(steps);
                        }
                    }
                    default -> {
                        diags.add(Diagnostic.error("Invalid character",
                                "Expected an attribute access or an index operator.", t.range()));
                        return result(steps);
                    }
                }
            }
        }

        /**
         * The value of a quoted index key whose opening quote was just read (escapes applied); an
         * unterminated one is reported at the end of the input, as HCL's scanner does.
         */
        private String quoted(Token open) {
            StringBuilder out = new StringBuilder();
            while (i < src.length()) {
                int c = src.codePointAt(i);
                if (c == '"') {
                    advance();
                    return out.toString();
                }
                if (c == '\\' && i + 1 < src.length()) {
                    char e = src.charAt(i + 1);
                    advance();
                    advance();
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case '"' -> out.append('"');
                        case '\\' -> out.append('\\');
                        default -> out.append('\\').append(e);
                    }
                    continue;
                }
                out.appendCodePoint(c);
                advance();
            }
            Pos end = pos();
            diags.add(Diagnostic.error("Unterminated string literal", "Unable to find the closing quote mark before "
                    + "the end of the file.", new SourceRange(file, end, new Pos(end.line(), end.column() + 1,
                    end.byteOffset() + 1))));
            return out.toString();
        }

        private Result<Traversal> result(List<Traverser> steps) {
            return new Result<>(new Traversal(steps), diags);
        }
    }

    private static int utf8Length(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
}
