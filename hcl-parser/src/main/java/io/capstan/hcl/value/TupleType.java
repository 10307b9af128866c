package io.capstan.hcl.value;

import java.util.List;
import java.util.stream.Collectors;

/** A fixed-length sequence whose elements each have their own type: what {@code [1, "a"]} is. */
public record TupleType(List<Type> elements) implements Type {
    public TupleType {
        elements = List.copyOf(elements);
    }

    @Override
    public String friendlyName() {
        return "tuple";
    }

    @Override
    public String typeExpression() {
        return "tuple([" + elements.stream().map(Type::typeExpression).collect(Collectors.joining(", ")) + "])";
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
