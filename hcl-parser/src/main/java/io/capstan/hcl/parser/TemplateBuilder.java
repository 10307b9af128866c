package io.capstan.hcl.parser;

import io.capstan.hcl.ast.ConditionalExpr;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.ForExpr;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.LiteralValueExpr;
import io.capstan.hcl.ast.TemplateExpr;
import io.capstan.hcl.ast.TemplateJoinExpr;
import io.capstan.hcl.ast.TemplateWrapExpr;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.HclGrammar.*;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds template expressions the way hclsyntax does: the parts are first flattened into
 * a token sequence (literal text, interpolations, directive markers), strip markers
 * ({@code ~}) trim the neighbouring literals, {@code <<-} heredocs lose their common
 * indentation, and only then is the nesting of {@code %{if}}/{@code %{for}} rebuilt.
 */
final class TemplateBuilder {
    private final ExprBuilder exprs;
    private final SourceMap map;
    private final Diagnostics diags;

    TemplateBuilder(ExprBuilder exprs, SourceMap map, Diagnostics diags) {
        this.exprs = exprs;
        this.map = map;
        this.diags = diags;
    }

    enum Kind { LIT, INTERP, IF, ELSE, ENDIF, FOR, ENDFOR }

    /** One element of the flattened template. */
    static final class Item {
        final Kind kind;
        String text;            // LIT
        SourceRange range;
        boolean stripBefore;    // "${~" / "%{~"
        boolean stripAfter;     // "~}"
        ExpressionContext expr; // INTERP, IF condition, FOR collection
        Expression built;       // instead of expr: built by the hand-written fast path
        String keyVar;
        String valVar;

        Item(Kind kind, SourceRange range) {
            this.kind = kind;
            this.range = range;
        }
    }

    Expression quoted(QuotedTemplateTermContext q) {
        // Fast path for the common plain string "abc" (one literal token, no escapes).
        int n = q.getChildCount();
        if (n == 2) {
            return new TemplateExpr(List.of(), false, exprs.range(q));
        }
        if (n == 3 && q.getChild(1) instanceof LiteralPartContext l) {
            Token t = l.getStart();
            String raw = map.text(t);
            if (raw.indexOf('\\') < 0 && raw.indexOf('{') < 0 && !needsNormalizing(raw)) {
                return new TemplateExpr(List.of(new LiteralValueExpr(new Literal.Str(raw), map.range(t))), false,
                        exprs.range(q));
            }
        }
        List<Item> items = new ArrayList<>();
        flatten(q.templatePart(), items, true);
        return finish(items, false, exprs.range(q));
    }

    Expression heredoc(HeredocTermContext h) {
        List<Item> items = new ArrayList<>();
        flatten(h.templatePart(), items, false);
        boolean flush = h.HEREDOC_START().getText().startsWith("<<-");
        return finish(items, true, flush, exprs.range(h));
    }

    Expression bare(List<TemplatePartContext> parts, SourceRange range) {
        List<Item> items = new ArrayList<>();
        flatten(parts, items, false);
        return finish(items, false, false, range);
    }

    private Expression finish(List<Item> items, boolean heredoc, SourceRange range) {
        return finish(items, heredoc, false, range);
    }

    Expression finish(List<Item> items, boolean heredoc, boolean flush, SourceRange range) {
        strip(items);
        if (flush) {
            flushIndent(items);
        }
        if (items.size() == 1 && items.get(0).kind == Kind.INTERP) {
            return new TemplateWrapExpr(expr(items.get(0)), range);
        }
        int[] pos = {0};
        List<Expression> parts = build(items, pos);
        return new TemplateExpr(parts, heredoc, range);
    }

    // ---- flattening ----

