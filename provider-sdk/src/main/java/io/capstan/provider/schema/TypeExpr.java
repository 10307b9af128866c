package io.capstan.provider.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A type as the plugin protocol writes it: cty's JSON type notation ({@code "string"},
 * {@code ["list","string"]}, {@code ["object",{"a":"number"}]}, {@code ["tuple",[...]]},
 * {@code "dynamic"}). This is deliberately a small tree of its own; it is mapped onto the
 * value model's types by the value codec, so schema decoding does not depend on it.
 */
public sealed interface TypeExpr {

    /** {@code string}, {@code number}, {@code bool} or {@code dynamic} (the pseudo-type "any"). */
    record Primitive(String name) implements TypeExpr {
        public Primitive {
            if (!Set.of("string", "number", "bool", "dynamic").contains(name)) {
                throw new IllegalArgumentException("unknown primitive type \"" + name + "\"");
            }
        }
    }

    /** {@code list}, {@code set} or {@code map} of one element type. */
    record Collection(String kind, TypeExpr element) implements TypeExpr {
        public Collection {
            if (!Set.of("list", "set", "map").contains(kind)) {
                throw new IllegalArgumentException("unknown collection kind \"" + kind + "\"");
            }
            Objects.requireNonNull(element, "element");
        }
    }

    /**
     * An object type; attributes keep the provider's order. {@code optional} lists optional
     * attributes (only in type constraints such as function parameters; empty in schemas).
     */
    record ObjectType(Map<String, TypeExpr> attributes, Set<String> optional) implements TypeExpr {
        public ObjectType {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            optional = Collections.unmodifiableSet(new LinkedHashSet<>(optional));
        }
    }

    /** A tuple type: a fixed sequence of element types. */
    record Tuple(List<TypeExpr> elements) implements TypeExpr {
        public Tuple {
            elements = List.copyOf(elements);
        }
    }

    TypeExpr STRING = new Primitive("string");
    TypeExpr NUMBER = new Primitive("number");
    TypeExpr BOOL = new Primitive("bool");
    TypeExpr DYNAMIC = new Primitive("dynamic");

    /** Parses the protocol's type bytes (UTF-8 JSON). */
    static TypeExpr parse(byte[] json) {
        try {
            return fromJson(JsonTrees.read(json, false));
        } catch (IOException e) {
            throw new IllegalArgumentException("type is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses an already-read JSON type notation tree. */
    static TypeExpr fromJson(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("missing type");
        }
        if (node.isTextual()) {
            return new Primitive(node.textValue());
        }
        if (!node.isArray() || node.size() < 2 || !node.get(0).isTextual()) {
            throw new IllegalArgumentException("invalid type notation: " + node);
        }
        String kind = node.get(0).textValue();
        switch (kind) {
            case "list", "set", "map" -> {
                return new Collection(kind, fromJson(node.get(1)));
            }
            case "object" -> {
                JsonNode attrs = node.get(1);
                if (!attrs.isObject()) {
                    throw new IllegalArgumentException("object type needs an attribute map: " + node);
                }
                Map<String, TypeExpr> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), fromJson(e.getValue()));
                }
                Set<String> optional = new LinkedHashSet<>();
                if (node.size() > 2) {
                    for (JsonNode n : node.get(2)) {
                        optional.add(n.asText());
                    }
                }
                return new ObjectType(map, optional);
            }
            case "tuple" -> {
                List<TypeExpr> elems = new ArrayList<>();
                for (JsonNode n : node.get(1)) {
                    elems.add(fromJson(n));
                }
                return new Tuple(elems);
            }
            default -> throw new IllegalArgumentException("unknown type kind \"" + kind + "\"");
        }
    }

    /** The JSON type notation of this type; object attributes are written in name order, as cty does. */
    default JsonNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (this instanceof Primitive p) {
            return f.textNode(p.name());
        }
        ArrayNode arr = f.arrayNode();
        if (this instanceof Collection c) {
            arr.add(c.kind()).add(c.element().toJson());
        } else if (this instanceof ObjectType o) {
            ObjectNode attrs = arr.add("object").addObject();
            new TreeMap<>(o.attributes()).forEach((k, v) -> attrs.set(k, v.toJson()));
            if (!o.optional().isEmpty()) {
                ArrayNode opt = arr.addArray();
                o.optional().stream().sorted().forEach(opt::add);
            }
        } else if (this instanceof Tuple t) {
            ArrayNode elems = arr.add("tuple").addArray();
            t.elements().forEach(e -> elems.add(e.toJson()));
        }
        return arr;
    }

    /** Terraform's short human form, e.g. {@code list of string}, {@code object}. */
    default String friendlyName() {
        if (this instanceof Primitive p) {
            return p.name();
        } else if (this instanceof Collection c) {
            return c.kind() + " of " + c.element().friendlyName();
        }
        return this instanceof ObjectType ? "object" : "tuple";
    }
}
