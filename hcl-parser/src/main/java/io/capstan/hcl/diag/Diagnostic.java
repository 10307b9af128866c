package io.capstan.hcl.diag;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in user input: a short summary (Terraform's "Error: summary" line),
 * a detail paragraph, the {@code subject} range that is wrong and an optional wider
 * {@code context} range. Diagnostics are collected and returned, never thrown.
 *
 * @param subject may be null for diagnostics that have no source location (e.g. a flag)
 * @param context may be null
 * @param address the resource instance a provider's diagnostic is about (Terraform's
 *     "with ADDR," line and JSON {@code address}), else null
 * @param functionCall the function call a diagnostic came from, as Terraform's "while calling"
 *     line shows it ({@code provider::time::rfc3339_parse(timestamp)}), else null
 * @param functionCallJson with {@code functionCall}: Terraform's JSON {@code snippet.function_call}
 *     object ({@code called_as} and the function's {@code signature}) as JSON text, else null
 * @param values the values of the references in the failing expression, sorted by reference, as
 *     Terraform shows them under the snippet ({@code var.p is "abc"}); empty when there are none
 * @param apart a warning human output never merges with others of its summary (terraform's
 *     {@code DoNotConsolidateDiagnostic}: a check block's assertions and nested data sources)
 */
public record Diagnostic(Severity severity, String summary, String detail,
                         SourceRange subject, SourceRange context, String address, String functionCall,
                         String functionCallJson, List<ExpressionValue> values, boolean apart) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
        values = values == null ? List.of() : List.copyOf(values);
    }

    public Diagnostic(Severity severity, String summary, String detail, SourceRange subject, SourceRange context,
                      String address, String functionCall, String functionCallJson, List<ExpressionValue> values) {
        this(severity, summary, detail, subject, context, address, functionCall, functionCallJson, values, false);
    }

    public Diagnostic(Severity severity, String summary, String detail, SourceRange subject, SourceRange context,
                      String address, String functionCall, String functionCallJson) {
        this(severity, summary, detail, subject, context, address, functionCall, functionCallJson, List.of());
    }

    public Diagnostic(Severity severity, String summary, String detail, SourceRange subject, SourceRange context) {
        this(severity, summary, detail, subject, context, null, null, null);
    }

    public Diagnostic(Severity severity, String summary, String detail, SourceRange subject, SourceRange context,
                      String address, String functionCall) {
        this(severity, summary, detail, subject, context, address, functionCall, null);
    }

    /** This diagnostic attributed to a resource instance address. */
    public Diagnostic withAddress(String addr) {
        return new Diagnostic(severity, summary, detail, subject, context, addr, functionCall, functionCallJson,
                values, apart);
    }

    /** This diagnostic with the values of the references in its expression (see {@link #values()}). */
    public Diagnostic withValues(List<ExpressionValue> vals) {
        return new Diagnostic(severity, summary, detail, subject, context, address, functionCall, functionCallJson,
                vals, apart);
    }

    /** This diagnostic raised by a function call (name and parameter names, e.g. {@code format(format, args...)}). */
    public Diagnostic withFunctionCall(String call) {
        return new Diagnostic(severity, summary, detail, subject, context, address, call, null, values, apart);
    }

    /** As {@link #withFunctionCall(String)}, with Terraform's JSON {@code function_call} object for {@code -json}. */
    public Diagnostic withFunctionCall(String call, String json) {
        return new Diagnostic(severity, summary, detail, subject, context, address, call, json, values, apart);
    }

    /** This diagnostic as a warning that human output shows on its own (see {@link #apart()}). */
    public Diagnostic warningApart() {
        return new Diagnostic(Severity.WARNING, summary, detail, subject, context, address, functionCall,
                functionCallJson, values, true);
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
