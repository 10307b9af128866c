package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the UpgradeResourceState call; errors the provider or the transport reported are in the diagnostics.
 */
public record UpgradeResourceStateResponse(DynamicValue upgradedState, List<ProviderDiagnostic> diagnostics) {
    public UpgradeResourceStateResponse {
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
