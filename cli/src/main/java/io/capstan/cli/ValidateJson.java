package io.capstan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.SourceRange;

import java.nio.charset.StandardCharsets;

/** {@code validate -json}: Terraform's machine-readable validation result (format_version 1.0). */
final class ValidateJson {
    private ValidateJson() {
    }

    static String render(Diagnostics diags, ConfigSources sources) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        int errors = 0;
        int warnings = 0;
        ArrayNode list = om.createArrayNode();
        for (Diagnostic d : diags) {
            if (d.isError()) {
                errors++;
            } else {
                warnings++;
            }
            ObjectNode n = list.addObject();
            n.put("severity", d.isError() ? "error" : "warning");
            n.put("summary", d.summary());
            n.put("detail", d.detail());
            if (d.address() != null) {
                n.put("address", d.address());
            }
            if (d.subject() != null) {
                SourceRange r = d.subject();
                if (r.end().byteOffset() <= r.start().byteOffset()) {
                    // as terraform's JSON view: an empty range is extended to cover one byte
                    Pos s = r.start();
                    r = new SourceRange(r.filename(), s, new Pos(s.line(), s.column() + 1, s.byteOffset() + 1));
                }
                ObjectNode range = n.putObject("range");
                range.put("filename", r.filename());
                pos(range.putObject("start"), r.start());
                pos(range.putObject("end"), r.end());
                snippet(n, r, sources, d);
            }
        }
        root.put("format_version", "1.0");
        root.put("valid", errors == 0);
        root.put("error_count", errors);
        root.put("warning_count", warnings);
        root.set("diagnostics", list);
        StringBuilder sb = new StringBuilder();
        goIndent(root, sb, "");
        return sb.append('\n').toString();
    }

    /** Go's {@code json.MarshalIndent(v, "", "  ")} layout, which Terraform uses. */
    private static void goIndent(com.fasterxml.jackson.databind.JsonNode n, StringBuilder sb, String indent) {
        String inner = indent + "  ";
        if (n.isObject()) {
            if (n.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            var it = n.fields();
            while (it.hasNext()) {
                var e = it.next();
                sb.append(inner).append(quote(e.getKey())).append(": ");
                goIndent(e.getValue(), sb, inner);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                sb.append(inner);
                goIndent(n.get(i), sb, inner);
                sb.append(i + 1 < n.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else if (n.isTextual()) {
            sb.append(quote(n.asText()));
        } else {
            sb.append(n.toString());
        }
    }

    /** Go's encoding/json quoting, as Terraform writes JSON. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        io.capstan.hcl.value.ValueJson.quote(s, sb);
        return sb.toString();
    }

    private static void pos(ObjectNode n, Pos p) {
        n.put("line", p.line());
        n.put("column", p.column());
        n.put("byte", p.byteOffset());
    }

    private static void snippet(ObjectNode n, SourceRange r, ConfigSources sources, Diagnostic d) {
        byte[] src = sources.bytes(r.filename());
        if (src == null || r.start().byteOffset() > src.length) {
            return;
        }
        ObjectNode s = n.putObject("snippet");
        String ctx = sources.context(r.filename(), r.start().byteOffset() - 1); // as terraform: the byte before the subject
        if (ctx.isEmpty()) {
            s.putNull("context");
        } else {
            s.put("context", ctx);
        }
        // as terraform: the lines of the context range widened to the subject (io.capstan.hcl.diag.Snippet)
        io.capstan.hcl.diag.Snippet code = io.capstan.hcl.diag.Snippet.of(src, r, d.context());
        s.put("code", code.code());
        s.put("start_line", code.startLine());
        s.put("highlight_start_offset", code.highlightStart());
        s.put("highlight_end_offset", code.highlightEnd());
        var values = s.putArray("values");
        for (io.capstan.hcl.diag.ExpressionValue v : d.values()) {
            values.addObject().put("traversal", v.traversal()).put("statement", v.statement());
        }
        if (d.functionCallJson() != null) {
            try {
                s.set("function_call", new ObjectMapper().readTree(d.functionCallJson()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
