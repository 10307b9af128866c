package io.capstan.hcl.ast;

import java.util.Objects;

/** One {@code key = value} (or {@code key: value}) item of an object constructor. */
public record ObjectConsItem(ObjectConsKeyExpr key, Expression value) {
    public ObjectConsItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
