package io.capstan.provider.client.internal;

import io.capstan.provider.client.CallFunctionResponse;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.FunctionError;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.StopProviderResponse;
import java.util.List;

/** Small response builders shared by both protocol clients. */
final class Functions {
    private Functions() {
    }

    static CallFunctionResponse response(DynamicValue result, boolean hasError,
                                         io.capstan.provider.proto.tfplugin6.FunctionError error, String name) {
        if (!hasError) {
            return new CallFunctionResponse(result, null, List.of());
        }
        FunctionError fe = new FunctionError(error.getText(),
                error.hasFunctionArgument() ? error.getFunctionArgument() : null);
        String where = fe.functionArgument() == null ? "" : " (argument " + (fe.functionArgument() + 1) + ")";
        return new CallFunctionResponse(result, fe, List.of(ProviderDiagnostic.error(
                "Error in function call", "Call to function \"" + name + "\" failed" + where + ": " + fe.text())));
    }

    static StopProviderResponse stopResponse(String error, String provider) {
        return new StopProviderResponse(error, error.isEmpty() ? List.of()
                : List.of(ProviderDiagnostic.error("Provider " + provider + " could not stop", error)));
    }
}
