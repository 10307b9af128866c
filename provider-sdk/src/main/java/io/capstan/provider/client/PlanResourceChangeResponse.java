package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the PlanResourceChange call; errors the provider or the transport reported are in the diagnostics.
 * @param deferred null unless the provider deferred the change
 */
public record PlanResourceChangeResponse(DynamicValue plannedState, List<AttributePath> requiresReplace, byte[] plannedPrivate, List<ProviderDiagnostic> diagnostics, boolean legacyTypeSystem, DeferredReason deferred, DynamicValue plannedIdentity) {
    public PlanResourceChangeResponse {
        requiresReplace = requiresReplace == null ? List.of() : List.copyOf(requiresReplace);
        plannedPrivate = plannedPrivate == null ? new byte[0] : plannedPrivate;
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        for (ProviderDiagnostic d : diagnostics) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }
}
