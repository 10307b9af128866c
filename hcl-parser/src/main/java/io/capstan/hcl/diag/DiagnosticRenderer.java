package io.capstan.hcl.diag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders diagnostics exactly as Terraform prints them: with colour, inside the
 * {@code ╷ │ ╵} frame with the subject underlined; without colour ({@code -no-color}),
 * as plain text. A pure function of its inputs: it returns the text, it never prints.
 *
 * <pre>
 * Error: Unsupported argument
 *
 *   on main.tf line 3, in resource "x" "y":
 *    3:   foo = 1
 *
 * An argument named "foo" is not expected here.
 * </pre>
 */
public final class DiagnosticRenderer {

    /** Where the renderer finds source text and the "in resource ..." context of an offset. */
    public interface Sources {
        /** The file's bytes, or null when unknown. */
        byte[] bytes(String filename);

        /** Terraform's context string (e.g. {@code resource "x" "y"}) at a byte offset, or "". */
        String context(String filename, int byteOffset);
    }

    /** Terraform's width when the output is not a terminal (its {@code defaultColumns}). */
    public static final int DEFAULT_WIDTH = 78;

    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String UNDERLINE = "\u001b[4m";
    private static final String DARK_GRAY = "\u001b[90m";
    private static final String RESET = "\u001b[0m";

    private final Sources sources;
    private final boolean color;
    private final int width;

