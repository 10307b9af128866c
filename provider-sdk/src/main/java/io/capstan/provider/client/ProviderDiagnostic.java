package io.capstan.provider.client;

import io.capstan.hcl.diag.Severity;
import java.util.Objects;

/**
 * A diagnostic as a provider reports it (or as the client reports a failed call): no
 * source range, but optionally the attribute path it concerns. The engine attaches the
 * source range of the resource block when it shows it to the user.
 *
 * @param attribute null when the diagnostic concerns the whole object
 */
public record ProviderDiagnostic(Severity severity, String summary, String detail, AttributePath attribute) {
    public ProviderDiagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
    }

    public static ProviderDiagnostic error(String summary, String detail) {
        return new ProviderDiagnostic(Severity.ERROR, summary, detail, null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + ": " + summary + (detail.isEmpty() ? "" : ": " + detail)
                + (attribute == null || attribute.isRoot() ? "" : " (at " + attribute + ")");
    }
}
