package io.capstan.hcl.value;

/** The three primitive types. */
public enum PrimitiveType implements Type {
    STRING("string"), NUMBER("number"), BOOL("bool");

    private final String name;

    PrimitiveType(String name) {
        this.name = name;
    }

    @Override
    public String friendlyName() {
        return name;
    }

    @Override
    public String typeExpression() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
