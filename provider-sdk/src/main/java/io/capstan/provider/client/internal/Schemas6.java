package io.capstan.provider.client.internal;

import com.google.protobuf.ByteString;
import io.capstan.provider.proto.tfplugin6.Function;
import io.capstan.provider.proto.tfplugin6.GetProviderSchema;
import io.capstan.provider.proto.tfplugin6.StringKind;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.FunctionParameter;
import io.capstan.provider.schema.FunctionSignature;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestedType;
import io.capstan.provider.schema.NestingMode;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.schema.ServerCapabilities;
import io.capstan.provider.schema.TypeExpr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes tfplugin6 schema messages into Capstan's schema model. Functions are shared with
 * protocol 5 (wire-identical messages). Malformed schemas throw IllegalArgumentException
 * naming the element; the client turns that into a diagnostic.
 */
public final class Schemas6 {
    private Schemas6() {
    }

    public static ProviderSchema decode(GetProviderSchema.Response r) {
        return new ProviderSchema(
                r.hasProvider() ? schema("provider", r.getProvider()) : Schema.empty(),
                r.hasProviderMeta() ? schema("provider_meta", r.getProviderMeta()) : null,
                schemas(r.getResourceSchemasMap()), schemas(r.getDataSourceSchemasMap()),
                schemas(r.getEphemeralResourceSchemasMap()), schemas(r.getListResourceSchemasMap()),
                functions(r.getFunctionsMap()),
                new ServerCapabilities(r.getServerCapabilities().getPlanDestroy(),
                        r.getServerCapabilities().getGetProviderSchemaOptional(),
                        r.getServerCapabilities().getMoveResourceState(),
                        r.getServerCapabilities().getGenerateResourceConfig()));
    }

    static Map<String, Schema> schemas(Map<String, io.capstan.provider.proto.tfplugin6.Schema> in) {
        Map<String, Schema> out = new LinkedHashMap<>();
        in.forEach((name, s) -> out.put(name, schema(name, s)));
        return out;
    }

    static Schema schema(String where, io.capstan.provider.proto.tfplugin6.Schema s) {
        return new Schema(s.getVersion(), block(where, s.getBlock()));
    }

    static Block block(String where, io.capstan.provider.proto.tfplugin6.Schema.Block b) {
        Map<String, Attribute> attrs = attributes(where, b.getAttributesList());
        Map<String, NestedBlock> blocks = new LinkedHashMap<>();
        for (io.capstan.provider.proto.tfplugin6.Schema.NestedBlock nb : b.getBlockTypesList()) {
            String at = where + "." + nb.getTypeName();
            blocks.put(nb.getTypeName(), new NestedBlock(nb.getTypeName(), block(at, nb.getBlock()),
                    nesting(at, nb.getNesting().name()), nb.getMinItems(), nb.getMaxItems()));
        }
        return new Block(attrs, blocks, b.getDescription(), kind(b.getDescriptionKind()), b.getDeprecated(),
                b.getDeprecationMessage());
    }

    static Map<String, Attribute> attributes(String where,
                                             List<io.capstan.provider.proto.tfplugin6.Schema.Attribute> in) {
        Map<String, Attribute> out = new LinkedHashMap<>();
        for (io.capstan.provider.proto.tfplugin6.Schema.Attribute a : in) {
            String at = where + "." + a.getName();
            TypeExpr type = null;
            NestedType nested = null;
            if (a.hasNestedType()) {
                nested = new NestedType(attributes(at, a.getNestedType().getAttributesList()),
                        nesting(at, a.getNestedType().getNesting().name()));
            } else {
                type = type(at, a.getType());
            }
            out.put(a.getName(), new Attribute(a.getName(), type, nested, a.getDescription(),
                    kind(a.getDescriptionKind()), a.getRequired(), a.getOptional(), a.getComputed(),
                    a.getSensitive(), a.getDeprecated(), a.getWriteOnly(), a.getDeprecationMessage()));
        }
        return out;
    }

    public static Map<String, FunctionSignature> functions(Map<String, Function> in) {
        Map<String, FunctionSignature> out = new LinkedHashMap<>();
        in.forEach((name, f) -> out.put(name, function(name, f)));
        return out;
    }

    static FunctionSignature function(String name, Function f) {
        String at = "function " + name;
        return new FunctionSignature(f.getParametersList().stream().map(p -> parameter(at, p)).toList(),
                f.hasVariadicParameter() ? parameter(at, f.getVariadicParameter()) : null,
                type(at + " return", f.getReturn().getType()), f.getSummary(), f.getDescription(),
                kind(f.getDescriptionKind()), f.getDeprecationMessage());
    }

    private static FunctionParameter parameter(String at, Function.Parameter p) {
        return new FunctionParameter(p.getName(), type(at + " parameter " + p.getName(), p.getType()),
                p.getAllowNullValue(), p.getAllowUnknownValues(), p.getDescription(), kind(p.getDescriptionKind()));
    }

    /**
     * Parsed types by their bytes. A big provider sends ~100,000 attribute types but only a
     * few hundred distinct ones, and parsing JSON for each dominated decoding time.
     */
    private static final Map<ByteString, TypeExpr> TYPES = new ConcurrentHashMap<>();

    static TypeExpr type(String where, ByteString json) {
        TypeExpr t = TYPES.get(json);
        if (t != null) {
            return t;
        }
        try {
            t = TypeExpr.parse(json.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (TYPES.size() > 20_000) {
            TYPES.clear();
        }
        TYPES.put(json, t);
        return t;
    }

    static NestingMode nesting(String where, String protoName) {
        return switch (protoName) {
            case "SINGLE" -> NestingMode.SINGLE;
            case "GROUP" -> NestingMode.GROUP;
            case "LIST" -> NestingMode.LIST;
            case "SET" -> NestingMode.SET;
            case "MAP" -> NestingMode.MAP;
            default -> throw new IllegalArgumentException(where + ": invalid nesting mode " + protoName);
        };
    }

    static DescriptionKind kind(StringKind k) {
        return k == StringKind.MARKDOWN ? DescriptionKind.MARKDOWN : DescriptionKind.PLAIN;
    }
}
