package io.capstan.hcl.value;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An object type: named attributes, each with its own type, kept in lexical order.
 * {@code optional} names attributes that a type constraint marks {@code optional(...)};
 * values never have optional attributes (conversion fills them with null or a default).
 */
public record ObjectType(Map<String, Type> attributes, Set<String> optional) implements Type {
    public ObjectType {
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        optional = optional.isEmpty() ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(optional));
        for (String o : optional) {
            if (!attributes.containsKey(o)) {
                throw new IllegalArgumentException("optional attribute " + o + " is not an attribute");
            }
        }
    }

    public Type attribute(String name) {
        return attributes.get(name);
    }

    public boolean hasAttribute(String name) {
        return attributes.containsKey(name);
    }

    /** This type with no optional markers, as a value of the type would have. */
    public ObjectType withoutOptional() {
        return optional.isEmpty() ? this : new ObjectType(attributes, Set.of());
    }

    @Override
    public String friendlyName() {
        return "object";
    }

    @Override
    public String typeExpression() {
        return "object({" + attributes.entrySet().stream()
                .map(e -> e.getKey() + "=" + (optional.contains(e.getKey())
                        ? "optional(" + e.getValue().typeExpression() + ")" : e.getValue().typeExpression()))
                .collect(Collectors.joining(", ")) + "})";
    }

    @Override
    public String toString() {
        return typeExpression();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectType t && attributes.equals(t.attributes) && optional.equals(t.optional);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attributes, optional);
    }
}
