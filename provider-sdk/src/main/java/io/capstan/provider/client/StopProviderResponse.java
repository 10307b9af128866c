package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the StopProvider call; errors the provider or the transport reported are in the diagnostics.
 * @param error empty when the provider stopped without complaint
 */
public record StopProviderResponse(String error, List<ProviderDiagnostic> diagnostics) {
    public StopProviderResponse {
        error = error == null ? "" : error;
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
