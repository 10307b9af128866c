package io.capstan.hcl.value;

/** The three primitive types. */
public enum PrimitiveType implements Type {
    STRING("string"), NUMBER("number"), BOOL("bool");

    private final String name;

    PrimitiveType(String name) {
        this.name = name;
    }

    /** The type a type expression's keyword ({@code string}, {@code number}, {@code bool}) names, or null. */
    public static PrimitiveType forKeyword(String keyword) {
        for (PrimitiveType t : values()) {
            if (t.name.equals(keyword)) {
                return t;
            }
        }
        return null;
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
