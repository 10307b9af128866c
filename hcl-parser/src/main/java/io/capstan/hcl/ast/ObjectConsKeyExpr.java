package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/**
 * An object constructor key. A bare identifier ({@code {a = 1}}) is the literal string
 * "a", not a variable, unless the key was parenthesised ({@code {(a) = 1}}), in which case
 * {@code forceNonLiteral} is true and the wrapped expression is evaluated.
 */
public record ObjectConsKeyExpr(Expression wrapped, boolean forceNonLiteral) implements Expression {
    public ObjectConsKeyExpr {
        Objects.requireNonNull(wrapped, "wrapped");
    }

    @Override
    public SourceRange range() {
        return wrapped.range();
    }

    /** The bare-word key (e.g. "a" for {@code {a = 1}}), or null if the key must be evaluated. */
    public String literalName() {
        if (forceNonLiteral) {
            return null;
        }
        if (wrapped instanceof ScopeTraversalExpr s && s.traversal().steps().size() == 1) {
            return s.traversal().rootName();
        }
        // The keywords true, false and null written bare as keys are names too, as in HCL.
        if (wrapped instanceof LiteralValueExpr l && (l.value() instanceof Literal.Bool || l.value() instanceof Literal.Null)) {
            return l.value().toString();
        }
        return null;
    }
}
