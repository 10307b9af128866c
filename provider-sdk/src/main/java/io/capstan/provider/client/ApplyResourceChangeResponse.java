package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the ApplyResourceChange call; errors the provider or the transport reported are in the diagnostics.
 */
public record ApplyResourceChangeResponse(DynamicValue newState, byte[] privateData, List<ProviderDiagnostic> diagnostics, boolean legacyTypeSystem, DynamicValue newIdentity) {
    public ApplyResourceChangeResponse {
        privateData = privateData == null ? new byte[0] : privateData;
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
