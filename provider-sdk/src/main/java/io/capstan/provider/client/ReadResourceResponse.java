package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the ReadResource call; errors the provider or the transport reported are in the diagnostics.
 * @param deferred null unless the provider deferred the read
 */
public record ReadResourceResponse(DynamicValue newState, List<ProviderDiagnostic> diagnostics, byte[] privateData, DeferredReason deferred, DynamicValue newIdentity) {
    public ReadResourceResponse {
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        privateData = privateData == null ? new byte[0] : privateData;
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
