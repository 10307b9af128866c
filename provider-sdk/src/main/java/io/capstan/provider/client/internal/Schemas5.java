package io.capstan.provider.client.internal;

import io.capstan.provider.proto.tfplugin5.GetProviderSchema;
import io.capstan.provider.proto.tfplugin5.Schema.NestedBlock;
import io.capstan.provider.proto.tfplugin5.StringKind;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.schema.ServerCapabilities;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes tfplugin5 schema messages into Capstan's schema model. Protocol 5 attributes
 * differ from protocol 6 (no nested attribute types, other field numbers), so blocks and
 * attributes are decoded here; functions are re-read as their tfplugin6 twins.
 */
public final class Schemas5 {
    private Schemas5() {
    }

    public static ProviderSchema decode(GetProviderSchema.Response r) {
        Map<String, io.capstan.provider.proto.tfplugin6.Function> functions = new LinkedHashMap<>();
        r.getFunctionsMap().forEach((name, f) ->
                functions.put(name, Wire6.reparse(f, io.capstan.provider.proto.tfplugin6.Function.parser())));
        return new ProviderSchema(
                r.hasProvider() ? schema("provider", r.getProvider()) : Schema.empty(),
                r.hasProviderMeta() ? schema("provider_meta", r.getProviderMeta()) : null,
                schemas(r.getResourceSchemasMap()), schemas(r.getDataSourceSchemasMap()),
                schemas(r.getEphemeralResourceSchemasMap()), schemas(r.getListResourceSchemasMap()),
                Schemas6.functions(functions),
                new ServerCapabilities(r.getServerCapabilities().getPlanDestroy(),
                        r.getServerCapabilities().getGetProviderSchemaOptional(),
                        r.getServerCapabilities().getMoveResourceState(),
                        r.getServerCapabilities().getGenerateResourceConfig()));
    }

    static Map<String, Schema> schemas(Map<String, io.capstan.provider.proto.tfplugin5.Schema> in) {
        Map<String, Schema> out = new LinkedHashMap<>();
        in.forEach((name, s) -> out.put(name, schema(name, s)));
        return out;
    }

    static Schema schema(String where, io.capstan.provider.proto.tfplugin5.Schema s) {
        return new Schema(s.getVersion(), block(where, s.getBlock()));
    }

    static Block block(String where, io.capstan.provider.proto.tfplugin5.Schema.Block b) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        for (io.capstan.provider.proto.tfplugin5.Schema.Attribute a : b.getAttributesList()) {
            attrs.put(a.getName(), new Attribute(a.getName(),
                    Schemas6.type(where + "." + a.getName(), a.getType()), null,
                    a.getDescription(), kind(a.getDescriptionKind()), a.getRequired(), a.getOptional(),
                    a.getComputed(), a.getSensitive(), a.getDeprecated(), a.getWriteOnly(),
                    a.getDeprecationMessage()));
        }
        Map<String, io.capstan.provider.schema.NestedBlock> blocks = new LinkedHashMap<>();
        for (NestedBlock nb : b.getBlockTypesList()) {
            String at = where + "." + nb.getTypeName();
            blocks.put(nb.getTypeName(), new io.capstan.provider.schema.NestedBlock(nb.getTypeName(),
                    block(at, nb.getBlock()), Schemas6.nesting(at, nb.getNesting().name()),
                    nb.getMinItems(), nb.getMaxItems()));
        }
        return new Block(attrs, blocks, b.getDescription(), kind(b.getDescriptionKind()), b.getDeprecated(),
                b.getDeprecationMessage());
    }

    static DescriptionKind kind(StringKind k) {
        return k == StringKind.MARKDOWN ? DescriptionKind.MARKDOWN : DescriptionKind.PLAIN;
    }
}
