package io.capstan.hcl.fmt;

/**
 * One token of the file being formatted: its kind, where its exact text lies in the source
 * and the number of spaces the layout puts before it. Formatting only ever changes
 * {@code spacesBefore} (and the Terraform rewrites replace whole tokens), so the text of
 * literals, comments and heredoc bodies survives byte for byte. The text is not copied out
 * of the source: a 10 MB file has millions of tokens, and keeping one string each would
 * make the garbage collector the bottleneck.
 */
final class FmtToken {
    static final FmtToken NIL = synthetic(FmtKind.NIL, "");

    final FmtKind kind;
    /** The source the token lies in; for synthesised tokens, the token's own text. */
    private final String src;
    private final int start;
    private final int end;
    /** 1-based source line; 0 for synthesised tokens. */
    final int line;
    int spacesBefore;
    /** For newlines (and line comments, through the newline they end with): the lexer found it
     * inside brackets, where it does not end an attribute. */
    boolean insignificant;

    FmtToken(FmtKind kind, String src, int start, int end, int line) {
        this.kind = kind;
        this.src = src;
        this.start = start;
        this.end = end;
        this.line = line;
    }

    static FmtToken synthetic(FmtKind kind, String text) {
        return new FmtToken(kind, text, 0, text.length(), 0);
    }

    String text() {
        return src.substring(start, end);
    }

    int start() {
        return start;
    }

    int length() {
        return end - start;
    }

    /** Whether the token's text is exactly {@code s}, without copying it. */
    boolean is(String s) {
        return s.length() == end - start && src.startsWith(s, start);
    }

    void appendTo(StringBuilder sb) {
        sb.append(src, start, end);
    }

    boolean isLineComment() {
        return kind == FmtKind.COMMENT && end > start && src.charAt(end - 1) == '\n';
    }

    /** A newline token, or a single-line comment, which carries its own newline. */
    boolean endsLine() {
        return kind == FmtKind.NEWLINE || isLineComment();
    }

    /** How many columns the token occupies: grapheme clusters, as Terraform counts them. */
    int columns() {
        for (int i = start; i < end; i++) {
            char c = src.charAt(i);
            if (c >= 0x80 || c == '\r') {
                return Graphemes.count(text());
            }
        }
        return end - start;
    }

    @Override
    public String toString() {
        return kind + "(" + text().replace("\n", "\\n") + ")";
    }
}