    private void flatten(List<TemplatePartContext> parts, List<Item> out, boolean quoted) {
        for (TemplatePartContext p : parts) {
            if (p instanceof LiteralPartContext l) {
                literal(l.getStart(), out, quoted);
            } else if (p instanceof InterpolationPartContext ip) {
                Item it = marker(Kind.INTERP, ip.TEMPLATE_INTERP().getSymbol(), ip.TEMPLATE_SEQ_END().getSymbol());
                it.expr = ip.expression();
                out.add(it);
            } else if (p instanceof IfPartContext ifp) {
                List<TerminalNode> opens = ifp.TEMPLATE_DIRECTIVE();
                List<TerminalNode> ends = ifp.TEMPLATE_SEQ_END();
                Item open = marker(Kind.IF, opens.get(0).getSymbol(), ends.get(0).getSymbol());
                open.expr = ifp.expression();
                out.add(open);
                flatten(ifp.templateParts(0).templatePart(), out, quoted);
                int n = 1;
                if (ifp.ELSE() != null) {
                    out.add(marker(Kind.ELSE, opens.get(1).getSymbol(), ends.get(1).getSymbol()));
                    flatten(ifp.templateParts(1).templatePart(), out, quoted);
                    n = 2;
                }
                out.add(marker(Kind.ENDIF, opens.get(n).getSymbol(), ends.get(n).getSymbol()));
            } else if (p instanceof ForPartContext fp) {
                List<TerminalNode> opens = fp.TEMPLATE_DIRECTIVE();
                List<TerminalNode> ends = fp.TEMPLATE_SEQ_END();
                Item open = marker(Kind.FOR, opens.get(0).getSymbol(), ends.get(0).getSymbol());
                List<TerminalNode> ids = fp.IDENT();
                TerminalNode in = ids.get(ids.size() - 1);
                if (!"in".equals(in.getText())) {
                    diags.add(Diagnostic.error("Invalid 'for' directive",
                            "The 'in' keyword is required after the iterator variable name(s).", map.range(in.getSymbol())));
                }
                open.keyVar = fp.COMMA() != null ? ids.get(0).getText() : null;
                open.valVar = fp.COMMA() != null ? ids.get(1).getText() : ids.get(0).getText();
                open.expr = fp.expression();
                out.add(open);
                flatten(fp.templateParts().templatePart(), out, quoted);
                out.add(marker(Kind.ENDFOR, opens.get(1).getSymbol(), ends.get(1).getSymbol()));
            }
        }
    }

    Item marker(Kind kind, Token open, Token close) {
        Item it = new Item(kind, map.range(open, close));
        // "${~" / "%{~" and "~}" are the only three- and two-character forms of these tokens
        it.stripBefore = open.getStopIndex() - open.getStartIndex() == 2;
        it.stripAfter = close.getStopIndex() - close.getStartIndex() == 1;
        return it;
    }

