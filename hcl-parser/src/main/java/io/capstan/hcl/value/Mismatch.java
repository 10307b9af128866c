package io.capstan.hcl.value;

/**
 * Terraform's message when no conversion exists between two types ("string required",
 * "attribute \"name\" is required", "list of number required").
 */
final class Mismatch {
    private Mismatch() {
    }

    static String message(Type got, Type want) {
        if (want instanceof ObjectType wo && got instanceof ObjectType go) {
            for (String name : wo.attributes().keySet()) {
                if (!go.hasAttribute(name) && !wo.optional().contains(name)) {
                    return "attribute " + GoFormat.quote(name) + " is required";
                }
            }
            for (var e : wo.attributes().entrySet()) {
                Type g = go.attribute(e.getKey());
                if (g != null && !Convert.canConvert(g, e.getValue(), true)) {
                    return "attribute " + GoFormat.quote(e.getKey()) + ": " + message(g, e.getValue());
                }
            }
        }
        if ((want instanceof ListType || want instanceof SetType) && got instanceof TupleType
                && want.elementType() == Type.DYNAMIC) {
            return "all list elements must have the same type";
        }
        if (want instanceof MapType m && got instanceof ObjectType && m.element() == Type.DYNAMIC) {
            return "all map elements must have the same type";
        }
        return constraintName(want) + " required";
    }

    /** Friendly name where dynamic is spelled "any", as in type-constraint messages. */
    static String constraintName(Type t) {
        if (t == Type.DYNAMIC) {
            return "any single type";
        }
        if (t.isCollection()) {
            String kind = t instanceof ListType ? "list" : t instanceof SetType ? "set" : "map";
            Type e = t.elementType();
            return kind + " of " + (e == Type.DYNAMIC ? "any single type" : constraintName(e));
        }
        return t.friendlyName();
    }
}
