package io.capstan.provider.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * UpgradeResourceState for SDK resources: stored JSON state, written by any earlier
 * version of the provider, is passed through the resource's own upgrade when its schema
 * version is older, then shaped to the current schema (attributes the schema no longer
 * has are dropped, new ones are null) and decoded.
 */
final class StateUpgrader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StateUpgrader() {
    }

    static Value upgrade(Resource resource, ObjectType type, long version, byte[] json, Diagnostics diags)
            throws IOException {
        if (json.length == 0) {
            diags.error("Unsupported state format",
                    "Only JSON state can be upgraded; this provider never wrote the legacy flatmap form.");
            return Value.nullOf(type);
        }
        JsonNode n = MAPPER.readTree(json);
        if (n == null || n.isNull()) {
            return Value.nullOf(type);
        }
        if (!n.isObject()) {
            diags.error("Invalid stored state", "The stored state is not a JSON object.");
            return Value.nullOf(type);
        }
        ObjectNode state = (ObjectNode) n;
        long current = resource.schema().version();
        if (version > current) {
            diags.error("Resource state is newer than the provider",
                    "The state was written by schema version " + version + " but this provider only knows up to "
                            + current + ". Upgrade the provider.");
            return Value.nullOf(type);
        }
        if (version < current) {
            state = resource.upgradeState(version, state, diags);
        }
        prune(state, type);
        return JsonValues.decode(MAPPER.writeValueAsBytes(state), type);
    }

    /** Removes keys the type does not have, recursing through objects and collections of objects. */
    static void prune(JsonNode n, Type type) {
        if (n == null || n.isNull()) {
            return;
        }
        if (type instanceof ObjectType ot && n.isObject()) {
            List<String> drop = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                Type at = ot.attributes().get(k);
                if (at == null) {
                    drop.add(k);
                } else {
                    prune(n.get(k), at);
                }
            }
            ((ObjectNode) n).remove(drop);
        } else if (type.isCollection() && type.elementType() instanceof ObjectType) {
            if (n.isArray()) {
                n.forEach(e -> prune(e, type.elementType()));
            } else if (n.isObject()) {
                n.forEach(e -> prune(e, type.elementType()));
            }
        }
    }
}