    /** Adds literal text; heredoc lines end with their newline, as HCL's literal tokens do. */
    void literal(Token t, List<Item> out, boolean quoted) {
        String raw = t.getText();
        SourceRange r = map.range(t);
        if (t.getType() == HclLexer.HEREDOC_NL) {
            Item last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.kind == Kind.LIT && !last.text.endsWith("\n")) {
                last.text += "\n";
                last.range = map.between(last.range, r);
                return;
            }
            Item it = new Item(Kind.LIT, r);
            it.text = "\n";
            out.add(it);
            return;
        }
        Item it = new Item(Kind.LIT, r);
        it.text = map.intern(quoted ? unescape(raw, t) : unescapeTemplateSequences(raw));
        out.add(it);
    }

    String unescapeQuoted(Token t) {
        return unescape(t.getText(), t);
    }

    private static String unescapeTemplateSequences(String raw) {
        if (raw.indexOf("$${") < 0 && raw.indexOf("%%{") < 0) {
            return normalize(raw);
        }
        return normalize(raw.replace("$${", "${").replace("%%{", "%{"));
    }

    static boolean needsNormalizing(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x300) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x300) {
                return Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s;
    }

    private String unescape(String raw, Token t) {
        if (raw.indexOf('\\') < 0) {
            return unescapeTemplateSequences(raw);
        }
        StringBuilder sb = new StringBuilder(raw.length());
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '$' && raw.startsWith("$${", i)) {
                sb.append("${");
                i += 2;
                continue;
            }
            if (c == '%' && raw.startsWith("%%{", i)) {
                sb.append("%{");
                i += 2;
                continue;
            }
            if (c != '\\' || i + 1 >= n) {
                sb.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'u', 'U' -> {
                    int len = e == 'u' ? 4 : 8;
                    int j = i + 1;
                    while (j < n && j < i + 1 + len && Character.digit(raw.charAt(j), 16) >= 0) {
                        j++;
                    }
                    if (j - (i + 1) != len) {
                        escapeError(t, raw, i - 1, j, e == 'u'
                                ? "The \\u escape sequence must be followed by four hexadecimal digits."
                                : "The \\U escape sequence must be followed by eight hexadecimal digits.");
                    } else {
                        int cp = (int) Long.parseLong(raw.substring(i + 1, j), 16);
                        if (Character.isValidCodePoint(cp)) {
                            sb.appendCodePoint(cp);
                        } else {
                            escapeError(t, raw, i - 1, j, "The escape sequence \\" + raw.substring(i, j)
                                    + " does not denote a valid Unicode character.");
                        }
                    }
                    i = j - 1;
                }
                default -> escapeError(t, raw, i - 1, i + 1,
                        "The symbol \"" + e + "\" is not a valid escape sequence selector.");
            }
        }
        return normalize(sb.toString());
    }

    private void escapeError(Token t, String raw, int from, int to, String detail) {
        int cpFrom = raw.codePointCount(0, from);
        int cpTo = raw.codePointCount(0, to);
        int start = t.getStartIndex();
        Pos s = map.pos(t.getLine(), t.getCharPositionInLine() + cpFrom, start + cpFrom);
        Pos e = map.pos(t.getLine(), t.getCharPositionInLine() + cpTo, start + cpTo);
        diags.add(Diagnostic.error("Invalid escape sequence", detail, map.range(s, e)));
    }

    // ---- strip markers and flush heredocs ----

    private static void strip(List<Item> items) {
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.kind == Kind.LIT) {
                continue;
            }
            if (it.stripBefore && i > 0 && items.get(i - 1).kind == Kind.LIT) {
                Item lit = items.get(i - 1);
                lit.text = lit.text.stripTrailing();
            }
            if (it.stripAfter && i + 1 < items.size() && items.get(i + 1).kind == Kind.LIT) {
                Item lit = items.get(i + 1);
                lit.text = lit.text.stripLeading();
            }
        }
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\r' || c == '\n'
                || c == 0x85 || Character.isSpaceChar(c);
    }

    /** {@code <<-}: remove the smallest leading-space count of the non-blank lines from every line. */
    private static void flushIndent(List<Item> items) {
        int min = Integer.MAX_VALUE;
        boolean newline = true;
        List<Item> adjust = new ArrayList<>();
        for (Item it : items) {
            if (newline) {
                newline = false;
                int spaces;
                if (it.kind == Kind.LIT) {
                    String s = it.text;
                    int k = 0;
                    while (k < s.length() && isSpace(s.codePointAt(k))) {
                        k += Character.charCount(s.codePointAt(k));
                    }
                    if (k == s.length() && s.endsWith("\n")) {
                        spaces = Integer.MAX_VALUE;
                    } else {
                        spaces = s.codePointCount(0, k);
                        adjust.add(it);
                    }
                } else {
                    spaces = 0;
                }
                min = Math.min(min, spaces);
            }
            if (it.kind == Kind.LIT && it.text.endsWith("\n")) {
                newline = true;
            }
        }
        if (min == Integer.MAX_VALUE || min == 0) {
            return;
        }
        for (Item it : adjust) {
            int cut = it.text.offsetByCodePoints(0, Math.min(min, it.text.codePointCount(0, it.text.length())));
            it.text = it.text.substring(cut);
        }
    }

    // ---- rebuilding the nesting ----

    private Expression expr(Item it) {
        return it.built != null ? it.built : exprs.expression(it.expr);
    }

    private List<Expression> build(List<Item> items, int[] pos) {
        List<Expression> parts = new ArrayList<>();
        while (pos[0] < items.size()) {
            Item it = items.get(pos[0]);
            switch (it.kind) {
                case LIT -> {
                    pos[0]++;
                    if (!it.text.isEmpty()) {
                        Expression prev = parts.isEmpty() ? null : parts.get(parts.size() - 1);
                        if (prev instanceof LiteralValueExpr l && l.value() instanceof Literal.Str s) {
                            parts.set(parts.size() - 1, new LiteralValueExpr(new Literal.Str(s.value() + it.text),
                                    map.between(l.range(), it.range)));
                        } else {
                            parts.add(new LiteralValueExpr(new Literal.Str(map.intern(it.text)), it.range));
                        }
                    }
                }
                case INTERP -> {
                    pos[0]++;
                    parts.add(expr(it));
                }
                case IF -> {
                    pos[0]++;
                    Expression cond = expr(it);
                    List<Expression> thenParts = build(items, pos);
                    Item next = items.get(pos[0]);
                    SourceRange thenEnd = next.range;
                    List<Expression> elseParts = List.of();
                    SourceRange elseRange = next.range;
                    if (next.kind == Kind.ELSE) {
                        pos[0]++;
                        elseParts = build(items, pos);
                        elseRange = map.between(next.range, items.get(pos[0]).range);
                    }
                    Item end = items.get(pos[0]++);
                    parts.add(new ConditionalExpr(cond,
                            new TemplateExpr(thenParts, false, map.between(it.range, thenEnd)),
                            new TemplateExpr(elseParts, false, elseRange),
                            map.between(it.range, end.range)));
                }
                case FOR -> {
                    pos[0]++;
                    Expression coll = expr(it);
                    List<Expression> body = build(items, pos);
                    Item end = items.get(pos[0]++);
                    SourceRange r = map.between(it.range, end.range);
                    ForExpr fe = new ForExpr(it.keyVar, it.valVar, coll, null,
                            new TemplateExpr(body, false, r), null, false, r, it.range, end.range);
                    parts.add(new TemplateJoinExpr(fe, r));
                }
                default -> {
                    return parts; // ELSE / ENDIF / ENDFOR close the enclosing directive
                }
            }
        }
        return parts;
    }
}
