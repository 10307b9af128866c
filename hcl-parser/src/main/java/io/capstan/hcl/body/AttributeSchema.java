package io.capstan.hcl.body;

import java.util.Objects;

/** An argument a body may (or must) contain. */
public record AttributeSchema(String name, boolean required) {
    public AttributeSchema {
        Objects.requireNonNull(name, "name");
    }
}
