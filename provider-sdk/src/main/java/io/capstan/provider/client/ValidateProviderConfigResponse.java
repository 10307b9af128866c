package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the ValidateProviderConfig call; errors the provider or the transport reported are in the diagnostics.
 * @param preparedConfig the configuration with defaults applied (protocol 5 only, else null)
 */
public record ValidateProviderConfigResponse(DynamicValue preparedConfig, List<ProviderDiagnostic> diagnostics) {
    public ValidateProviderConfigResponse {
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
