package io.capstan.provider.sdk;

/**
 * Thrown by a function implementation to fail the call: Terraform shows the text as "Call to
 * function "provider::p::f" failed: TEXT.", or, when the failure names an argument, as
 * "Invalid value for "PARAM" parameter: TEXT." pointing at that argument. Sent on the wire as
 * the protocol's FunctionError (with {@code function_argument} when an argument is named).
 */
public final class FunctionFailure extends RuntimeException {
    private final Integer argument;

    private FunctionFailure(Integer argument, String text) {
        super(text, null, false, false);
        this.argument = argument;
    }

    /** A failure of the call as a whole. */
    public static FunctionFailure of(String text) {
        return new FunctionFailure(null, text);
    }

    /** A failure caused by the argument at zero-based position {@code index}. */
    public static FunctionFailure argument(int index, String text) {
        if (index < 0) {
            throw new IllegalArgumentException("argument index " + index);
        }
        return new FunctionFailure(index, text);
    }

    /** The zero-based index of the argument at fault, or null. */
    public Integer argument() {
        return argument;
    }
}
