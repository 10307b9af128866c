package io.capstan.hcl.value;

import java.util.Objects;

/** The map collection type: elements all of one type. */
public record MapType(Type element) implements Type {
    public MapType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "map of " + element.friendlyName();
    }

    @Override
    public String typeExpression() {
        return "map(" + element.typeExpression() + ")";
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
