package io.capstan.hcl.parser;

import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.SourceRange;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns ANTLR token positions (code-point indexes, lines, columns) into {@link Pos}itions
 * with UTF-8 byte offsets. For pure-ASCII input the byte offset is the code-point index;
 * otherwise a table maps code points to bytes. A base offset supports sub-parses that
 * start in the middle of a file (templates inside JSON strings).
 *
 * <p>It also keeps the AST small: a 10 MB file used to retain ~230 MB, mostly duplicate
 * {@link Pos}/{@link SourceRange} records and duplicate identifier strings, and copying that
 * live data is what the garbage collector spends its time on. Positions and ranges come
 * from small direct-mapped caches (nearby AST nodes share their tokens' positions), and
 * token texts are interned per parse (a configuration repeats the same names endlessly).
 */
final class SourceMap {
    private final String filename;
    private final CharStream chars;
    private final String text; // null when built over ASCII bytes
    private final byte[] ascii; // the input when it is pure ASCII bytes, else null
    private final int[] byteOf; // null when ASCII
    private final int[] codePoints; // null when ASCII: then code-point index == char index
    private final int baseLine;
    private final int baseColumn;
    private final int baseByte;

    private static final int CACHE = 1 << 12;
    private final Pos[] posCache = new Pos[CACHE];
    private final SourceRange[] rangeCache = new SourceRange[CACHE];
    private final int[] posKeys = new int[CACHE];
    private final long[] rangeKeys = new long[CACHE];
    private String[] names = new String[1 << 10];
    private int nameCount;
    private final Map<String, String> strings = new HashMap<>();

    /** Over ASCII-only bytes (the common case): no decoded copy of the file exists. */
    SourceMap(String filename, CharStream chars, byte[] ascii) {
        this.filename = filename;
        this.chars = chars;
        this.text = null;
        this.ascii = ascii;
        this.baseLine = 1;
        this.baseColumn = 1;
        this.baseByte = 0;
        this.byteOf = null;
        this.codePoints = null;
    }

    SourceMap(String filename, CharStream chars, String text, int baseLine, int baseColumn, int baseByte) {
        this.filename = filename;
        this.chars = chars;
        this.text = text;
        this.ascii = null;
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
        int l = line + baseLine - 1;
        int off = byteOffset(cpIndex);
        int slot = off & (CACHE - 1);
        if (posKeys[slot] == off) {
            Pos p = posCache[slot];
            if (p != null && p.line() == l && p.column() == col) {
                return p;
            }
        }
        Pos p = new Pos(l, col, off);
        posCache[slot] = p;
        posKeys[slot] = off;
        return p;
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
        if (ascii != null) {
            return ascii[cpIndex];
        }
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
        return range(start(t), end(t));
    }

    SourceRange range(Token from, Token to) {
        return range(start(from), end(to));
    }

    SourceRange range(Pos from, Pos to) {
        int slot = (from.byteOffset() * 31 + to.byteOffset()) & (CACHE - 1);
        // The offsets are compared in a primitive array first: dereferencing the cached range
        // of a random slot (an old object, a cache miss) took a quarter of the parse time.
        long key = ((long) from.byteOffset() << 32) | (to.byteOffset() & 0xffffffffL);
        if (rangeKeys[slot] == key) {
            SourceRange r = rangeCache[slot];
            if (r != null && same(r.start(), from) && same(r.end(), to)) {
                return r;
            }
        }
        SourceRange r = new SourceRange(filename, from, to);
        rangeCache[slot] = r;
        rangeKeys[slot] = key;
        return r;
    }

    private static boolean same(Pos a, Pos b) {
        return a == b || (a.byteOffset() == b.byteOffset() && a.line() == b.line() && a.column() == b.column());
    }

    /** {@link SourceRange#between}, through the range cache. */
    SourceRange between(SourceRange a, SourceRange b) {
        Pos s = a.start().compareTo(b.start()) <= 0 ? a.start() : b.start();
        Pos e = a.end().compareTo(b.end()) >= 0 ? a.end() : b.end();
        return range(s, e);
    }

    /**
     * The text of a token, shared with every earlier token of the same text in this parse
     * (identifiers and literals repeat endlessly in a configuration).
     */
    String text(Token t) {
        int start = t.getStartIndex();
        int stop = t.getStopIndex();
        if (ascii == null || stop < start || stop >= ascii.length) {
            return intern(t.getText());
        }
        int h = 0;
        for (int i = start; i <= stop; i++) {
            h = 31 * h + ascii[i];
        }
        int len = stop - start + 1;
        int mask = names.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            String s = names[slot];
            if (s == null) {
                s = new String(ascii, start, len, StandardCharsets.ISO_8859_1);
                names[slot] = s;
                if (++nameCount * 2 > names.length) {
                    growNames();
                }
                return s;
            }
            if (s.length() == len && s.hashCode() == h && sameBytes(s, start)) {
                return s;
            }
        }
    }

    private boolean sameBytes(String s, int start) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) != ascii[start + i]) {
                return false;
            }
        }
        return true;
    }

    private void growNames() {
        String[] old = names;
        names = new String[old.length * 2];
        int mask = names.length - 1;
        for (String s : old) {
            if (s != null) {
                int slot = s.hashCode() & mask;
                while (names[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                names[slot] = s;
            }
        }
    }

    /** One shared instance per distinct string of this parse (e.g. unescaped literals). */
    String intern(String s) {
        String prev = strings.putIfAbsent(s, s);
        return prev != null ? prev : s;
    }
}
