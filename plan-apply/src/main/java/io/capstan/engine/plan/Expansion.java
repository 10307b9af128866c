package io.capstan.engine.plan;

import io.capstan.graph.addrs.InstanceKey;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a resource or module call expanded in one module instance, with a value per instance
 * key, and the value an expression sees when it names the whole resource or call: the single
 * object, a tuple for {@code count}, an object keyed by {@code for_each} key.
 */
public final class Expansion {
    public enum Kind { SINGLE, COUNT, FOR_EACH, UNKNOWN }

    private final Kind kind;
    private final Map<InstanceKey, Value> values;

    public Expansion(Kind kind, Map<InstanceKey, Value> values) {
        this.kind = kind;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Expansion unknown() {
        return new Expansion(Kind.UNKNOWN, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public Map<InstanceKey, Value> values() {
        return values;
    }

    /** The value of a reference to the whole object. */
    public Value value() {
        switch (kind) {
            case SINGLE -> {
                Value v = values.get(InstanceKey.NONE);
                return v == null ? Value.DYNAMIC_UNKNOWN : v;
            }
            case COUNT -> {
                List<Value> out = new ArrayList<>(values.values());
                return Value.tuple(out);
            }
            case FOR_EACH -> {
                Map<String, Value> out = new LinkedHashMap<>();
                values.forEach((k, v) -> out.put(((InstanceKey.Str) k).key(), v));
                return Value.object(out);
            }
            default -> {
                return Value.DYNAMIC_UNKNOWN;
            }
        }
    }
}
