package io.capstan.hcl.ast;

/** The operators of HCL, with their source symbols; binary ones carry their precedence. */
public enum Operation {
    OR("||", 1), AND("&&", 2),
    EQUAL("==", 3), NOT_EQUAL("!=", 3),
    GREATER_THAN(">", 4), GREATER_THAN_OR_EQUAL(">=", 4), LESS_THAN("<", 4), LESS_THAN_OR_EQUAL("<=", 4),
    ADD("+", 5), SUBTRACT("-", 5),
    MULTIPLY("*", 6), DIVIDE("/", 6), MODULO("%", 6),
    NOT("!", 7), NEGATE("-", 7);

    private final String symbol;
    private final int precedence;

    Operation(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    /** Higher binds tighter; unary operators are 7. */
    public int precedence() {
        return precedence;
    }

    public boolean isUnary() {
        return this == NOT || this == NEGATE;
    }
}
