package io.capstan.hcl.value;

/**
 * A user-facing failure of an operator ({@code +}, {@code <}, {@code &&}...), carrying the
 * summary and detail Terraform shows ("Invalid operand" / "Unsuitable value for left
 * operand: a number is required."). The evaluator turns it into a diagnostic on the
 * operator's source range.
 */
public final class OperationException extends RuntimeException {
    private final String summary;

    public OperationException(String summary, String detail) {
        super(detail, null, false, false);
        this.summary = summary;
    }

    public String summary() {
        return summary;
    }

    public String detail() {
        return getMessage();
    }
}
