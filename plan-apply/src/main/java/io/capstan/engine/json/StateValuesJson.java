package io.capstan.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.state.StateOrder;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.TypeExpr;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Terraform's "values representation" of a state ({@code terraform show -json} of a state,
 * format_version 1.0): root outputs with type and sensitivity, then the root module's resource
 * instances and nested {@code child_modules}, each instance with its attribute values (dynamic
 * attributes unwrapped with the help of the schema) and {@code sensitive_values}, the
 * same-shaped tree of booleans Terraform derives from the state's sensitive attribute paths.
 */
public final class StateValuesJson {
    static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);
    public static final String FORMAT_VERSION = "1.0";

    private StateValuesJson() {
    }

    /** The whole {@code show -json} document of a state; {@code {"format_version":"1.0"}} when there is none. */
    public static ObjectNode document(StateFile state, ResourceSchemas schemas) {
        ObjectNode doc = F.objectNode();
        doc.put("format_version", FORMAT_VERSION);
        if (state == null) {
            return doc;
        }
        doc.put("terraform_version", state.terraformVersion());
        doc.set("values", values(state, schemas));
        return doc;
    }

    /** The {@code values} object: {@code outputs} (omitted when none) and {@code root_module}. */
    public static ObjectNode values(StateFile state, ResourceSchemas schemas) {
        ObjectNode values = F.objectNode();
        if (!state.outputs().isEmpty()) {
            ObjectNode outs = values.putObject("outputs");
            state.outputs().forEach((name, o) -> {
                ObjectNode on = outs.putObject(name);
                on.put("sensitive", o.sensitive());
                on.set("value", o.value());
                on.set("type", o.type());
            });
        }
        ModuleNode root = new ModuleNode("");
        for (ResourceState r : StateOrder.sorted(state.resources())) {
            ModuleNode m = root;
            List<String> path = ModulePaths.split(r.module());
            for (int i = 0; i < path.size(); i++) {
                m = m.child(String.join(".", path.subList(0, i + 1)));
            }
            for (InstanceState i : r.instances()) {
                m.resources.add(instance(r, i, schemas));
            }
        }
        values.set("root_module", root.toJson());
        return values;
    }

    /** One resource instance object, as in {@code values.root_module.resources[]}. */
    public static ObjectNode instance(ResourceState r, InstanceState i, ResourceSchemas schemas) {
        ObjectNode n = F.objectNode();
        n.put("address", r.address() + i.keySuffix());
        n.put("mode", r.mode());
        n.put("type", r.type());
        n.put("name", r.name());
        if (i.indexKey() != null && !i.indexKey().isNull()) {
            n.set("index", i.indexKey());
        }
        String provider = providerSource(r.provider());
        n.put("provider_name", provider);
        n.put("schema_version", i.schemaVersion());
        JsonNode values = unwrapDynamic(i.attributes(), schemas.block(provider, r.mode(), r.type()));
        n.set("values", values);
        n.set("sensitive_values", sensitiveValues(values, i.sensitiveAttributes()));
        if (!i.dependencies().isEmpty()) {
            ArrayNode deps = n.putArray("depends_on");
            i.dependencies().forEach(deps::add);
        }
        if (i.tainted()) {
            n.put("tainted", true);
        }
        if (i.deposed() != null) {
            n.put("deposed_key", i.deposed());
        }
        return n;
    }

    /** {@code registry.terraform.io/hashicorp/aws} from {@code module.x.provider["registry.terraform.io/hashicorp/aws"].alias}. */
    public static String providerSource(String providerConfig) {
        int open = providerConfig.indexOf("[\"");
        int close = providerConfig.indexOf("\"]", open + 2);
        return open < 0 || close < 0 ? providerConfig : providerConfig.substring(open + 2, close);
    }

    /**
     * The attributes with every dynamic-typed attribute's {@code {"value","type"}} wrapper removed;
     * without a schema, a top-level attribute holding exactly those two keys counts as dynamic.
     */
    public static JsonNode unwrapDynamic(JsonNode attributes, Optional<Block> schema) {
        if (!attributes.isObject()) {
            return attributes;
        }
        ObjectNode out = attributes.deepCopy();
        if (schema.isPresent()) {
            unwrapBlock(out, schema.get());
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isObject() && v.size() == 2 && v.has("value") && v.has("type")) {
                out.set(e.getKey(), v.get("value"));
            }
        }
        return out;
    }

    private static void unwrapBlock(ObjectNode obj, Block block) {
        for (Attribute a : block.attributes().values()) {
            JsonNode v = obj.get(a.name());
            if (a.type() instanceof TypeExpr.Primitive p && p.name().equals("dynamic") && v != null && v.isObject()
                    && v.has("value")) {
                obj.set(a.name(), v.get("value"));
            }
        }
        for (NestedBlock nb : block.blockTypes().values()) {
            JsonNode v = obj.get(nb.typeName());
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isObject() && (nb.nesting() == io.capstan.provider.schema.NestingMode.SINGLE
                    || nb.nesting() == io.capstan.provider.schema.NestingMode.GROUP)) {
                unwrapBlock((ObjectNode) v, nb.block());
            } else if (v.isArray()) {
                v.forEach(e -> {
                    if (e.isObject()) {
                        unwrapBlock((ObjectNode) e, nb.block());
                    }
                });
            } else if (v.isObject()) {
                v.forEach(e -> {
                    if (e.isObject()) {
                        unwrapBlock((ObjectNode) e, nb.block());
                    }
                });
            }
        }
    }

    /**
     * Terraform's {@code sensitive_values}: {@code true} where a value is sensitive; arrays keep one
     * entry per element ({@code false} when not sensitive); objects keep only non-{@code false} entries.
     *
     * @param sensitivePaths the state's {@code sensitive_attributes}: a list of paths of
     *     {@code {"type":"get_attr","value":NAME}} / {@code {"type":"index","value":{"value":K,"type":T}}} steps
     */
    public static JsonNode sensitiveValues(JsonNode values, JsonNode sensitivePaths) {
        List<List<String>> paths = new ArrayList<>();
        if (sensitivePaths != null) {
            for (JsonNode p : sensitivePaths) {
                List<String> steps = new ArrayList<>();
                for (JsonNode step : p) {
                    JsonNode v = step.path("value");
                    steps.add(v.isObject() ? v.path("value").asText() : v.asText());
                }
                paths.add(steps);
            }
        }
        JsonNode r = asBool(values, new ArrayList<>(), paths);
        return r.isBoolean() && !r.asBoolean() ? F.objectNode() : r;
    }

    private static JsonNode asBool(JsonNode v, List<String> at, List<List<String>> paths) {
        if (paths.contains(at)) {
            return BooleanNode.TRUE;
        }
        if (v == null || v.isNull() || v.isValueNode()) {
            return BooleanNode.FALSE;
        }
        if (v.isArray()) {
            ArrayNode a = F.arrayNode();
            for (int i = 0; i < v.size(); i++) {
                at.add(Integer.toString(i));
                a.add(asBool(v.get(i), at, paths));
                at.remove(at.size() - 1);
            }
            return a;
        }
        ObjectNode o = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            at.add(e.getKey());
            JsonNode s = asBool(e.getValue(), at, paths);
            at.remove(at.size() - 1);
            if (!(s.isBoolean() && !s.asBoolean())) {
                o.set(e.getKey(), s);
            }
        }
        return o;
    }

    /** A module's resources and child modules while the tree is built. */
    private static final class ModuleNode {
        // resources arrive in state order (StateOrder), which is the order Terraform prints
        final String address;
        final List<ObjectNode> resources = new ArrayList<>();
        final Map<String, ModuleNode> children = new TreeMap<>();

        ModuleNode(String address) {
            this.address = address;
        }

        ModuleNode child(String addr) {
            return children.computeIfAbsent(addr, ModuleNode::new);
        }

        ObjectNode toJson() {
            ObjectNode n = F.objectNode();
            if (!resources.isEmpty()) {
                ArrayNode a = n.putArray("resources");
                resources.forEach(a::add);
            }
            if (!address.isEmpty()) {
                n.put("address", address);
            }
            if (!children.isEmpty()) {
                ArrayNode a = n.putArray("child_modules");
                children.values().forEach(c -> a.add(c.toJson()));
            }
            return n;
        }
    }
}
