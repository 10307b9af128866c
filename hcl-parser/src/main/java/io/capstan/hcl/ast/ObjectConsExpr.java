package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;
import java.util.Objects;

/** An object constructor {@code { key = value, ... }}. */
public record ObjectConsExpr(List<ObjectConsItem> items, SourceRange range, SourceRange openRange)
        implements Expression {
    public ObjectConsExpr {
        items = List.copyOf(items);
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(openRange, "openRange");
    }
}
