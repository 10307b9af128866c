package io.capstan.hcl.fmt;

import io.capstan.hcl.parser.HclLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Runs Capstan's HCL lexer over a whole file (every channel) and turns its tokens into the
 * formatter's view: a single-line comment absorbs the newline that ends it, heredoc body
 * lines and their newlines become string literals, and template keywords are identifiers.
 * Lexing is done once per file; everything after works on the resulting list.
 */
final class FmtLexer {
    private FmtLexer() {
    }

    static List<FmtToken> lex(String src) {
        HclLexer lexer = new HclLexer(CharStreams.fromString(src));
        lexer.removeErrorListeners();
        int[] charIndex = codePointToCharIndex(src);
        List<FmtToken> out = new ArrayList<>(Math.max(16, src.length() / 4));
        FmtToken pendingComment = null;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            int type = t.getType();
            int start = t.getStartIndex();
            int end = t.getStopIndex() + 1;
            if (charIndex != null) {
                start = charIndex[start];
                end = charIndex[end];
            }
            if (pendingComment != null) {
                if (type == HclLexer.NEWLINE) {
                    FmtToken merged = new FmtToken(FmtKind.COMMENT, src, pendingComment.start(), end,
                            pendingComment.line);
                    merged.insignificant = t.getChannel() != Token.DEFAULT_CHANNEL;
                    out.add(merged);
                    pendingComment = null;
                    continue;
                }
                out.add(pendingComment);
                pendingComment = null;
            }
            FmtToken tok = new FmtToken(kindOf(type), src, start, end, t.getLine());
            if (type == HclLexer.NEWLINE) {
                tok.insignificant = t.getChannel() != Token.DEFAULT_CHANNEL;
            }
            if (type == HclLexer.LINE_COMMENT) {
                pendingComment = tok;
            } else {
                out.add(tok);
            }
        }
        if (pendingComment != null) {
            out.add(pendingComment);
        }
        return out;
    }

    /** ANTLR counts code points; strings index UTF-16 units. Null when they coincide. */
    private static int[] codePointToCharIndex(String src) {
        int cps = src.codePointCount(0, src.length());
        if (cps == src.length()) {
            return null;
        }
        int[] map = new int[cps + 1];
        int ci = 0;
        for (int cp = 0; cp < cps; cp++) {
            map[cp] = ci;
            ci += Character.charCount(src.codePointAt(ci));
        }
        map[cps] = ci;
        return map;
    }

    private static FmtKind kindOf(int type) {
        switch (type) {
            case HclLexer.NEWLINE: return FmtKind.NEWLINE;
            case HclLexer.LINE_COMMENT: case HclLexer.BLOCK_COMMENT: return FmtKind.COMMENT;
            case HclLexer.UNTERMINATED_COMMENT: return FmtKind.UNTERMINATED_COMMENT;
            case HclLexer.IDENT: case HclLexer.FOR: case HclLexer.IF: case HclLexer.ELSE:
            case HclLexer.ENDIF: case HclLexer.ENDFOR:
                return FmtKind.IDENT;
            case HclLexer.NUMBER: return FmtKind.NUMBER;
            case HclLexer.OQUOTE: return FmtKind.OQUOTE;
            case HclLexer.CQUOTE: return FmtKind.CQUOTE;
            case HclLexer.QUOTED_LIT: return FmtKind.QUOTED_LIT;
            case HclLexer.QUOTED_NEWLINE: return FmtKind.QUOTED_NEWLINE;
            case HclLexer.HEREDOC_LIT: case HclLexer.HEREDOC_NL: return FmtKind.STRING_LIT;
            case HclLexer.HEREDOC_START: return FmtKind.OHEREDOC;
            case HclLexer.HEREDOC_END: return FmtKind.CHEREDOC;
            case HclLexer.TEMPLATE_INTERP: return FmtKind.TEMPLATE_INTERP;
            case HclLexer.TEMPLATE_DIRECTIVE: return FmtKind.TEMPLATE_CONTROL;
            case HclLexer.TEMPLATE_SEQ_END: return FmtKind.TEMPLATE_SEQ_END;
            case HclLexer.LBRACE: return FmtKind.OBRACE;
            case HclLexer.RBRACE: return FmtKind.CBRACE;
            case HclLexer.LBRACK: return FmtKind.OBRACK;
            case HclLexer.RBRACK: return FmtKind.CBRACK;
            case HclLexer.LPAREN: return FmtKind.OPAREN;
            case HclLexer.RPAREN: return FmtKind.CPAREN;
            case HclLexer.DOT: return FmtKind.DOT;
            case HclLexer.COMMA: return FmtKind.COMMA;
            case HclLexer.ELLIPSIS: return FmtKind.ELLIPSIS;
            case HclLexer.DCOLON: return FmtKind.DCOLON;
            case HclLexer.COLON: return FmtKind.COLON;
            case HclLexer.QUESTION: return FmtKind.QUESTION;
            case HclLexer.EQUAL: return FmtKind.EQUAL;
            case HclLexer.ARROW: return FmtKind.FAT_ARROW;
            case HclLexer.EQEQ: return FmtKind.EQUAL_OP;
            case HclLexer.NEQ: return FmtKind.NOT_EQUAL;
            case HclLexer.LT: return FmtKind.LT;
            case HclLexer.LE: return FmtKind.LE;
            case HclLexer.GT: return FmtKind.GT;
            case HclLexer.GE: return FmtKind.GE;
            case HclLexer.AND: return FmtKind.AND;
            case HclLexer.OR: return FmtKind.OR;
            case HclLexer.BANG: return FmtKind.BANG;
            case HclLexer.PLUS: return FmtKind.PLUS;
            case HclLexer.MINUS: return FmtKind.MINUS;
            case HclLexer.STAR: return FmtKind.STAR;
            case HclLexer.SLASH: return FmtKind.SLASH;
            case HclLexer.PERCENT: return FmtKind.PERCENT;
            default: return FmtKind.INVALID;
        }
    }
}
