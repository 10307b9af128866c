package io.capstan.provider.client;

import java.util.List;

/**
 * Request of the CallFunction call: call a provider-defined function.
 */
public record CallFunctionRequest(String name, List<DynamicValue> arguments) {
    public CallFunctionRequest {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }
}
