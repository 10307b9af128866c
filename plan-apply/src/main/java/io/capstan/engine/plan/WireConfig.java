package io.capstan.engine.plan;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.codec.WireCodec;

/**
 * One instance's configuration as its provider is sent it: without marks, encoded once, on first
 * use, and shared by every call of the instance that carries it (ValidateResourceConfig or
 * ValidateDataResourceConfig, PlanResourceChange, twice for a replacement, ApplyResourceChange,
 * ReadDataSource). Not encoded at all when no call needs it (terraform's built-in provider runs
 * in-process). Used by the one thread that plans or applies the instance.
 */
final class WireConfig {
    private final Value unmarked;
    private final Type type;
    private DynamicValue wire;

    /** {@code config} as decoded for the instance (marks are dropped), of its schema's {@code type}. */
    WireConfig(Value config, Type type) {
        this.unmarked = config.unmarkDeep().value();
        this.type = type;
    }

    /** The configuration without marks. */
    Value value() {
        return unmarked;
    }

    /** The configuration, encoded for the wire. */
    DynamicValue wire() {
        if (wire == null) {
            wire = WireCodec.INSTANCE.encode(unmarked, type);
        }
        return wire;
    }
}
