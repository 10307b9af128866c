package io.capstan.hcl.fmt;

import static io.capstan.hcl.fmt.FmtKind.*;

/**
 * Whether one space goes between two neighbouring tokens of a line, as Terraform decides
 * it: none around dots, before commas and {@code ...}, inside (), [] and template
 * delimiters, or between a function name and its parenthesis; one after commas, around
 * binary operators and inside braces; and a minus after an operator or opener is a sign.
 */
final class Spacing {
    private Spacing() {
    }

    static boolean spaceAfter(FmtToken subject, FmtToken before, FmtToken after) {
        FmtKind s = subject.kind;
        FmtKind a = after.kind;
        if (a == NEWLINE || a == NIL) {
            return false;
        }
        if (s == IDENT && a == OPAREN) {
            return false;
        }
        if ((s == IDENT && a == DCOLON) || (s == DCOLON && a == IDENT)) {
            return false;
        }
        if (s == DOT || a == DOT) {
            return false;
        }
        if (a == COMMA || a == ELLIPSIS) {
            return false;
        }
        if (s == COMMA) {
            return true;
        }
        if (s == QUOTED_LIT || s == STRING_LIT || s == OQUOTE || s == OHEREDOC
                || a == QUOTED_LIT || a == STRING_LIT || a == CQUOTE || a == CHEREDOC) {
            return false;
        }
        if (s == IDENT && subject.is("in") && before.kind == IDENT) {
            return true;
        }
        if (a == OBRACK && (s == IDENT || s == NUMBER || s.bracketChange() < 0)) {
            return false;
        }
        if (s == BANG) {
            return false; // logical not hugs its operand
        }
        if (s == MINUS) {
            return !isSignContext(before.kind);
        }
        if (s == OBRACE || a == CBRACE) {
            return !(s == OBRACE && a == CBRACE);
        }
        if ((s == TEMPLATE_INTERP || s == TEMPLATE_CONTROL) && a == OBRACE) {
            return true;
        }
        if (s == CBRACE && a == TEMPLATE_SEQ_END) {
            return true;
        }
        if (s == TEMPLATE_SEQ_END && (a == TEMPLATE_INTERP || a == TEMPLATE_CONTROL)) {
            return false;
        }
        if (s.bracketChange() > 0) {
            return false;
        }
        if (a.bracketChange() < 0) {
            return false;
        }
        return true;
    }

    /** A minus after one of these cannot be subtraction, so it is a sign and hugs its operand. */
    private static boolean isSignContext(FmtKind before) {
        switch (before) {
            case NIL: case OPAREN: case OBRACE: case OBRACK: case EQUAL: case COLON: case COMMA: case QUESTION:
            case PLUS: case STAR: case SLASH: case PERCENT: case MINUS:
            case EQUAL_OP: case NOT_EQUAL: case GT: case GE: case LT: case LE:
            case AND: case OR: case BANG:
                return true;
            default:
                return false;
        }
    }
}