    public DiagnosticRenderer(Sources sources, boolean color, int width) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.color = color;
        this.width = width;
    }

    /**
     * All diagnostics, one after the other, as Terraform prints a list: warnings with a source
     * location and the same summary are consolidated ({@link #consolidateWarnings}).
     */
    public String renderAll(Iterable<Diagnostic> diags) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : consolidateWarnings(diags)) {
            sb.append(render(d));
        }
        return sb.toString();
    }

    /**
     * Terraform's {@code ConsolidateWarnings(1)} for human output: the first warning with a source
     * location of each summary stands, in its place, for all of them, its detail ending with
     * "(and one more similar warning elsewhere)" or "(and N more similar warnings elsewhere)".
     * Errors, warnings without a location and those terraform marks not to consolidate ({@link
     * Diagnostic#apart()}: a check block's assertions and nested data sources) are kept as they are.
     */
    public static List<Diagnostic> consolidateWarnings(Iterable<Diagnostic> diags) {
        List<Diagnostic> out = new ArrayList<>();
        java.util.Map<String, Integer> firstAt = new java.util.HashMap<>();
        java.util.Map<String, Integer> more = new java.util.HashMap<>();
        for (Diagnostic d : diags) {
            if (d.isError() || d.subject() == null || d.apart()) {
                out.add(d);
                continue;
            }
            Integer at = firstAt.get(d.summary());
            if (at == null) {
                firstAt.put(d.summary(), out.size());
                out.add(d);
            } else {
                more.merge(d.summary(), 1, Integer::sum);
            }
        }
        for (java.util.Map.Entry<String, Integer> e : more.entrySet()) {
            int at = firstAt.get(e.getKey());
            Diagnostic d = out.get(at);
            int n = e.getValue();
            String msg = n == 1 ? "(and one more similar warning elsewhere)"
                    : "(and " + n + " more similar warnings elsewhere)";
            out.set(at, new Diagnostic(d.severity(), d.summary(), d.detail().isEmpty() ? msg : d.detail() + "\n\n" + msg,
                    d.subject(), d.context(), d.address(), d.functionCall(), d.functionCallJson(), d.values()));
        }
        return out;
    }

    public String render(Diagnostic d) {
        return color ? framed(d) : plain(d);
    }

    private String plain(Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.isError() ? "\nError: " : "\nWarning: ");
        sb.append(d.summary()).append("\n\n");
        if (d.address() != null) {
            sb.append("  with ").append(d.address()).append(",\n");
        }
        if (d.subject() != null) {
            snippet(sb, d, false);
        }
        detail(sb, d.detail(), width - 1);
        return sb.toString();
    }

    private String framed(Diagnostic d) {
        String c = d.isError() ? RED : YELLOW;
        StringBuilder sb = new StringBuilder();
        sb.append(BOLD).append(c).append(d.isError() ? "Error: " : "Warning: ").append(RESET).append(RESET);
        sb.append(BOLD).append(d.summary()).append(RESET).append("\n\n").append(RESET);
        if (d.address() != null) {
            sb.append("  with ").append(d.address()).append(",\n");
        }
        if (d.subject() != null) {
            snippet(sb, d, true);
        }
        detail(sb, d.detail(), width - 3);
        String lineRule = c + "│" + RESET + " " + RESET;
        StringBuilder out = new StringBuilder();
        out.append(c).append("╷").append(RESET).append(RESET).append('\n');
        String body = sb.toString();
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        for (String line : body.split("\n", -1)) {
            out.append(lineRule).append(line).append('\n');
        }
        out.append(c).append("╵").append(RESET).append(RESET).append('\n');
        return out.toString();
    }

    private void detail(StringBuilder sb, String detail, int wrapAt) {
        if (detail.isEmpty()) {
            return;
        }
        for (String line : detail.split("\n", -1)) {
            sb.append(line.startsWith(" ") || wrapAt <= 0 ? line : wrap(line, wrapAt)).append('\n');
        }
    }

    /** Greedy word wrap as Terraform's wordwrap: lines up to {@code limit} characters, long words kept whole. */
    static String wrap(String s, int limit) {
        StringBuilder out = new StringBuilder();
        int lineLen = 0;
        for (String word : s.split(" ", -1)) {
            int len = word.codePointCount(0, word.length());
            if (lineLen > 0 && lineLen + 1 + len > limit) {
                out.append('\n');
                lineLen = 0;
            } else if (lineLen > 0 || out.length() > 0) {
                out.append(' ');
                lineLen++;
            }
            out.append(word);
            lineLen += len;
        }
        return out.toString();
    }

    private void snippet(StringBuilder sb, Diagnostic d, boolean underline) {
        SourceRange subject = d.subject();
        byte[] src = sources.bytes(subject.filename());
        if (src == null) {
            sb.append("  on ").append(subject.filename()).append(" line ").append(subject.start().line())
                    .append(":\n  (source code not available)\n\n");
            return;
        }
        String ctx = sources.context(subject.filename(), subject.start().byteOffset() - 1);
        sb.append("  on ").append(subject.filename()).append(" line ").append(subject.start().line());
        if (ctx != null && !ctx.isEmpty()) {
            sb.append(", in ").append(ctx);
        }
        sb.append(":\n");
        // As Terraform: the snippet's lines joined by newlines, with the highlight inserted by
        // byte offsets relative to the snippet, then split again.
        Snippet s = Snippet.of(src, subject, d.context());
        byte[] code = s.code().getBytes(StandardCharsets.UTF_8);
        String text;
        if (underline) {
            text = text(code, 0, s.highlightStart()) + UNDERLINE + text(code, s.highlightStart(), s.highlightEnd())
                    + RESET + text(code, s.highlightEnd(), code.length) + RESET;
        } else {
            text = s.code();
        }
        String[] codeLines = text.split("\n", -1);
        for (int k = 0; k < codeLines.length; k++) {
            sb.append(String.format("%4d: ", s.startLine() + k)).append(codeLines[k]).append('\n');
        }
        if (d.functionCall() != null || !d.values().isEmpty()) {
            // Terraform's notes under the snippet: the function being called, then the values of the
            // references in the failing expression; dark grey rule, bold names in colour
            // in colour each line ends as terraform's colorstring ends it: a reset after the newline
            String bar = underline ? "    " + DARK_GRAY + "│" + RESET + " " : "    │ ";
            String eol = underline ? "\n" + RESET : "\n";
            sb.append(underline ? "    " + DARK_GRAY + "├────────────────" + RESET : "    ├────────────────").append(eol);
            if (d.functionCall() != null) {
                int paren = d.functionCall().indexOf('(');
                String name = paren < 0 ? d.functionCall() : d.functionCall().substring(0, paren);
                String rest = paren < 0 ? "" : d.functionCall().substring(paren);
                if (underline) {
                    sb.append(bar).append("while calling ").append(BOLD).append(name).append(RESET)
                            .append(rest.isEmpty() ? "" : "(" + RESET + rest.substring(1)).append('\n');
                } else {
                    sb.append(bar).append("while calling ").append(name).append(rest).append('\n');
                }
            }
            for (ExpressionValue v : d.values()) {
                sb.append(bar).append(underline ? BOLD + v.traversal() + RESET : v.traversal()).append(' ')
                        .append(v.statement()).append(eol);
            }
        }
        sb.append('\n');
    }

    private static String text(byte[] src, int from, int to) {
        return to <= from ? "" : new String(src, from, to - from, StandardCharsets.UTF_8);
    }

}
