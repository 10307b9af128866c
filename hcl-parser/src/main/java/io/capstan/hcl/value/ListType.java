package io.capstan.hcl.value;

import java.util.Objects;

/** The list collection type: elements all of one type. */
public record ListType(Type element) implements Type {
    public ListType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "list of " + element.friendlyName();
    }

    @Override
    public String typeExpression() {
        return "list(" + element.typeExpression() + ")";
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
