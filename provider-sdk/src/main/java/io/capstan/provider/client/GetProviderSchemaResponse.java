package io.capstan.provider.client;

import io.capstan.provider.schema.ProviderSchema;
import java.util.List;

/**
 * Response of the GetProviderSchema call; errors the provider or the transport reported are in the diagnostics.
 */
public record GetProviderSchemaResponse(ProviderSchema schema, List<ProviderDiagnostic> diagnostics) {
    public GetProviderSchemaResponse {
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
