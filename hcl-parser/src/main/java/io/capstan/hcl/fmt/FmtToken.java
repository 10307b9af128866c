package io.capstan.hcl.fmt;

/**
 * One token of the file being formatted: its kind, its exact source text and the number
 * of spaces the layout puts before it. Formatting only ever changes {@code spacesBefore}
 * (and the Terraform rewrites replace whole tokens), so the text of literals, comments
 * and heredoc bodies survives byte for byte.
 */
final class FmtToken {
    static final FmtToken NIL = new FmtToken(FmtKind.NIL, "", 0, 0);

    final FmtKind kind;
    final String text;
    /** Character offset in the source (for diagnostics); -1 for synthesised tokens. */
    final int offset;
    /** 1-based source line; 0 for synthesised tokens. */
    final int line;
    int spacesBefore;
    /** For newlines (and line comments, through the newline they end with): the lexer found it
     * inside brackets, where it does not end an attribute. */
    boolean insignificant;

    FmtToken(FmtKind kind, String text, int offset, int line) {
        this.kind = kind;
        this.text = text;
        this.offset = offset;
        this.line = line;
    }

    static FmtToken synthetic(FmtKind kind, String text) {
        return new FmtToken(kind, text, -1, 0);
    }

    boolean isLineComment() {
        return kind == FmtKind.COMMENT && !text.isEmpty() && text.charAt(text.length() - 1) == '\n';
    }

    /** A newline token, or a single-line comment, which carries its own newline. */
    boolean endsLine() {
        return kind == FmtKind.NEWLINE || isLineComment();
    }

    /** How many columns the token occupies: grapheme clusters, as Terraform counts them. */
    int columns() {
        String s = text;
        int n = s.length();
        boolean simple = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '\r') {
                simple = false;
                break;
            }
        }
        return simple ? n : Graphemes.count(s);
    }

    @Override
    public String toString() {
        return kind + "(" + text.replace("\n", "\\n") + ")";
    }
}
