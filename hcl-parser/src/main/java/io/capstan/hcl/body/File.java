package io.capstan.hcl.body;

import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.diag.DiagnosticRenderer;
import io.capstan.hcl.json.JsonBody;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed configuration file: its body and its source bytes (kept for rendering
 * diagnostics with source snippets).
 */
public record File(String filename, byte[] bytes, Body body) {
    public File {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Terraform's "in resource "x" "y"" context for a byte offset: the header of the
     * top-level block containing it, or "" when there is none. In a JSON file it is HCL's
     * JSON navigation path instead: the property names (".name") and array indexes ("[i]")
     * of the objects and arrays that contain the offset, e.g. {@code resource.terraform_data.a}
     * or {@code resource.terraform_data.a.triggers_replace[1]}.
     */
    public String contextString(int byteOffset) {
        if (body instanceof JsonBody jb) {
            StringBuilder s = new StringBuilder();
            jsonPath(jb.value(), byteOffset, s);
            return s.length() > 0 && s.charAt(0) == '.' ? s.substring(1) : s.toString();
        }
        if (body instanceof SyntaxBody sb) {
            for (Block b : sb.blocks()) {
                if (b.range().start().byteOffset() <= byteOffset && byteOffset < b.range().end().byteOffset()) {
                    StringBuilder s = new StringBuilder(b.type());
                    for (String l : b.labels()) {
                        s.append(" \"").append(l).append('"');
                    }
                    return s.toString();
                }
            }
        }
        return "";
    }

    /** Appends the steps into the innermost object or array of {@code v} that holds the offset. */
    private static void jsonPath(JsonValue v, int offset, StringBuilder out) {
        if (v instanceof JsonValue.Obj o) {
            for (JsonValue.Prop p : o.props()) {
                if (isContainer(p.value()) && contains(p.value(), offset)) {
                    out.append('.').append(p.name());
                    jsonPath(p.value(), offset, out);
                    return;
                }
            }
        } else if (v instanceof JsonValue.Arr a) {
            for (int i = 0; i < a.items().size(); i++) {
                JsonValue item = a.items().get(i);
                if (isContainer(item) && contains(item, offset)) {
                    out.append('[').append(i).append(']');
                    jsonPath(item, offset, out);
                    return;
                }
            }
        }
    }

    private static boolean isContainer(JsonValue v) {
        return v instanceof JsonValue.Obj || v instanceof JsonValue.Arr;
    }

    private static boolean contains(JsonValue v, int offset) {
        return v.range().start().byteOffset() <= offset && offset < v.range().end().byteOffset();
    }

    /** The files as sources for a {@link DiagnosticRenderer}. */
    public static DiagnosticRenderer.Sources sources(Collection<File> files) {
        Map<String, File> byName = new HashMap<>();
        for (File f : files) {
            byName.put(f.filename(), f);
        }
        return new DiagnosticRenderer.Sources() {
            @Override
            public byte[] bytes(String filename) {
                File f = byName.get(filename);
                return f == null ? null : f.bytes();
            }

            @Override
            public String context(String filename, int byteOffset) {
                File f = byName.get(filename);
                return f == null ? "" : f.contextString(byteOffset);
            }
        };
    }
}
