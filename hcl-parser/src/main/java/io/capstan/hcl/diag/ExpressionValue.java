package io.capstan.hcl.diag;

import java.util.Objects;

/**
 * One line of Terraform's value hints under a diagnostic's source snippet
 * ({@code │ var.p is "abc"}) and one element of the JSON {@code snippet.values} array:
 * a reference in the failing expression and what its value was when it failed.
 *
 * @param traversal the reference as Terraform writes it, e.g. {@code local.o.a}
 * @param statement what is said about its value, e.g. {@code is "abc"}, {@code has a sensitive value}
 */
public record ExpressionValue(String traversal, String statement) {
    public ExpressionValue {
        Objects.requireNonNull(traversal, "traversal");
        Objects.requireNonNull(statement, "statement");
    }
}
