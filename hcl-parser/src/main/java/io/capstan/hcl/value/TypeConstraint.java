package io.capstan.hcl.value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A type constraint as written in a {@code variable} block's {@code type}: a type (object
 * types may mark attributes optional) plus the default values of optional attributes.
 * Build one with the static constructors ({@code object(required("a", string()),
 * optional("b", number(), Value.of(5)))}) or parse constraint source text with
 * {@link #parse}. {@link #apply} does what Terraform does to a variable's value: defaults
 * first, then conversion.
 */
public record TypeConstraint(Type type, Defaults defaults) {
    public TypeConstraint {
        Objects.requireNonNull(type, "type");
    }

    /** One attribute of an object constraint. */
    public record Attribute(String name, TypeConstraint constraint, boolean optional, Value defaultValue) {
        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(constraint, "constraint");
        }
    }

    public static TypeConstraint of(Type t) {
        return new TypeConstraint(t, null);
    }

    public static TypeConstraint string() {
        return of(Type.STRING);
    }

    public static TypeConstraint number() {
        return of(Type.NUMBER);
    }

    public static TypeConstraint bool() {
        return of(Type.BOOL);
    }

    public static TypeConstraint any() {
        return of(Type.DYNAMIC);
    }

    public static TypeConstraint list(TypeConstraint e) {
        return new TypeConstraint(Type.list(e.type), element(e));
    }

    public static TypeConstraint set(TypeConstraint e) {
        return new TypeConstraint(Type.set(e.type), element(e));
    }

    public static TypeConstraint map(TypeConstraint e) {
        return new TypeConstraint(Type.map(e.type), element(e));
    }

    public static TypeConstraint tuple(List<TypeConstraint> elements) {
        List<Type> types = new ArrayList<>();
        Map<String, Defaults> children = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            types.add(elements.get(i).type);
            if (elements.get(i).defaults != null) {
                children.put(Integer.toString(i), elements.get(i).defaults);
            }
        }
        Type t = Type.tuple(types);
        return new TypeConstraint(t, children.isEmpty() ? null : new Defaults(t, Map.of(), children));
    }

    public static Attribute required(String name, TypeConstraint c) {
        return new Attribute(name, c, false, null);
    }

    public static Attribute optional(String name, TypeConstraint c) {
        return new Attribute(name, c, true, null);
    }

    /** An optional attribute with a default; the default is converted to the attribute's type. */
    public static Attribute optional(String name, TypeConstraint c, Value defaultValue) {
        return new Attribute(name, c, true, Convert.convert(defaultValue, c.type));
    }

    public static TypeConstraint object(List<Attribute> attributes) {
        Map<String, Type> types = new TreeMap<>();
        Set<String> optional = new TreeSet<>();
        Map<String, Value> values = new HashMap<>();
        Map<String, Defaults> children = new HashMap<>();
        for (Attribute a : attributes) {
            types.put(a.name, a.constraint.type);
            if (a.optional) {
                optional.add(a.name);
            }
            if (a.defaultValue != null && !a.defaultValue.isNull()) {
                values.put(a.name, a.defaultValue);
            }
            if (a.constraint.defaults != null) {
                children.put(a.name, a.constraint.defaults);
            }
        }
        ObjectType t = new ObjectType(types, optional);
        return new TypeConstraint(t, values.isEmpty() && children.isEmpty() ? null : new Defaults(t, values, children));
    }

    private static Defaults element(TypeConstraint e) {
        return e.defaults == null ? null : new Defaults(e.type, Map.of(), Map.of("", e.defaults));
    }

    /** Defaults, then conversion: the value a variable of this type gets. */
    public Value apply(Value v) {
        Value withDefaults = defaults == null || v.isNull() ? v : defaults.apply(v);
        return Convert.convert(withDefaults, type);
    }

    /** The constraint printed back as Terraform source. */
    public String source() {
        return type.typeExpression();
    }

}
