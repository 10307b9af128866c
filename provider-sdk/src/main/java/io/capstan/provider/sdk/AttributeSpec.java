package io.capstan.provider.sdk;

import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.Objects;

/**
 * One attribute of a provider, resource or data-source schema as a provider author declares
 * it: its type, whether the user must, may or must not set it, whether the provider
 * computes it, and the planning behaviour the SDK applies for it (a default used when the
 * configuration leaves it null, "changing it replaces the object", "keep the prior value
 * instead of showing (known after apply)").
 *
 * <p>Build one with the fluent helpers: {@code AttributeSpec.string("length").required()}.
 */
public record AttributeSpec(String name, Type type, boolean isRequired, boolean isOptional, boolean isComputed,
                            boolean isSensitive, String description, Value defaultValue,
                            boolean forcesReplacement, boolean keepsStateForUnknown) {
    public AttributeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        if (defaultValue != null) {
            defaultValue = Convert.convert(defaultValue, type);
        }
    }

    public static AttributeSpec of(String name, Type type) {
        return new AttributeSpec(name, type, false, false, false, false, "", null, false, false);
    }

    public static AttributeSpec string(String name) {
        return of(name, Type.STRING);
    }

    public static AttributeSpec number(String name) {
        return of(name, Type.NUMBER);
    }

    public static AttributeSpec bool(String name) {
        return of(name, Type.BOOL);
    }

    public static AttributeSpec list(String name, Type element) {
        return of(name, Type.list(element));
    }

    public static AttributeSpec set(String name, Type element) {
        return of(name, Type.set(element));
    }

    public static AttributeSpec map(String name, Type element) {
        return of(name, Type.map(element));
    }

    /** The user must set it. */
    public AttributeSpec required() {
        return new AttributeSpec(name, type, true, false, false, isSensitive, description, defaultValue,
                forcesReplacement, keepsStateForUnknown);
    }

    /** The user may set it. */
    public AttributeSpec optional() {
        return new AttributeSpec(name, type, false, true, isComputed, isSensitive, description, defaultValue,
                forcesReplacement, keepsStateForUnknown);
    }

    /** The provider sets it (combine with {@link #optional()} for "the provider fills it in when unset"). */
    public AttributeSpec computed() {
        return new AttributeSpec(name, type, false, isOptional, true, isSensitive, description, defaultValue,
                forcesReplacement, keepsStateForUnknown);
    }

    public AttributeSpec sensitive() {
        return new AttributeSpec(name, type, isRequired, isOptional, isComputed, true, description, defaultValue,
                forcesReplacement, keepsStateForUnknown);
    }

    public AttributeSpec description(String text) {
        return new AttributeSpec(name, type, isRequired, isOptional, isComputed, isSensitive, text, defaultValue,
                forcesReplacement, keepsStateForUnknown);
    }

    /**
     * The value planned when the configuration leaves the attribute null. Like the plugin
     * framework, a default makes the attribute optional and computed (Terraform requires it:
     * the planned value differs from the configured null).
     */
    public AttributeSpec withDefault(Value value) {
        return new AttributeSpec(name, type, false, true, true, isSensitive, description, value,
                forcesReplacement, keepsStateForUnknown);
    }

    public AttributeSpec withDefault(Object javaValue) {
        return withDefault(JavaValues.toValue(javaValue, type));
    }

    /** A change to this attribute destroys and re-creates the object. */
    public AttributeSpec requiresReplace() {
        return new AttributeSpec(name, type, isRequired, isOptional, isComputed, isSensitive, description, defaultValue,
                true, keepsStateForUnknown);
    }

    /** When the object changes, keep this computed attribute's prior value instead of marking it unknown. */
    public AttributeSpec useStateForUnknown() {
        return new AttributeSpec(name, type, isRequired, isOptional, isComputed, isSensitive, description, defaultValue,
                forcesReplacement, true);
    }
}
