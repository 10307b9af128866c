package io.capstan.hcl.function;

/**
 * A function implementation's complaint. With an argument index it becomes Terraform's
 * "Invalid function argument" diagnostic naming that parameter; without, "Error in
 * function call". Only the calling machinery catches it.
 */
public final class FunctionException extends RuntimeException {
    private final int argIndex;

    public FunctionException(String message) {
        this(-1, message);
    }

    public FunctionException(int argIndex, String message) {
        super(message, null, false, false);
        this.argIndex = argIndex;
    }

    /** The zero-based argument at fault, or -1. */
    public int argIndex() {
        return argIndex;
    }
}
