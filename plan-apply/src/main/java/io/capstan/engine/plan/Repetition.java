package io.capstan.engine.plan;

import io.capstan.graph.addrs.InstanceKey;
import io.capstan.hcl.value.Value;
import java.util.Map;

/** The {@code count} and {@code each} objects of one instance (null when the block has neither). */
public record Repetition(Value count, Value each) {
    public static final Repetition NONE = new Repetition(null, null);

    public static Repetition of(InstanceKey key, Value eachValue) {
        if (key instanceof InstanceKey.Int i) {
            return new Repetition(Value.object(Map.of("index", Value.of(i.index()))), null);
        }
        if (key instanceof InstanceKey.Str s) {
            return new Repetition(null, Value.object(Map.of("key", Value.of(s.key()), "value", eachValue)));
        }
        return NONE;
    }
}
