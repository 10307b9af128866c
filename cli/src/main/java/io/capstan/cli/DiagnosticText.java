package io.capstan.cli;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.SourceRange;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders diagnostics as Terraform does without colour: a blank line, {@code Error: summary},
 * the {@code on FILE line N:} reference with the offending source line, then the detail.
 * The one place the CLI turns diagnostics into text, so a richer renderer can replace it.
 */
final class DiagnosticText {
    private final Map<String, String> sources = new HashMap<>();

    /** Remembers a file's text so diagnostics about it can quote the source line. */
    void register(String filename, String source) {
        sources.put(filename, source);
    }

    String render(Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(d.isError() ? "Error: " : "Warning: ").append(d.summary()).append("\n\n");
        SourceRange r = d.subject();
        if (r != null) {
            int line = r.start().line();
            sb.append("  on ").append(r.filename()).append(" line ").append(line).append(":\n");
            String src = sources.get(r.filename());
            if (src != null) {
                sb.append(String.format("%4d: %s%n", line, sourceLine(src, line)).replace(System.lineSeparator(), "\n"));
            }
            sb.append('\n');
        }
        if (!d.detail().isEmpty()) {
            sb.append(d.detail()).append('\n');
        }
        sb.append('\n');
        return sb.toString();
    }

    private static String sourceLine(String src, int line) {
        int start = 0;
        for (int l = 1; l < line && start >= 0; l++) {
            int nl = src.indexOf('\n', start);
            start = nl < 0 ? -1 : nl + 1;
        }
        if (start < 0 || start > src.length()) {
            return "";
        }
        int end = src.indexOf('\n', start);
        String s = src.substring(start, end < 0 ? src.length() : end);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
