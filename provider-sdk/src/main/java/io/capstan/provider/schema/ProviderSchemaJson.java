package io.capstan.provider.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
            // loops rather than forEach lambdas: each lambda call site costs every CLI run its bootstrap (#6)
            for (Map.Entry<String, ProviderSchema> e : new TreeMap<>(byAddress).entrySet()) {
                schemas.set(e.getKey(), provider(e.getValue()));
            }
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

    /**
     * Streams the whole document to {@code g} without building a tree: the aws provider's
     * schema is about 14 MB of JSON, and a tree of it costs several times that in heap.
     * Output is identical to {@link #toJsonString}.
     */
    public static void write(JsonGenerator g, Map<String, ProviderSchema> byAddress) throws IOException {
        write(g, byAddress, java.util.Set.of());
    }

    /**
     * As {@link #write(JsonGenerator, Map)}, but the providers named in {@code noProviderBlock}
     * have no configuration block at all, so their {@code provider} entry is just the version
     * (Terraform's built-in {@code terraform} provider is printed that way).
     */
    public static void write(JsonGenerator g, Map<String, ProviderSchema> byAddress,
                             java.util.Set<String> noProviderBlock) throws IOException {
        g.writeStartObject();
        g.writeStringField("format_version", FORMAT_VERSION);
        if (!byAddress.isEmpty()) {
            g.writeObjectFieldStart("provider_schemas");
            for (Map.Entry<String, ProviderSchema> e : new TreeMap<>(byAddress).entrySet()) {
                g.writeFieldName(e.getKey());
                writeProvider(g, e.getValue(), noProviderBlock.contains(e.getKey()));
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeProvider(JsonGenerator g, ProviderSchema p, boolean noProviderBlock) throws IOException {
        g.writeStartObject();
        g.writeFieldName("provider");
        if (noProviderBlock) {
            g.writeStartObject();
            g.writeNumberField("version", p.provider().version());
            g.writeEndObject();
        } else {
            writeSchema(g, p.provider());
        }
        writeSchemas(g, "resource_schemas", p.resourceSchemas());
        writeSchemas(g, "data_source_schemas", p.dataSourceSchemas());
        writeSchemas(g, "ephemeral_resource_schemas", p.ephemeralResourceSchemas());
        if (!p.functions().isEmpty()) {
            g.writeObjectFieldStart("functions");
            for (Map.Entry<String, FunctionSignature> e : new TreeMap<>(p.functions()).entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeTree(function(e.getValue()));
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeSchemas(JsonGenerator g, String key, Map<String, Schema> schemas) throws IOException {
        if (schemas.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(key);
        for (Map.Entry<String, Schema> e : new TreeMap<>(schemas).entrySet()) {
            g.writeFieldName(e.getKey());
            writeSchema(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeSchema(JsonGenerator g, Schema s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", s.version());
        g.writeFieldName("block");
        writeBlock(g, s.block());
        g.writeEndObject();
    }

    private static void writeBlock(JsonGenerator g, Block b) throws IOException {
        g.writeStartObject();
        if (!b.attributes().isEmpty()) {
            g.writeFieldName("attributes");
            writeAttributes(g, b.attributes());
        }
        if (!b.blockTypes().isEmpty()) {
            g.writeObjectFieldStart("block_types");
            for (Map.Entry<String, NestedBlock> e : new TreeMap<>(b.blockTypes()).entrySet()) {
                NestedBlock nb = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("nesting_mode", nb.nesting().jsonName());
                g.writeFieldName("block");
                writeBlock(g, nb.block());
                if (nb.minItems() != 0) {
                    g.writeNumberField("min_items", nb.minItems());
                }
                if (nb.maxItems() != 0) {
                    g.writeNumberField("max_items", nb.maxItems());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        if (!b.description().isEmpty()) {
            g.writeStringField("description", b.description());
        }
        g.writeStringField("description_kind", b.descriptionKind().jsonName());
        if (b.deprecated()) {
            g.writeBooleanField("deprecated", true);
        }
        g.writeEndObject();
    }

    private static void writeAttributes(JsonGenerator g, Map<String, Attribute> attrs) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Attribute> e : new TreeMap<>(attrs).entrySet()) {
            Attribute a = e.getValue();
            g.writeObjectFieldStart(e.getKey());
            if (a.type() != null) {
                g.writeFieldName("type");
                writeType(g, a.type());
            }
            if (a.nestedType() != null) {
                g.writeObjectFieldStart("nested_type");
                g.writeFieldName("attributes");
                writeAttributes(g, a.nestedType().attributes());
                g.writeStringField("nesting_mode", a.nestedType().nesting().jsonName());
                g.writeEndObject();
            }
            if (!a.description().isEmpty()) {
                g.writeStringField("description", a.description());
            }
            g.writeStringField("description_kind", a.descriptionKind().jsonName());
            writeFlag(g, "deprecated", a.deprecated());
            writeFlag(g, "required", a.required());
            writeFlag(g, "optional", a.optional());
            writeFlag(g, "computed", a.computed());
            writeFlag(g, "sensitive", a.sensitive());
            writeFlag(g, "write_only", a.writeOnly());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeType(JsonGenerator g, TypeExpr t) throws IOException {
        if (t instanceof TypeExpr.Primitive p) {
            g.writeString(p.name());
            return;
        }
        g.writeStartArray();
        if (t instanceof TypeExpr.Collection c) {
            g.writeString(c.kind());
            writeType(g, c.element());
        } else if (t instanceof TypeExpr.ObjectType o) {
            g.writeString("object");
            g.writeStartObject();
            for (Map.Entry<String, TypeExpr> e : new TreeMap<>(o.attributes()).entrySet()) {
                g.writeFieldName(e.getKey());
                writeType(g, e.getValue());
            }
            g.writeEndObject();
            if (!o.optional().isEmpty()) {
                g.writeStartArray();
                for (String name : new java.util.TreeSet<>(o.optional())) {
                    g.writeString(name);
                }
                g.writeEndArray();
            }
        } else if (t instanceof TypeExpr.Tuple tu) {
            g.writeString("tuple");
            g.writeStartArray();
            for (TypeExpr e : tu.elements()) {
                writeType(g, e);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void writeFlag(JsonGenerator g, String key, boolean value) throws IOException {
        if (value) {
            g.writeBooleanField(key, true);
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
            for (Map.Entry<String, Schema> e : new TreeMap<>(schemas).entrySet()) {
                m.set(e.getKey(), schema(e.getValue()));
            }
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
        for (Map.Entry<String, Attribute> e : new TreeMap<>(attrs).entrySet()) {
            m.set(e.getKey(), attribute(e.getValue()));
        }
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
