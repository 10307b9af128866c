package io.capstan.provider.client;

import io.capstan.provider.schema.FunctionSignature;
import java.util.List;
import java.util.Map;

/**
 * Response of the GetFunctions call; errors the provider or the transport reported are in the diagnostics.
 */
public record GetFunctionsResponse(Map<String, FunctionSignature> functions, List<ProviderDiagnostic> diagnostics) {
    public GetFunctionsResponse {
        functions = functions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(functions));
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
