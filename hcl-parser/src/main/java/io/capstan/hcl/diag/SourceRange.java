package io.capstan.hcl.diag;

import java.util.Objects;

/**
 * A span of a source file, {@code start} inclusive and {@code end} exclusive, as HCL's
 * {@code hcl.Range}. Every AST node and every diagnostic carries one.
 */
public record SourceRange(String filename, Pos start, Pos end) {
    public SourceRange {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The smallest range covering both (they must be in the same file). */
    public static SourceRange between(SourceRange a, SourceRange b) {
        Pos s = a.start.compareTo(b.start) <= 0 ? a.start : b.start;
        Pos e = a.end.compareTo(b.end) >= 0 ? a.end : b.end;
        return new SourceRange(a.filename, s, e);
    }

    /** A zero-length range at this range's start. */
    public SourceRange startPoint() {
        return new SourceRange(filename, start, start);
    }

    public boolean contains(Pos p) {
        return p.byteOffset() >= start.byteOffset() && p.byteOffset() < end.byteOffset();
    }

    @Override
    public String toString() {
        return filename + ":" + start.line() + "," + start.column() + "-"
                + (end.line() == start.line() ? "" : end.line() + ",") + end.column();
    }
}
