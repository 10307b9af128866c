package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the ImportResourceState call; errors the provider or the transport reported are in the diagnostics.
 */
public record ImportResourceStateResponse(List<ImportedResource> importedResources, List<ProviderDiagnostic> diagnostics, DeferredReason deferred) {
    public ImportResourceStateResponse {
        importedResources = importedResources == null ? List.of() : List.copyOf(importedResources);
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
