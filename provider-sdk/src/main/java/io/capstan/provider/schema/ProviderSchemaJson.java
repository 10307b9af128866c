package io.capstan.provider.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders provider schemas exactly as {@code terraform providers schema -json} (format
 * version 1.0) prints them: keys of name maps sorted, empty/false/zero fields omitted,
 * {@code description_kind} always present on blocks and attributes, types in cty's JSON
 * type notation. The field order follows Terraform's so the output also diffs cleanly.
 */
public final class ProviderSchemaJson {
    /** The {@code format_version} Terraform 1.11 writes. */
    public static final String FORMAT_VERSION = "1.0";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ProviderSchemaJson() {
    }

    /** The whole document for several providers, keyed by provider source address. */
    public static ObjectNode document(Map<String, ProviderSchema> byAddress) {
        ObjectNode root = F.objectNode();
        root.put("format_version", FORMAT_VERSION);
        if (!byAddress.isEmpty()) {
            ObjectNode schemas = root.putObject("provider_schemas");
            new TreeMap<>(byAddress).forEach((addr, s) -> schemas.set(addr, provider(s)));
        }
        return root;
    }

    /** The document as compact JSON text, like Terraform prints it. */
    public static String toJsonString(Map<String, ProviderSchema> byAddress) {
        try {
            return new ObjectMapper().writeValueAsString(document(byAddress));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One provider's entry. */
    public static ObjectNode provider(ProviderSchema p) {
        ObjectNode o = F.objectNode();
        o.set("provider", schema(p.provider()));
        putSchemas(o, "resource_schemas", p.resourceSchemas());
        putSchemas(o, "data_source_schemas", p.dataSourceSchemas());
        putSchemas(o, "ephemeral_resource_schemas", p.ephemeralResourceSchemas());
        if (!p.functions().isEmpty()) {
            ObjectNode fs = o.putObject("functions");
            new TreeMap<>(p.functions()).forEach((name, f) -> fs.set(name, function(f)));
        }
        return o;
    }

    private static void putSchemas(ObjectNode o, String key, Map<String, Schema> schemas) {
        if (!schemas.isEmpty()) {
            ObjectNode m = o.putObject(key);
            new TreeMap<>(schemas).forEach((name, s) -> m.set(name, schema(s)));
        }
    }

    public static ObjectNode schema(Schema s) {
        ObjectNode o = F.objectNode();
        o.put("version", s.version());
        o.set("block", block(s.block()));
        return o;
    }

    static ObjectNode block(Block b) {
        ObjectNode o = F.objectNode();
        if (!b.attributes().isEmpty()) {
            o.set("attributes", attributes(b.attributes()));
        }
        if (!b.blockTypes().isEmpty()) {
            ObjectNode bts = o.putObject("block_types");
            new TreeMap<>(b.blockTypes()).forEach((name, nb) -> {
                ObjectNode bt = bts.putObject(name);
                bt.put("nesting_mode", nb.nesting().jsonName());
                bt.set("block", block(nb.block()));
                if (nb.minItems() != 0) {
                    bt.put("min_items", nb.minItems());
                }
                if (nb.maxItems() != 0) {
                    bt.put("max_items", nb.maxItems());
                }
            });
        }
        if (!b.description().isEmpty()) {
            o.put("description", b.description());
        }
        o.put("description_kind", b.descriptionKind().jsonName());
        if (b.deprecated()) {
            o.put("deprecated", true);
        }
        return o;
    }

    private static ObjectNode attributes(Map<String, Attribute> attrs) {
        ObjectNode m = F.objectNode();
        new TreeMap<>(attrs).forEach((name, a) -> m.set(name, attribute(a)));
        return m;
    }

    static ObjectNode attribute(Attribute a) {
        ObjectNode o = F.objectNode();
        if (a.type() != null) {
            o.set("type", a.type().toJson());
        }
        if (a.nestedType() != null) {
            ObjectNode nt = o.putObject("nested_type");
            nt.set("attributes", attributes(a.nestedType().attributes()));
            nt.put("nesting_mode", a.nestedType().nesting().jsonName());
        }
        if (!a.description().isEmpty()) {
            o.put("description", a.description());
        }
        o.put("description_kind", a.descriptionKind().jsonName());
        flag(o, "deprecated", a.deprecated());
        flag(o, "required", a.required());
        flag(o, "optional", a.optional());
        flag(o, "computed", a.computed());
        flag(o, "sensitive", a.sensitive());
        flag(o, "write_only", a.writeOnly());
        return o;
    }

    static ObjectNode function(FunctionSignature f) {
        ObjectNode o = F.objectNode();
        if (!f.description().isEmpty()) {
            o.put("description", f.description());
        }
        if (!f.summary().isEmpty()) {
            o.put("summary", f.summary());
        }
        if (!f.deprecationMessage().isEmpty()) {
            o.put("deprecation_message", f.deprecationMessage());
        }
        o.set("return_type", f.returnType().toJson());
        if (!f.parameters().isEmpty()) {
            ArrayNode ps = o.putArray("parameters");
            f.parameters().forEach(p -> ps.add(parameter(p)));
        }
        if (f.variadicParameter() != null) {
            o.set("variadic_parameter", parameter(f.variadicParameter()));
        }
        return o;
    }

    private static ObjectNode parameter(FunctionParameter p) {
        ObjectNode o = F.objectNode();
        o.put("name", p.name());
        if (!p.description().isEmpty()) {
            o.put("description", p.description());
        }
        flag(o, "is_nullable", p.allowNullValue());
        o.set("type", p.type().toJson());
        return o;
    }

    private static void flag(ObjectNode o, String key, boolean value) {
        if (value) {
            o.put(key, true);
        }
    }
}
