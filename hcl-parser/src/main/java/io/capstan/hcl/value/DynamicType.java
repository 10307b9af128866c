package io.capstan.hcl.value;

/**
 * The dynamic pseudo-type: {@code any} in a type constraint, the type of an untyped
 * {@code null} or of a value whose type is not known yet.
 */
public enum DynamicType implements Type {
    DYNAMIC;

    @Override
    public String friendlyName() {
        return "dynamic";
    }

    @Override
    public String typeExpression() {
        return "any";
    }

    @Override
    public String toString() {
        return "dynamic";
    }
}
