package io.capstan.provider.client;

import java.util.Objects;

/**
 * The error a provider function call returned.
 *
 * @param functionArgument zero-based index of the argument at fault, or null
 */
public record FunctionError(String text, Long functionArgument) {
    public FunctionError {
        Objects.requireNonNull(text, "text");
    }
}
