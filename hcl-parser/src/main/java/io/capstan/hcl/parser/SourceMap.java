package io.capstan.hcl.parser;

import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.SourceRange;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;

/**
 * Turns ANTLR token positions (code-point indexes, lines, columns) into {@link Pos}itions
 * with UTF-8 byte offsets. For pure-ASCII input the byte offset is the code-point index;
 * otherwise a table maps code points to bytes. A base offset supports sub-parses that
 * start in the middle of a file (templates inside JSON strings).
 */
final class SourceMap {
    private final String filename;
    private final CharStream chars;
    private final String text;
    private final int[] byteOf; // null when ASCII
    private final int[] codePoints; // null when ASCII: then code-point index == char index
    private final int baseLine;
    private final int baseColumn;
    private final int baseByte;

    SourceMap(String filename, CharStream chars, String text, int baseLine, int baseColumn, int baseByte) {
        this.filename = filename;
        this.chars = chars;
        this.text = text;
        this.baseLine = baseLine;
        this.baseColumn = baseColumn;
        this.baseByte = baseByte;
        boolean ascii = asciiOnly(text);
        this.byteOf = ascii ? null : buildTable(text);
        this.codePoints = ascii ? null : text.codePoints().toArray();
    }

    private static boolean asciiOnly(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int[] buildTable(String s) {
        int cps = s.codePointCount(0, s.length());
        int[] t = new int[cps + 1];
        int b = 0;
        int i = 0;
        for (int cp = 0; cp < cps; cp++) {
            t[cp] = b;
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        }
        t[cps] = b;
        return t;
    }

    String filename() {
        return filename;
    }

    int byteOffset(int cpIndex) {
        return baseByte + (byteOf == null ? cpIndex : byteOf[Math.min(cpIndex, byteOf.length - 1)]);
    }

    Pos pos(int line, int column0, int cpIndex) {
        int col = line == 1 ? column0 + baseColumn : column0 + 1;
        return new Pos(line + baseLine - 1, col, byteOffset(cpIndex));
    }

    Pos start(Token t) {
        return pos(t.getLine(), t.getCharPositionInLine(), t.getStartIndex());
    }

    Pos end(Token t) {
        int start = t.getStartIndex();
        int stop = t.getStopIndex();
        if (t.getType() == Token.EOF || stop < start) {
            return start(t);
        }
        int line = t.getLine();
        int col = t.getCharPositionInLine();
        if (mayContainNewline(t.getType())) {
            for (int i = start; i <= stop; i++) {
                int c = codePointAt(i);
                if (c == '\n') {
                    line++;
                    col = 0;
                } else {
                    col++;
                }
            }
            return pos(line, col, stop + 1);
        }
        return pos(line, col + (stop - start + 1), stop + 1);
    }

    /** The code point at a code-point index, without allocating (tokens store code-point indexes). */
    private int codePointAt(int cpIndex) {
        if (codePoints == null) {
            return text.charAt(cpIndex);
        }
        return codePoints[cpIndex];
    }

    private static boolean mayContainNewline(int type) {
        return type == HclLexer.NEWLINE || type == HclLexer.HEREDOC_NL || type == HclLexer.QUOTED_NEWLINE
                || type == HclLexer.HEREDOC_START || type == HclLexer.BLOCK_COMMENT
                || type == HclLexer.UNTERMINATED_COMMENT;
    }

    SourceRange range(Token t) {
        return new SourceRange(filename, start(t), end(t));
    }

    SourceRange range(Token from, Token to) {
        return new SourceRange(filename, start(from), end(to));
    }

    SourceRange range(Pos from, Pos to) {
        return new SourceRange(filename, from, to);
    }
}
