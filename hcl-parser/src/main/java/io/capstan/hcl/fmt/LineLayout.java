package io.capstan.hcl.fmt;

import java.util.List;

/**
 * Terraform's layout pass (hclwrite's): split the token list into lines, each with up to
 * three cells — lead, assignment (from an attribute's {@code =} to the line end) and a
 * trailing single-line comment — then (1) indent each line two spaces per open bracket
 * level, (2) set the spacing between neighbouring tokens, and (3) align the {@code =} cells
 * and then the comment cells of consecutive lines. Linear in the number of tokens.
 */
final class LineLayout {
    private final List<FmtToken> tokens;
    /** For line i: tokens [start[i], assign[i]) are the lead cell, [assign[i], comment[i]) the
     * assignment cell (empty when assign[i] == comment[i] and no '='), [comment[i], end[i]) the comment. */
    private int[] start;
    private int[] assign;
    private int[] comment;
    private int[] end;
    private boolean[] hasAssign;
    private boolean[] hasComment;
    private int lineCount;

    private LineLayout(List<FmtToken> tokens) {
        this.tokens = tokens;
    }

    /** Lays out the tokens in place (their {@code spacesBefore}) and returns the resulting text. */
    static String format(List<FmtToken> tokens) {
        LineLayout l = new LineLayout(tokens);
        l.splitLines();
        l.indent();
        l.spaces();
        l.alignAssignments();
        l.alignComments();
        return write(tokens);
    }

    static String write(List<FmtToken> tokens) {
        int size = 0;
        for (FmtToken t : tokens) {
            size += t.spacesBefore + t.length();
        }
        StringBuilder sb = new StringBuilder(size);
        for (FmtToken t : tokens) {
            for (int i = 0; i < t.spacesBefore; i++) {
                sb.append(' ');
            }
            t.appendTo(sb);
        }
        return sb.toString();
    }

    private void splitLines() {
        int n = 1;
        for (FmtToken t : tokens) {
            if (t.endsLine()) {
                n++;
            }
        }
        start = new int[n];
        assign = new int[n];
        comment = new int[n];
        end = new int[n];
        hasAssign = new boolean[n];
        hasComment = new boolean[n];
        int li = 0;
        int lineStart = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).endsLine()) {
                start[li] = lineStart;
                end[li] = i + 1;
                li++;
                lineStart = i + 1;
            }
        }
        start[li] = lineStart;
        end[li] = tokens.size();
        lineCount = n;

        for (int l = 0; l < n; l++) {
            int s = start[l];
            int e = end[l];
            int leadEnd = e;
            if (e - s > 1 && tokens.get(e - 1).kind == FmtKind.COMMENT) {
                hasComment[l] = true;
                leadEnd = e - 1;
            }
            comment[l] = leadEnd;
            assign[l] = leadEnd;
            for (int i = s + 1; i < leadEnd; i++) {
                if (tokens.get(i).kind == FmtKind.EQUAL) {
                    // Only a whole expression on this line makes an alignable assignment;
                    // a net-open bracket means the value continues on later lines.
                    int net = 0;
                    for (int j = i; j < leadEnd; j++) {
                        FmtToken t = tokens.get(j);
                        net += t.kind.bracketChange();
                        if (t.kind == FmtKind.OHEREDOC) {
                            break;
                        }
                    }
                    if (net == 0) {
                        assign[l] = i;
                        hasAssign[l] = true;
                    }
                    break;
                }
            }
        }
    }

    private void indent() {
        int[] indents = new int[16];
        int depth = 0;
        for (int l = 0; l < lineCount; l++) {
            if (start[l] == comment[l] && !hasComment[l]) {
                continue; // empty (final) line
            }
            FmtToken first = tokens.get(start[l]);
            if (first.kind == FmtKind.NEWLINE) {
                first.spacesBefore = 0;
                continue;
            }
            int net = 0;
            for (int i = start[l]; i < assign[l]; i++) {
                FmtKind k = tokens.get(i).kind;
                net += k.bracketChange();
                if (k == FmtKind.OHEREDOC) {
                    break;
                }
            }
            for (int i = assign[l]; i < comment[l]; i++) {
                FmtKind k = tokens.get(i).kind;
                net += k.bracketChange();
                if (k == FmtKind.OHEREDOC) {
                    break;
                }
            }
            if (net > 0) {
                first.spacesBefore = 2 * depth;
                if (depth == indents.length) {
                    indents = java.util.Arrays.copyOf(indents, depth * 2);
                }
                indents[depth++] = net;
            } else {
                int closed = -net;
                while (closed > 0 && depth > 0) {
                    int top = indents[depth - 1];
                    if (closed > top) {
                        closed -= top;
                        depth--;
                    } else if (closed < top) {
                        indents[depth - 1] -= closed;
                        closed = 0;
                    } else {
                        depth--;
                        closed = 0;
                    }
                }
                first.spacesBefore = 2 * depth;
            }
        }
    }

    private void spaces() {
        for (int l = 0; l < lineCount; l++) {
            spaceCell(start[l], assign[l], false);
            spaceCell(assign[l], comment[l], true);
        }
    }

    private void spaceCell(int from, int to, boolean isAssign) {
        for (int i = from; i < to; i++) {
            FmtToken token = tokens.get(i);
            if (isAssign && i == from) {
                token.spacesBefore = 1;
            }
            FmtToken before = i > from ? tokens.get(i - 1) : FmtToken.NIL;
            if (i + 1 < to) {
                FmtToken after = tokens.get(i + 1);
                after.spacesBefore = Spacing.spaceAfter(token, before, after) ? 1 : 0;
            }
        }
    }

    private int columns(int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) {
            FmtToken t = tokens.get(i);
            c += t.spacesBefore + t.columns();
        }
        return c;
    }

    private void alignAssignments() {
        int chainStart = -1;
        int max = 0;
        for (int l = 0; l <= lineCount; l++) {
            if (l == lineCount || !hasAssign[l]) {
                if (chainStart != -1) {
                    for (int c = chainStart; c < l; c++) {
                        tokens.get(assign[c]).spacesBefore = max - columns(start[c], assign[c]) + 1;
                    }
                    chainStart = -1;
                    max = 0;
                }
            } else {
                if (chainStart == -1) {
                    chainStart = l;
                }
                max = Math.max(max, columns(start[l], assign[l]));
            }
        }
    }

    private void alignComments() {
        int chainStart = -1;
        int max = 0;
        for (int l = 0; l <= lineCount; l++) {
            if (l == lineCount || !hasComment[l]) {
                if (chainStart != -1) {
                    for (int c = chainStart; c < l; c++) {
                        tokens.get(comment[c]).spacesBefore = max - columns(start[c], comment[c]) + 1;
                    }
                    chainStart = -1;
                    max = 0;
                }
            } else {
                if (chainStart == -1) {
                    chainStart = l;
                }
                max = Math.max(max, columns(start[l], comment[l]));
            }
        }
    }
}
