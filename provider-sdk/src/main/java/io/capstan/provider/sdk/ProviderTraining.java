package io.capstan.provider.sdk;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ApplyResourceChangeRequest;
import io.capstan.provider.client.ApplyResourceChangeResponse;
import io.capstan.provider.client.ClientCapabilities;
import io.capstan.provider.client.ConfigureProviderRequest;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.client.RawState;
import io.capstan.provider.client.ReadResourceRequest;
import io.capstan.provider.client.UpgradeResourceStateRequest;
import io.capstan.provider.client.ValidateDataResourceConfigRequest;
import io.capstan.provider.client.ValidateProviderConfigRequest;
import io.capstan.provider.client.ValidateResourceConfigRequest;
import io.capstan.provider.codec.JsonValues;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls a plugin host makes in an ordinary plan, apply and destroy, made once against a
 * provider whose JVM is recording its class-data archive ({@link MirrorLayout#recordClassDataArchive}),
 * so that the archive holds the classes of those calls (the gRPC service methods, MessagePack
 * decoding and encoding of objects, the SDK's planner and the provider's own create and delete
 * code) and not only those of the handshake and GetProviderSchema: without them a provider
 * loaded and verified about 230 classes from its jars during the first plan and apply of a run.
 *
 * <p>Generic over providers: each resource type is planned with an empty configuration (every
 * attribute null, nested blocks empty), which is what a block with no arguments gives. Only when
 * the build asks for it ({@code objects}: a provider whose objects live in the process or are
 * harmless, such as random or time) is a type also created, refreshed, upgraded and destroyed,
 * and then only when its schema requires no argument and the provider accepted the configuration
 * and planned it without error: a type with required arguments could otherwise act on null
 * values (local_file would write a file). Without it nothing but validation, configuration and
 * planning runs, which the protocol keeps free of side effects: a provider that manages real
 * infrastructure (a cloud, dockerd, a cluster) must not create objects because it was built.
 * Responses, errors included, are ignored: what counts is the code the calls run.
 */
public final class ProviderTraining {
    private static final WireCodec CODEC = WireCodec.INSTANCE;

    private ProviderTraining() {
    }

    /**
     * Makes the calls described above through {@code client}, whose schema is {@code schema};
     * with {@code objects} it creates and destroys the objects of the types that need no argument.
     */
    public static void run(ProviderClient client, ProviderSchema schema, boolean objects) {
        Value providerConfig = emptyConfig(schema.provider().block());
        Type providerType = SchemaTypes.impliedType(schema.provider());
        DynamicValue pc = CODEC.encode(providerConfig, providerType);
        client.validateProviderConfig(new ValidateProviderConfigRequest(pc));
        client.configureProvider(new ConfigureProviderRequest("1.11.4", pc, ClientCapabilities.CAPSTAN));
        for (Map.Entry<String, Schema> e : schema.dataSourceSchemas().entrySet()) {
            Type type = SchemaTypes.impliedType(e.getValue());
            client.validateDataResourceConfig(new ValidateDataResourceConfigRequest(e.getKey(),
                    CODEC.encode(emptyConfig(e.getValue().block()), type)));
        }
        for (Map.Entry<String, Schema> e : schema.resourceSchemas().entrySet()) {
            lifecycle(client, e.getKey(), e.getValue(), objects);
        }
    }

    /** Validate, plan a create and, when safe (see the class comment), create, refresh, upgrade, destroy. */
    private static void lifecycle(ProviderClient client, String typeName, Schema schema, boolean objects) {
        Block block = schema.block();
        Type type = SchemaTypes.impliedType(schema);
        Value config = emptyConfig(block);
        DynamicValue wireConfig = CODEC.encode(config, type);
        boolean valid = !client.validateResourceConfig(
                new ValidateResourceConfigRequest(typeName, wireConfig, ClientCapabilities.CAPSTAN)).hasErrors();
        DynamicValue nothing = CODEC.encode(Value.nullOf(type), type);
        PlanResourceChangeResponse plan = client.planResourceChange(new PlanResourceChangeRequest(typeName, nothing,
                CODEC.encode(proposedNew(block, config), type), wireConfig, null, null, ClientCapabilities.CAPSTAN,
                null));
        if (!objects || !valid || plan.hasErrors() || plan.plannedState() == null || requiresArguments(block)) {
            return;
        }
        ApplyResourceChangeResponse created = client.applyResourceChange(new ApplyResourceChangeRequest(typeName,
                nothing, plan.plannedState(), wireConfig, plan.plannedPrivate(), null, null));
        if (created.hasErrors() || created.newState() == null) {
            return;
        }
        Value state = CODEC.decode(created.newState(), type);
        if (state.isNull()) {
            return;
        }
        client.upgradeResourceState(new UpgradeResourceStateRequest(typeName, schema.version(),
                RawState.ofJson(JsonValues.encode(state, type))));
        client.readResource(new ReadResourceRequest(typeName, created.newState(), created.privateData(), null,
                ClientCapabilities.CAPSTAN, null));
        // the same configuration again: a plan with nothing to do, as a second apply makes
        client.planResourceChange(new PlanResourceChangeRequest(typeName, created.newState(),
                created.newState(), wireConfig, created.privateData(), null, ClientCapabilities.CAPSTAN, null));
        PlanResourceChangeResponse destroy = client.planResourceChange(new PlanResourceChangeRequest(typeName,
                created.newState(), nothing, nothing, created.privateData(), null, ClientCapabilities.CAPSTAN, null));
        if (!destroy.hasErrors()) {
            client.applyResourceChange(new ApplyResourceChangeRequest(typeName, created.newState(), nothing, nothing,
                    destroy.plannedPrivate(), null, null));
        }
    }

    /** True when the block (or a nested block, by its minimum items) has an argument that must be set. */
    static boolean requiresArguments(Block block) {
        for (Attribute a : block.attributes().values()) {
            if (a.required()) {
                return true;
            }
        }
        for (NestedBlock nb : block.blockTypes().values()) {
            if (nb.minItems() > 0) {
                return true;
            }
        }
        return false;
    }

    /** A block written with no arguments: every attribute null, list/set/map blocks empty, single blocks null. */
    static Value emptyConfig(Block block) {
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (Attribute a : block.attributes().values()) {
            attrs.put(a.name(), Value.nullOf(SchemaTypes.attributeType(a)));
        }
        for (Map.Entry<String, NestedBlock> e : block.blockTypes().entrySet()) {
            NestedBlock nb = e.getValue();
            Type element = SchemaTypes.impliedType(nb.block());
            attrs.put(e.getKey(), switch (nb.nesting()) {
                case LIST -> Value.list(element, List.of());
                case SET -> Value.set(element, List.of());
                case MAP -> Value.map(element, Map.of());
                case SINGLE, GROUP -> Value.nullOf(SchemaTypes.nestedBlockType(nb));
            });
        }
        return Value.object(attrs);
    }

    /** Terraform's proposed new state for a create: the configuration with its unset computed attributes unknown. */
    static Value proposedNew(Block block, Value config) {
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : config.entries().entrySet()) {
            Attribute a = block.attributes().get(e.getKey());
            boolean unknown = a != null && a.computed() && e.getValue().isNull();
            attrs.put(e.getKey(), unknown ? Value.unknown(SchemaTypes.attributeType(a)) : e.getValue());
        }
        return Value.object(attrs);
    }
}
