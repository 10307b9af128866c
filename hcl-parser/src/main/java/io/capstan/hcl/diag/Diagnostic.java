package io.capstan.hcl.diag;

import java.util.Objects;

/**
 * One problem found in user input: a short summary (Terraform's "Error: summary" line),
 * a detail paragraph, the {@code subject} range that is wrong and an optional wider
 * {@code context} range. Diagnostics are collected and returned, never thrown.
 *
 * @param subject may be null for diagnostics that have no source location (e.g. a flag)
 * @param context may be null
 */
public record Diagnostic(Severity severity, String summary, String detail,
                         SourceRange subject, SourceRange context) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
    }

    public static Diagnostic error(String summary, String detail, SourceRange subject) {
        return new Diagnostic(Severity.ERROR, summary, detail, subject, null);
    }

    public static Diagnostic warning(String summary, String detail, SourceRange subject) {
        return new Diagnostic(Severity.WARNING, summary, detail, subject, null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
