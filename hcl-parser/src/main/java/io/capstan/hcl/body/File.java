package io.capstan.hcl.body;

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
}
