package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/**
 * A string template: a quoted string or a heredoc. Literal text parts are
 * {@link LiteralValueExpr}s holding {@link Literal.Str} (escapes decoded, strip markers
 * and heredoc indentation already applied); the other parts are interpolated expressions,
 * {@link ConditionalExpr}s for {@code %{if}} and {@link TemplateJoinExpr}s for {@code %{for}}.
 */
public record TemplateExpr(List<Expression> parts, boolean heredoc, SourceRange range) implements Expression {
    public TemplateExpr {
        parts = List.copyOf(parts);
        Objects.requireNonNull(range, "range");
    }

    /** True when the template has no interpolations or directives (e.g. {@code "abc"}). */
    public boolean isStringLiteral() {
        for (Expression p : parts) {
            if (!(p instanceof LiteralValueExpr l && l.value() instanceof Literal.Str)) {
                return false;
            }
        }
        return true;
    }

    /** The literal text when {@link #isStringLiteral()}, else null. */
    public String literalText() {
        if (!isStringLiteral()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Expression p : parts) {
            sb.append(((Literal.Str) ((LiteralValueExpr) p).value()).value());
        }
        return sb.toString();
    }
}
