package io.capstan.hcl.value;

import java.util.Objects;

/** The set collection type: elements all of one type. */
public record SetType(Type element) implements Type {
    public SetType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "set of " + element.friendlyName();
    }

    @Override
    public String typeExpression() {
        return "set(" + element.typeExpression() + ")";
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
