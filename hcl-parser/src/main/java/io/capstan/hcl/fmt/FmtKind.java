package io.capstan.hcl.fmt;

/**
 * Token kinds as the formatter sees them. They mirror HCL's own scanner (hclsyntax) rather
 * than Capstan's ANTLR token types, because Terraform's layout rules are written in terms
 * of those: a single-line comment owns its newline, every heredoc body line is a string
 * literal, and keywords are plain identifiers.
 */
enum FmtKind {
    NEWLINE, COMMENT,
    IDENT, NUMBER,
    OQUOTE, CQUOTE, QUOTED_LIT, STRING_LIT, OHEREDOC, CHEREDOC, QUOTED_NEWLINE,
    TEMPLATE_INTERP, TEMPLATE_CONTROL, TEMPLATE_SEQ_END,
    OBRACE, CBRACE, OBRACK, CBRACK, OPAREN, CPAREN,
    DOT, COMMA, ELLIPSIS, DCOLON, COLON, QUESTION, EQUAL, FAT_ARROW,
    EQUAL_OP, NOT_EQUAL, LT, LE, GT, GE, AND, OR, BANG,
    PLUS, MINUS, STAR, SLASH, PERCENT,
    INVALID, UNTERMINATED_COMMENT,
    /** Stands for "no token" before the first and after the last token of a cell. */
    NIL;

    /** +1 for tokens that open a nesting level, -1 for those that close one. */
    int bracketChange() {
        switch (this) {
            case OBRACE: case OBRACK: case OPAREN: case TEMPLATE_CONTROL: case TEMPLATE_INTERP:
                return 1;
            case CBRACE: case CBRACK: case CPAREN: case TEMPLATE_SEQ_END:
                return -1;
            default:
                return 0;
        }
    }
}
