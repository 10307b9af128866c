package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** A template that is exactly one interpolation, e.g. {@code "${x}"}: it evaluates to {@code x} unconverted, as in HCL. */
public record TemplateWrapExpr(Expression wrapped, SourceRange range) implements Expression {
    public TemplateWrapExpr {
        Objects.requireNonNull(wrapped, "wrapped");
        Objects.requireNonNull(range, "range");
    }
}
