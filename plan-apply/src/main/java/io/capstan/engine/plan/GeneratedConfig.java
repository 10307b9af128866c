package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.graph.addrs.Addresses;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.fmt.HclFormatter;
import io.capstan.hcl.parser.Identifiers;
import io.capstan.hcl.value.GoFormat;
import io.capstan.hcl.value.Value;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.NestingMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Terraform's configuration generation for {@code plan -generate-config-out}: the body of a
 * {@code resource} block written from the provider's schema and an imported object (arguments in
 * name order, computed-only, deprecated and the SDK's helper {@code id} left out, sensitive values
 * as {@code null # sensitive}, JSON strings as {@code jsonencode(...)}), laid out as hclwrite
 * lays it out; and the file it goes to, with terraform's header comments, refused when it exists.
 */
public final class GeneratedConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeneratedConfig() {
    }

    /** Terraform's error when the target file exists (checked before planning and again before writing). */
    public static Diagnostic targetExists() {
        return Diagnostic.error("Target generated file already exists", "Terraform can only write generated config "
                + "into a new file. Either choose a different target location or move all existing configuration out "
                + "of the target file, delete it and try again.", null);
    }

    /** Terraform's warning after writing generated configuration. */
    public static Diagnostic experimental() {
        return Diagnostic.warning("Config generation is experimental", "Generating configuration during import is "
                + "currently experimental, and the generated configuration format may change in future versions.",
                null);
    }

    /** Terraform's refusal of the option outside a normal plan. */
    public static Diagnostic notNormalMode() {
        return Diagnostic.error("Invalid generate-config-out flag", "Config can only be generated during a normal "
                + "plan operation, and not during a refresh-only or destroy plan.", null);
    }

    /**
     * Writes the generated blocks of {@code changes} (in their order) to {@code out}, as terraform's
     * local backend does: nothing (not even the file) when none has generated configuration, the
     * file's header then each block under a comment naming its import id. True when something
     * was written.
     */
    public static boolean write(Path out, String shownPath, List<ResourceChange> changes, Diagnostics diags) {
        if (Files.exists(out)) {
            diags.add(targetExists());
            return false;
        }
        StringBuilder sb = null;
        for (ResourceChange c : changes) {
            if (c.generatedConfig() == null || c.generatedConfig().isEmpty()) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder("# __generated__ by Terraform\n"
                        + "# Please review these resources and move them into your main configuration files.\n");
            }
            sb.append("\n# __generated__ by Terraform");
            if (c.importId() != null && !c.importId().isEmpty()) {
                sb.append(" from ").append(GoFormat.quote(c.importId()));
            }
            sb.append('\n').append(c.generatedConfig()).append('\n');
        }
        if (sb == null) {
            return false;
        }
        try {
            Files.write(out, sb.toString().getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            diags.add(Diagnostic.error("Failed to create target generated file", "Terraform did not have permission to "
                    + "create the generated file (" + shownPath + ") in the target directory. Please modify permissions "
                    + "over the target directory, and try again.", null));
            return false;
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "open " + shownPath + ": no such file or directory"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "open " + shownPath + ": file exists"
                    : "open " + shownPath + ": " + e.getMessage();
            if (Files.isDirectory(out)) {
                why = "open " + shownPath + ": is a directory";
            }
            diags.add(Diagnostic.error("Failed to create target generated file", "Terraform could not create the "
                    + "generated file (" + shownPath + ") in the target directory: " + why + ". Depending on the error "
                    + "message, this may be a bug in Terraform itself. If so, please report it!", null));
            return false;
        }
        return true;
    }

    /**
     * The arguments and blocks of a generated {@code resource} block for {@code state}, laid out at
     * the top level (what terraform parses as the resource's configuration): a {@code provider}
     * argument first when the provider is not the type's implied one or has an alias.
     */
    public static String contents(String address, String resourceType, Block schema, String providerType,
                                  String alias, Value state, Diagnostics diags) {
        StringBuilder buf = new StringBuilder();
        String implied = resourceType.contains("_") ? resourceType.substring(0, resourceType.indexOf('_'))
                : resourceType;
        if (!providerType.equals(implied) || alias != null) {
            buf.append("  provider = ").append(providerType).append(alias == null ? "" : "." + alias).append('\n');
        }
        Block filtered = filter(schema, true);
        attributes(address, buf, state, filtered.attributes(), 2, diags);
        blocks(address, buf, state, filtered.blockTypes(), 2, diags);
        return HclFormatter.layout(buf.toString());
    }

    /** {@code contents} in a {@code resource "TYPE" "NAME"} block, laid out. */
    public static String wrap(String resourceType, String name, String contents) {
        return HclFormatter.layout("resource " + GoFormat.quote(resourceType) + " " + GoFormat.quote(name) + " {\n"
                + contents + "}");
    }

    /** The schema without read-only and deprecated attributes, deprecated blocks and (at the top) an optional computed id. */
    private static Block filter(Block b, boolean top) {
        Map<String, Attribute> attrs = new java.util.LinkedHashMap<>();
        b.attributes().forEach((name, a) -> {
            if (a.computed() && !a.optional() || a.deprecated() || top && name.equals("id") && a.computed()
                    && a.optional()) {
                return;
            }
            if (a.nestedType() != null) {
                Map<String, Attribute> nested = new java.util.LinkedHashMap<>();
                a.nestedType().attributes().forEach((n, na) -> {
                    if (!(na.computed() && !na.optional() || na.deprecated())) {
                        nested.put(n, na);
                    }
                });
                a = new Attribute(a.name(), null, new io.capstan.provider.schema.NestedType(nested,
                        a.nestedType().nesting()), a.description(), a.descriptionKind(), a.required(), a.optional(),
                        a.computed(), a.sensitive(), a.deprecated(), a.writeOnly(), a.deprecationMessage());
            }
            attrs.put(name, a);
        });
        Map<String, NestedBlock> blocks = new java.util.LinkedHashMap<>();
        b.blockTypes().forEach((name, nb) -> {
            if (!nb.block().deprecated()) {
                blocks.put(name, new NestedBlock(nb.typeName(), filter(nb.block(), false), nb.nesting(),
                        nb.minItems(), nb.maxItems()));
            }
        });
        return new Block(attrs, blocks, b.description(), b.descriptionKind(), b.deprecated(), b.deprecationMessage());
    }

    private static List<String> sorted(java.util.Set<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(GoFormat::compareStrings);
        return out;
    }

    private static Value attr(Value obj, String name) {
        if (obj == null || obj.isNull() || !obj.isKnown()) {
            return null;
        }
        Value u = obj.unmark();
        return u.entries().containsKey(name) ? u.attr(name) : null;
    }

    private static void attributes(String address, StringBuilder buf, Value state, Map<String, Attribute> attrs,
                                   int indent, Diagnostics diags) {
        for (String name : sorted(attrs.keySet())) {
            Attribute a = attrs.get(name);
            if (a.nestedType() != null) {
                nestedAttribute(address, buf, name, a, state, indent, diags);
                continue;
            }
            if (!a.required() && !a.optional()) {
                continue;
            }
            buf.append(" ".repeat(indent)).append(name).append(" = ");
            Value val = attr(state, name);
            boolean marked = val != null && val.isMarked();
            if (val != null) {
                val = val.unmark();
            }
            if (val != null && val.type() == io.capstan.hcl.value.Type.STRING && !val.isNull() && val.isKnown()
                    && a.optional() && val.asString().isEmpty()) {
                val = null; // terraform's "legacy SDK" rule: an optional "" is taken for null
            }
            if (a.sensitive() || marked) {
                buf.append("null # sensitive");
            } else if (val != null && val.isKnown() && !val.isNull() && val.type() == io.capstan.hcl.value.Type.STRING
                    && jsonComposite(val.asString()) != null) {
                buf.append("jsonencode(");
                json(buf, jsonComposite(val.asString()));
                buf.append(")");
            } else {
                value(buf, val);
            }
            buf.append('\n');
        }
    }

    /** The parsed JSON when {@code s} is a JSON object or array (a lone primitive stays a string), else null. */
    private static JsonNode jsonComposite(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.charAt(0) != '{' && t.charAt(0) != '[') {
            return null;
        }
        try {
            var parser = JSON.getFactory().createParser(s);
            JsonNode n = JSON.readTree(parser);
            if (n == null || parser.nextToken() != null) {
                return null;
            }
            return n.isContainerNode() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void nestedAttribute(String address, StringBuilder buf, String name, Attribute a, Value state,
                                        int indent, Diagnostics diags) {
        String pad = " ".repeat(indent);
        Value v = attr(state, name);
        boolean marked = a.sensitive() || v != null && v.isMarked();
        Map<String, Attribute> attrs = a.nestedType().attributes();
        switch (a.nestedType().nesting()) {
            case SINGLE, GROUP -> {
                if (marked) {
                    buf.append(pad).append(name).append(" = {} # sensitive\n");
                    return;
                }
                if (v == null || v.isNull()) {
                    buf.append(pad).append(name).append(" = null\n");
                    return;
                }
                buf.append(pad).append(name).append(" = {\n");
                attributes(address, buf, v, attrs, indent + 2, diags);
                buf.append("}\n");
            }
            case LIST, SET -> {
                if (marked) {
                    buf.append(pad).append(name).append(" = [] # sensitive\n");
                    return;
                }
                if (v == null || v.isNull() || !v.isKnown()) {
                    buf.append(pad).append(name).append(" = null\n");
                    return;
                }
                buf.append(pad).append(name).append(" = [\n");
                for (Value e : v.unmark().elements()) {
                    buf.append(" ".repeat(indent + 2));
                    if (e.isMarked()) {
                        buf.append("{}, # sensitive\n");
                        continue;
                    }
                    buf.append("{\n");
                    attributes(address, buf, e, attrs, indent + 4, diags);
                    buf.append(" ".repeat(indent + 2)).append("},\n");
                }
                buf.append(pad).append("]\n");
            }
            case MAP -> {
                if (marked) {
                    buf.append(pad).append(name).append(" = {} # sensitive\n");
                    return;
                }
                if (v == null || v.isNull()) {
                    buf.append(pad).append(name).append(" = null\n");
                    return;
                }
                Map<String, Value> entries = v.unmark().entries();
                buf.append(pad).append(name).append(" = {\n");
                for (String key : sorted(entries.keySet())) {
                    buf.append(" ".repeat(indent + 2)).append(Identifiers.valid(key) ? key : GoFormat.quote(key))
                            .append(" = {");
                    if (entries.get(key).isMarked()) {
                        buf.append("} # sensitive\n");
                        continue;
                    }
                    buf.append('\n');
                    attributes(address, buf, entries.get(key), attrs, indent + 4, diags);
                    buf.append(" ".repeat(indent + 2)).append("}\n");
                }
                buf.append(pad).append("}\n");
            }
        }
    }

    private static void blocks(String address, StringBuilder buf, Value state, Map<String, NestedBlock> blocks,
                               int indent, Diagnostics diags) {
        for (String name : sorted(blocks.keySet())) {
            if (state == null || state.isNull() || !state.unmark().entries().containsKey(name)) {
                continue;
            }
            NestedBlock nb = blocks.get(name);
            Value v = state.unmark().attr(name);
            String pad = " ".repeat(indent);
            switch (nb.nesting()) {
                case SINGLE, GROUP -> {
                    if (v.isNull()) {
                        continue;
                    }
                    buf.append(pad).append(name).append(" {");
                    if (v.isMarked()) {
                        buf.append("} # sensitive\n");
                        continue;
                    }
                    buf.append('\n');
                    attributes(address, buf, v, nb.block().attributes(), indent + 2, diags);
                    blocks(address, buf, v, nb.block().blockTypes(), indent + 2, diags);
                    buf.append("}\n");
                }
                case LIST, SET -> {
                    if (v.isMarked()) {
                        buf.append(pad).append(name).append(" {} # sensitive\n");
                        continue;
                    }
                    if (v.isNull() || !v.isKnown()) {
                        continue;
                    }
                    for (Value e : v.elements()) {
                        buf.append(pad).append(name).append(" {\n");
                        attributes(address, buf, e, nb.block().attributes(), indent + 2, diags);
                        blocks(address, buf, e, nb.block().blockTypes(), indent + 2, diags);
                        buf.append("}\n");
                    }
                }
                case MAP -> {
                    if (v.isMarked()) {
                        buf.append(name).append(" {} # sensitive\n");
                        continue;
                    }
                    if (v.isNull() || !v.isKnown()) {
                        continue;
                    }
                    Map<String, Value> entries = v.entries();
                    for (String key : sorted(entries.keySet())) {
                        buf.append(pad).append(name).append(' ').append(GoFormat.quote(key)).append(" {");
                        if (entries.get(key).isMarked()) {
                            buf.append("} # sensitive\n");
                            break; // as terraform's: a marked element ends the block's elements
                        }
                        buf.append('\n');
                        attributes(address, buf, entries.get(key), nb.block().attributes(), indent + 2, diags);
                        blocks(address, buf, entries.get(key), nb.block().blockTypes(), indent + 2, diags);
                        buf.append(pad).append("}\n");
                    }
                }
            }
        }
    }

    /** hclwrite's {@code TokensForValue}: a literal for a known value (null for none). */
    static void value(StringBuilder buf, Value v) {
        if (v == null || v.isNull()) {
            buf.append("null");
            return;
        }
        v = v.unmark();
        io.capstan.hcl.value.Type t = v.type();
        if (t == io.capstan.hcl.value.Type.BOOL) {
            buf.append(v.asBool() ? "true" : "false");
        } else if (t == io.capstan.hcl.value.Type.NUMBER) {
            buf.append(v.asNumber().toString());
        } else if (t == io.capstan.hcl.value.Type.STRING) {
            buf.append(Addresses.quote(v.asString()));
        } else if (v.isSequence() || t instanceof io.capstan.hcl.value.SetType) {
            buf.append('[');
            int i = 0;
            for (Value e : v.elements()) {
                if (i++ > 0) {
                    buf.append(", ");
                }
                value(buf, e);
            }
            buf.append(']');
        } else {
            Map<String, Value> entries = v.entries();
            object(buf, sorted(entries.keySet()), key -> value(buf, entries.get(key)));
        }
    }

    /** An object literal as hclwrite writes one: a line per key in the given order, bare when an identifier. */
    private static void object(StringBuilder buf, List<String> keys, Consumer<String> writeValue) {
        buf.append('{');
        if (!keys.isEmpty()) {
            buf.append('\n');
        }
        for (String key : keys) {
            buf.append(Identifiers.valid(key) ? key : Addresses.quote(key)).append(" = ");
            writeValue.accept(key);
            buf.append('\n');
        }
        buf.append('}');
    }

    /** A JSON document as the HCL literal of the value cty's JSON decoding gives it. */
    private static void json(StringBuilder buf, JsonNode n) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.sort(GoFormat::compareStrings);
            object(buf, keys, k -> json(buf, n.get(k)));
        } else if (n.isArray()) {
            buf.append('[');
            Iterator<JsonNode> it = n.elements();
            int i = 0;
            while (it.hasNext()) {
                if (i++ > 0) {
                    buf.append(", ");
                }
                json(buf, it.next());
            }
            buf.append(']');
        } else if (n.isNull()) {
            buf.append("null");
        } else if (n.isBoolean()) {
            buf.append(n.asBoolean() ? "true" : "false");
        } else if (n.isNumber()) {
            buf.append(io.capstan.hcl.value.BigNumber.parse(n.asText()).toString());
        } else {
            buf.append(Addresses.quote(n.asText()));
        }
    }
}
