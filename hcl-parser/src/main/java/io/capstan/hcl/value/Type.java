package io.capstan.hcl.value;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Terraform type, as cty models it: the primitives, the three collection kinds, the two
 * structural kinds and {@link DynamicType dynamic} ({@code any}). Types compare by value.
 * Object types may list optional attributes; that only happens inside type constraints.
 */
public sealed interface Type permits PrimitiveType, ListType, SetType, MapType, ObjectType, TupleType, DynamicType {
    Type STRING = PrimitiveType.STRING;
    Type NUMBER = PrimitiveType.NUMBER;
    Type BOOL = PrimitiveType.BOOL;
    Type DYNAMIC = DynamicType.DYNAMIC;
    ObjectType EMPTY_OBJECT = new ObjectType(Map.of(), Set.of());
    TupleType EMPTY_TUPLE = new TupleType(List.of());

    /**
     * The primitive type a type expression's keyword ({@code string}, {@code number},
     * {@code bool}) names, or null. (On this interface rather than the enum: initialising
     * PrimitiveType first would initialise this interface while its constants are still null.)
     */
    static Type primitive(String keyword) {
        for (PrimitiveType t : PrimitiveType.values()) {
            if (t.friendlyName().equals(keyword)) {
                return t;
            }
        }
        return null;
    }

    static ListType list(Type element) {
        return new ListType(element);
    }

    static SetType set(Type element) {
        return new SetType(element);
    }

    static MapType map(Type element) {
        return new MapType(element);
    }

    static TupleType tuple(List<Type> elements) {
        return new TupleType(elements);
    }

    static ObjectType object(Map<String, Type> attributes) {
        return new ObjectType(attributes, Set.of());
    }

    /** The type as Terraform prints it in messages: {@code list of string}, {@code object}. */
    String friendlyName();

    /** The type as written in a type constraint: {@code list(string)}, {@code object({a=number})}. */
    String typeExpression();

    default boolean isPrimitive() {
        return this instanceof PrimitiveType;
    }

    default boolean isCollection() {
        return this instanceof ListType || this instanceof SetType || this instanceof MapType;
    }

    /** The element type of a list, set or map; null otherwise. */
    default Type elementType() {
        if (this instanceof ListType l) {
            return l.element();
        } else if (this instanceof SetType st) {
            return st.element();
        } else if (this instanceof MapType m) {
            return m.element();
        }
        return null;
    }

    /** True when no part of the type is dynamic. */
    default boolean isFullyKnown() {
        if (this == DYNAMIC) {
            return false;
        } else if (isCollection()) {
            return elementType().isFullyKnown();
        } else if (this instanceof TupleType t) {
            return t.elements().stream().allMatch(Type::isFullyKnown);
        } else if (this instanceof ObjectType o) {
            return o.attributes().values().stream().allMatch(Type::isFullyKnown);
        }
        return true;
    }
}
