package io.capstan.provider.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.MoveResourceStateRequest;
import io.capstan.provider.client.MoveResourceStateResponse;
import io.capstan.provider.codec.JsonValues;
import io.capstan.provider.codec.WireCodec;
import java.io.IOException;
import java.util.Map;

/**
 * MoveResourceState for SDK providers: finds the target resource, checks that it is a
 * {@link MovableResource} accepting the source, hands it the parsed source state and encodes
 * what it fills in. Every refusal is an error diagnostic naming source and target, so the user
 * sees why Terraform or Capstan cannot carry out the {@code moved} block.
 */
final class StateMover {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StateMover() {
    }

    /** True when any resource of the provider accepts moves: the server capability. */
    static boolean anyMovable(Provider provider) {
        return provider.resources().values().stream().anyMatch(r -> r instanceof MovableResource);
    }

    static MoveResourceStateResponse move(Provider provider, Map<String, ObjectType> types,
                                          MoveResourceStateRequest request, Diagnostics diags) throws IOException {
        Resource r = provider.resources().get(request.targetTypeName());
        ObjectType t = types.get(request.targetTypeName());
        if (r == null || t == null) {
            diags.error("Unknown resource type", "The provider " + provider.name() + " has no resource type \""
                    + request.targetTypeName() + "\" to move state into.");
            return failed(diags);
        }
        byte[] json = request.sourceState() == null ? new byte[0] : request.sourceState().json();
        JsonNode parsed = json.length == 0 ? null : MAPPER.readTree(json);
        if (parsed == null || !parsed.isObject()) {
            diags.error("Unsupported source state", "Moving " + request.sourceTypeName() + " to "
                    + request.targetTypeName() + " needs the source's state as a JSON object; the legacy flatmap "
                    + "form cannot be moved.");
            return failed(diags);
        }
        StateMove from = new StateMove(request.sourceProviderAddress(), request.sourceTypeName(),
                request.sourceSchemaVersion(), (ObjectNode) parsed, request.sourcePrivate());
        if (!(r instanceof MovableResource m) || !m.acceptsMove(from)) {
            diags.error("Unsupported resource state move", "The resource type " + request.targetTypeName()
                    + " of provider " + provider.name() + " does not accept state moved from "
                    + request.sourceTypeName() + " (provider " + request.sourceProviderAddress()
                    + ", schema version " + request.sourceSchemaVersion() + ").");
            return failed(diags);
        }
        ObjectData target = ObjectData.empty(t);
        m.moveState(from, target, diags);
        if (diags.hasErrors()) {
            return failed(diags);
        }
        Value v = target.toValue();
        if (!v.isWhollyKnown()) {
            diags.error("Provider produced an incomplete object", provider.name() + " left part of "
                    + request.targetTypeName() + " unknown while moving state from " + request.sourceTypeName()
                    + "; this is a bug in the provider.");
            return failed(diags);
        }
        return new MoveResourceStateResponse(WireCodec.INSTANCE.encode(v, t), diags.toList(), null, null);
    }

    private static MoveResourceStateResponse failed(Diagnostics diags) {
        return new MoveResourceStateResponse(null, diags.toList(), null, null);
    }

    /** See {@link StateMove#copyCommonAttributes}. */
    static ObjectData copyCommon(ObjectNode source, ObjectData target) {
        ObjectNode copy = source.deepCopy();
        StateUpgrader.prune(copy, target.type());
        for (Map.Entry<String, Type> a : target.type().attributes().entrySet()) {
            JsonNode n = copy.get(a.getKey());
            if (n != null) {
                try {
                    target.set(a.getKey(), JsonValues.decode(MAPPER.writeValueAsBytes(n), a.getValue()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return target;
    }
}
