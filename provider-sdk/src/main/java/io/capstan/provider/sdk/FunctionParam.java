package io.capstan.provider.sdk;

import io.capstan.hcl.value.Type;
import java.util.Objects;

/**
 * One parameter of a provider-defined function: its name (shown in Terraform's error messages,
 * "Invalid value for "timestamp" parameter"), its type ({@link Type#DYNAMIC} accepts any value),
 * whether a null argument reaches the implementation (otherwise the host rejects it) and
 * whether unknown values do (otherwise the host answers "unknown" without calling).
 */
public record FunctionParam(String name, Type type, boolean nullAllowed, boolean unknownAllowed, String description) {
    public FunctionParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** A parameter that accepts neither null nor unknown values, the usual case. */
    public static FunctionParam of(String name, Type type) {
        return new FunctionParam(name, type, false, false, "");
    }

    public FunctionParam description(String d) {
        return new FunctionParam(name, type, nullAllowed, unknownAllowed, d);
    }

    /** Lets null arguments reach the implementation. */
    public FunctionParam allowNull() {
        return new FunctionParam(name, type, true, unknownAllowed, description);
    }

    /** Lets unknown arguments (and values holding unknowns) reach the implementation. */
    public FunctionParam allowUnknown() {
        return new FunctionParam(name, type, nullAllowed, true, description);
    }
}
