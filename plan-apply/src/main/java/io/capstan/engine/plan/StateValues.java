package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.capstan.engine.state.AttributeJson;
import io.capstan.engine.state.InstanceState;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.Base64;
import java.util.List;

/** Conversions between state records and values. */
public final class StateValues {
    private StateValues() {
    }

    public static JsonNode keyJson(InstanceKey k) {
        if (k instanceof InstanceKey.Int i) {
            return IntNode.valueOf(i.index());
        }
        if (k instanceof InstanceKey.Str s) {
            return TextNode.valueOf(s.key());
        }
        return null;
    }

    public static InstanceKey key(JsonNode n) {
        if (n == null || n.isNull()) {
            return InstanceKey.NONE;
        }
        return n.isNumber() ? new InstanceKey.Int(n.asInt()) : new InstanceKey.Str(n.asText());
    }

    public static Value value(InstanceState i, Type t) {
        return AttributeJson.fromJson(i.attributes(), t);
    }

    public static InstanceState instance(InstanceKey key, long schemaVersion, Value v, Type t, byte[] priv,
                                         List<String> deps, boolean cbd) {
        String p = priv == null || priv.length == 0 ? null : Base64.getEncoder().encodeToString(priv);
        return new InstanceState(keyJson(key), null, null, schemaVersion, AttributeJson.toJson(v.unmarkDeep().value(), t),
                Sensitivity.paths(v), p, deps, cbd);
    }

    /**
     * The object an instance records, marked sensitive where its {@code sensitive_attributes}
     * say and where the schema {@code block} says (when given), as Terraform reads state.
     */
    public static Value marked(InstanceState i, Type t, io.capstan.provider.schema.Block block) {
        Value v = Sensitivity.mark(value(i, t), i.sensitiveAttributes());
        return block == null ? v : Sensitivity.markSchema(v, block);
    }

    public static byte[] privateBytes(InstanceState i) {
        return i.privateData() == null ? new byte[0] : Base64.getDecoder().decode(i.privateData());
    }
}
