package io.capstan.hcl.diag;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The source lines shown with a diagnostic, chosen as terraform's JSON view chooses them (its
 * human output prints the same snippet): the snippet range is the diagnostic's context range
 * widened to cover the subject (or the subject alone), an empty range grown by one byte; the code
 * is every line of the file that overlaps it by HCL's {@code Range.Overlaps} (a line's range
 * leaves out its newline, and an empty line overlaps nothing), joined by newlines; the highlight
 * is the subject's bytes within that code.
 *
 * @param startLine      the line of the first line shown (the snippet range's when none is)
 * @param code           the lines, without the last newline
 * @param highlightStart byte offset of the subject in the UTF-8 encoded {@code code}
 * @param highlightEnd   byte offset after the subject, capped at the code's end
 */
public record Snippet(int startLine, String code, int highlightStart, int highlightEnd) {

    /** The snippet of {@code subject} (and {@code context}, when in the same file) in {@code src}. */
    public static Snippet of(byte[] src, SourceRange subject, SourceRange context) {
        int hs = subject.start().byteOffset();
        int he = Math.max(subject.end().byteOffset(), hs);
        int ss = hs;
        int se = he;
        int snippetLine = subject.start().line();
        if (context != null && context.filename().equals(subject.filename())
                && context.end().byteOffset() > context.start().byteOffset() && he > hs) {
            // HCL's RangeOver: an empty range gives way to the other
            if (context.start().byteOffset() < ss) {
                ss = context.start().byteOffset();
                snippetLine = context.start().line();
            }
            se = Math.max(se, context.end().byteOffset());
        } else if (context != null && context.filename().equals(subject.filename()) && he == hs
                && context.end().byteOffset() > context.start().byteOffset()) {
            ss = context.start().byteOffset();
            se = context.end().byteOffset();
            snippetLine = context.start().line();
        }
        if (se == ss) {
            se++;
        }
        if (he == hs) {
            he++;
        }
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        int codeStart = -1;
        int firstLine = -1;
        int line = 1;
        int pos = 0;
        while (pos < src.length) {
            int nl = pos;
            while (nl < src.length && src[nl] != '\n') {
                nl++;
            }
            int end = nl > pos && src[nl - 1] == '\r' ? nl - 1 : nl; // bufio.ScanLines drops a carriage return
            if (end > pos && overlaps(pos, end, ss, se)) {
                if (codeStart < 0) {
                    codeStart = pos;
                    firstLine = line;
                }
                code.write(src, pos, end - pos);
                code.write('\n');
            }
            pos = nl + 1;
            line++;
        }
        byte[] bytes = code.toByteArray();
        int len = bytes.length > 0 ? bytes.length - 1 : 0;
        int from = codeStart < 0 ? 0 : codeStart;
        int a = clamp(hs - from, len);
        int b = clamp(hs - from + (he - hs), len);
        return new Snippet(firstLine < 0 ? snippetLine : firstLine, new String(bytes, 0, len, StandardCharsets.UTF_8),
                a, b);
    }

    /** HCL's {@code Range.Overlaps} of two non-empty byte ranges {@code [as, ae)} and {@code [bs, be)}. */
    private static boolean overlaps(int as, int ae, int bs, int be) {
        return in(bs, as, ae) || in(be, as, ae) || in(as, bs, be) || in(ae, bs, be);
    }

    private static boolean in(int offset, int start, int end) {
        return offset >= start && offset < end;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
