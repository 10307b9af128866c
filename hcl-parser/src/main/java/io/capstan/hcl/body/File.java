package io.capstan.hcl.body;

import io.capstan.hcl.diag.DiagnosticRenderer;

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
     * top-level block containing it, or "" when there is none.
     */
    public String contextString(int byteOffset) {
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
