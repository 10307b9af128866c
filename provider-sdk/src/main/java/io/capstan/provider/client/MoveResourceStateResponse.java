package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the MoveResourceState call; errors the provider or the transport reported are in the diagnostics.
 */
public record MoveResourceStateResponse(DynamicValue targetState, List<ProviderDiagnostic> diagnostics, byte[] targetPrivate, DynamicValue targetIdentity) {
    public MoveResourceStateResponse {
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        targetPrivate = targetPrivate == null ? new byte[0] : targetPrivate;
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
