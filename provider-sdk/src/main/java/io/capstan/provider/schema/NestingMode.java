package io.capstan.provider.schema;

/**
 * How a nested block (or a protocol-6 nested attribute type) repeats. {@code GROUP} is a
 * single block that is never null (its absence means all attributes null); it exists only
 * for nested blocks, not for nested attribute types.
 */
public enum NestingMode {
    SINGLE, GROUP, LIST, SET, MAP;

    /** The spelling used by {@code terraform providers schema -json}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
