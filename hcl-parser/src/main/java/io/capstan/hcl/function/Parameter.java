package io.capstan.hcl.function;

import io.capstan.hcl.value.Type;
import java.util.Objects;

/**
 * One parameter of a function, as cty's function.Parameter: the type arguments are
 * converted to, and whether null, unknown, dynamic-typed and marked arguments reach the
 * implementation (otherwise the caller handles them: null is an error, unknown makes the
 * result unknown, marks are stripped and put back on the result).
 */
public record Parameter(String name, Type type, boolean allowNull, boolean allowUnknown,
                        boolean allowDynamicType, boolean allowMarked) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static Parameter of(String name, Type type) {
        return new Parameter(name, type, false, false, false, false);
    }

    public Parameter nullable() {
        return new Parameter(name, type, true, allowUnknown, allowDynamicType, allowMarked);
    }

    public Parameter unknowns() {
        return new Parameter(name, type, allowNull, true, allowDynamicType, allowMarked);
    }

    public Parameter dynamic() {
        return new Parameter(name, type, allowNull, allowUnknown, true, allowMarked);
    }

    public Parameter marked() {
        return new Parameter(name, type, allowNull, allowUnknown, allowDynamicType, true);
    }
}
