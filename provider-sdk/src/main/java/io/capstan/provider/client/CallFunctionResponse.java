package io.capstan.provider.client;

import java.util.List;

/**
 * Response of the CallFunction call; errors the provider or the transport reported are in the diagnostics.
 * @param error null when the call succeeded; also reported as an error diagnostic
 */
public record CallFunctionResponse(DynamicValue result, FunctionError error, List<ProviderDiagnostic> diagnostics) {
    public CallFunctionResponse {
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** True when any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(ProviderDiagnostic::isError);
    }
}
