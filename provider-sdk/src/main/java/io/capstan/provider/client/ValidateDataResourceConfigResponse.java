package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the ValidateDataResourceConfig call; errors the provider or the transport reported are in the diagnostics.
 */
public record ValidateDataResourceConfigResponse(List<ProviderDiagnostic> diagnostics) {
    public ValidateDataResourceConfigResponse {
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
