package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.state.StateFile;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import io.capstan.state.IsoInstant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Plan} in Terraform's JSON plan format ({@code show -json PLANFILE}): format 1.2 with
 * {@code variables}, {@code planned_values}, {@code resource_changes} (actions, before/after with
 * unknowns left out, {@code after_unknown}, sensitivity, {@code replace_paths},
 * {@code action_reason}), {@code output_changes} and the applyable/complete/errored flags.
 * {@code prior_state} is left to the state "values" writer.
 */
public final class PlanJson {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private PlanJson() {
    }

    public static ObjectNode of(Plan plan) {
        return of(plan, true);
    }

    /**
     * The plan as {@link #of} without {@code planned_values}: all that the human plan and the
     * {@code -json} UI messages read ({@code resource_drift}, {@code resource_changes},
     * {@code output_changes} and the flags), for a run that writes no plan file. Left out, the
     * planned values (a second copy of every instance's values) are never held while the plan renders.
     */
    public static ObjectNode forRendering(Plan plan) {
        return of(plan, false);
    }

    /**
     * The plan as {@link #forRendering} without {@code resource_changes}, which {@link #changeSource} gives
     * one at a time: for rendering the human plan without holding every change as JSON at once.
     */
    public static ObjectNode forRenderingWithoutChanges(Plan plan) {
        return of(plan, false, false);
    }

    /**
     * {@link #forRenderingWithoutChanges(Plan)} with the plan's {@code relevant_attributes} when it has drift to
     * show and {@code config} (null: none) refers to some, as the whole JSON plan has them once
     * {@link io.capstan.engine.json.RelevantAttributes} are added: found from each change's header
     * ({@link #changeSource}), so a plan with drift also renders one change at a time.
     */
    public static ObjectNode forRenderingWithoutChanges(Plan plan, io.capstan.graph.config.ModuleTree config) {
        ObjectNode root = forRenderingWithoutChanges(plan);
        if (config == null || plan.drift().isEmpty()) {
            return root;
        }
        ArrayNode relevant = io.capstan.engine.json.RelevantAttributes.of(config, root, changeSource(plan));
        if (!relevant.isEmpty()) {
            root.set("relevant_attributes", relevant);
        }
        return root;
    }

    /**
     * The plan's {@code resource_changes} entries, each made when asked for (as {@link #forRendering}
     * makes them) and not kept: the renderer holds only the one it shows.
     */
    public static io.capstan.engine.render.ChangeSource changeSource(Plan plan) {
        List<ResourceChange> changes = plan.changes();
        return new io.capstan.engine.render.ChangeSource() {
            @Override
            public int size() {
                return changes.size();
            }

            @Override
            public JsonNode header(int i) {
                ResourceChange c = changes.get(i);
                return resourceChange(c, plan.previousAddress(c), false);
            }

            @Override
            public JsonNode change(int i) {
                ResourceChange c = changes.get(i);
                return resourceChange(c, plan.previousAddress(c), true);
            }
        };
    }

    private static ObjectNode of(Plan plan, boolean plannedValues) {
        return of(plan, plannedValues, true);
    }

    private static ObjectNode of(Plan plan, boolean plannedValues, boolean resourceChanges) {
        ObjectNode root = F.objectNode();
        root.put("format_version", "1.2");
        root.put("terraform_version", StateFile.TERRAFORM_VERSION);
        // as terraform's encoder (omitempty): no empty variables, resource_changes or output_changes
        if (!plan.variables().isEmpty()) {
            ObjectNode vars = root.putObject("variables");
            plan.variables().forEach((n, v) -> vars.putObject(n).set("value", known(v)));
        }
        if (plannedValues) {
            root.set("planned_values", plannedValues(plan));
        }
        if (!plan.drift().isEmpty()) {
            ArrayNode drift = root.putArray("resource_drift");
            for (ResourceChange c : plan.drift()) {
                drift.add(resourceChange(c, null, true));
            }
        }
        if (resourceChanges && !plan.changes().isEmpty()) {
            ArrayNode rcs = root.putArray("resource_changes");
            for (ResourceChange c : plan.changes()) {
                rcs.add(resourceChange(c, plan.previousAddress(c), true));
            }
        }
        ObjectNode outs = plan.outputChanges().isEmpty() ? F.objectNode() : root.putObject("output_changes");
        for (OutputChange o : plan.outputChanges()) {
            ObjectNode ch = outs.putObject(o.name());
            ch.set("actions", actions(o.action()));
            ch.set("before", known(o.before()));
            // terraform leaves out an after that is unknown as a whole (after_unknown says so)
            if (o.after() == null || o.after().isKnown()) {
                ch.set("after", known(o.after()));
            }
            ch.set("after_unknown", unknownAsBool(o.after()));
            // terraform keeps one flag per output change: before and after alike, null or not
            ch.put("before_sensitive", o.sensitive());
            ch.put("after_sensitive", o.sensitive());
        }
        if (!plan.checks().isEmpty()) {
            root.set("checks", CheckResult.planJson(plan.checks()));
        }
        root.put("timestamp", IsoInstant.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        root.put("applyable", plan.applyable());
        root.put("complete", !plan.hasErrors());
        root.put("errored", plan.hasErrors());
        return root;
    }

    private static ArrayNode actions(Action a) {
        ArrayNode arr = F.arrayNode();
        a.json().forEach(arr::add);
        return arr;
    }

    /** One {@code resource_changes} entry; without {@code values}, no before/after values, paths or generated config. */
    private static ObjectNode resourceChange(ResourceChange c, String previousAddress, boolean values) {
        ObjectNode n = F.objectNode();
        n.put("address", c.address());
        if (previousAddress != null) {
            n.put("previous_address", previousAddress);
        }
        if (!c.module().isRoot()) {
            n.put("module_address", c.module().toString());
        }
        n.put("mode", c.resource().mode() == io.capstan.graph.addrs.ResourceMode.DATA ? "data" : "managed");
        n.put("type", c.resource().type());
        n.put("name", c.resource().name());
        putIndex(n, c.key());
        n.put("provider_name", providerName(c.providerAddr()));
        if (c.deposed() != null) {
            n.put("deposed", c.deposed());
        }
        ObjectNode ch = n.putObject("change");
        ch.set("actions", actions(c.action()));
        if (!values) {
            if (c.importId() != null) {
                ch.putObject("importing").put("id", c.importId());
            }
            return n;
        }
        ch.set("before", known(c.before()));
        ch.set("after", known(c.after()));
        // terraform's: a null after (a deletion) is wholly known, so nothing of it is unknown: {}
        ch.set("after_unknown", c.after() == null || c.after().isKnown() && c.after().isNull() ? F.objectNode()
                : unknownAsBool(c.after()));
        ch.set("before_sensitive", sensitiveAsBool(c.before()));
        ch.set("after_sensitive", sensitiveAsBool(c.after()));
        // in the order of terraform's jsonplan.Change fields: replace_paths before importing
        if (!c.replacePaths().isEmpty() && c.action().isReplace()) {
            ArrayNode rp = ch.putArray("replace_paths");
            c.replacePaths().forEach(p -> rp.addArray().add(p));
        }
        if (c.importId() != null) {
            ch.putObject("importing").put("id", c.importId());
        }
        if (c.generatedConfig() != null && !c.generatedConfig().isEmpty()) {
            ch.put("generated_config", c.generatedConfig());
        }
        if (c.actionReason() != null) {
            n.put("action_reason", c.actionReason());
        }
        return n;
    }

    private static void putIndex(ObjectNode n, InstanceKey k) {
        if (k instanceof InstanceKey.Int i) {
            n.put("index", i.index());
        } else if (k instanceof InstanceKey.Str s) {
            n.put("index", s.key());
        }
    }

    static String providerName(String stateProvider) {
        String key = stateProvider == null ? "" : stateProvider;
        String known = PROVIDER_NAMES.get(key);
        if (known != null) {
            return known;
        }
        var p = Orphans.providerOf(key);
        String name = p == null ? "" : p.toString();
        if (PROVIDER_NAMES.size() < 1024) {
            PROVIDER_NAMES.put(key, name);
        }
        return name;
    }

    /** providerName answers: a pure function of the address, asked once per instance of a plan. */
    private static final Map<String, String> PROVIDER_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static ObjectNode plannedValues(Plan plan) {
        ObjectNode pv = F.objectNode();
        ObjectNode outs = plan.outputs().isEmpty() ? F.objectNode() : pv.putObject("outputs");
        plan.outputs().forEach((n, v) -> {
            ObjectNode o = outs.putObject(n);
            boolean sens = plan.sensitiveOutputs().getOrDefault(n, false);
            o.put("sensitive", sens);
            if (v.isWhollyKnown()) {
                // a known value carries its type, as terraform's planned outputs do
                o.set("type", io.capstan.hcl.value.TypeJson.toJson(v.unmarkDeep().value().type()));
                o.set("value", known(v));
            }
        });
        Map<String, ArrayNode> byModule = new LinkedHashMap<>();
        for (ResourceChange c : plan.changes()) {
            if (c.action() == Action.DELETE || c.action() == Action.FORGET) {
                continue;
            }
            ObjectNode r = F.objectNode();
            r.put("address", c.address());
            r.put("mode", c.resource().mode() == io.capstan.graph.addrs.ResourceMode.DATA ? "data" : "managed");
            r.put("type", c.resource().type());
            r.put("name", c.resource().name());
            putIndex(r, c.key());
            r.put("provider_name", providerName(c.providerAddr()));
            r.put("schema_version", 0);
            r.set("values", known(c.after()));
            r.set("sensitive_values", sensitiveAsBool(c.after()) instanceof ObjectNode o ? o : F.objectNode());
            byModule.computeIfAbsent(c.module().isRoot() ? "" : c.module().toString(), k -> F.arrayNode()).add(r);
        }
        ObjectNode rootModule = pv.putObject("root_module");
        ArrayNode rootRes = byModule.remove("");
        if (rootRes != null) {
            rootModule.set("resources", rootRes);
        }
        if (!byModule.isEmpty()) {
            ArrayNode kids = rootModule.putArray("child_modules");
            byModule.forEach((m, rs) -> {
                ObjectNode cm = kids.addObject();
                cm.set("resources", rs);
                cm.put("address", m);
            });
        }
        return pv;
    }

    /** The value with unknowns left out of objects and maps (null inside sequences), marks dropped. */
    static JsonNode known(Value v) {
        if (v == null) {
            return F.nullNode();
        }
        return knownNode(v.unmarkDeep().value());
    }

    /**
     * The JSON of {@link #stripUnknown}'s result, built as nodes: what parsing
     * {@code ValueJson.encode} gives (same key order, exact numbers), without the text between.
     */
    private static JsonNode knownNode(Value v) {
        if (!v.isKnown() || v.isNull()) {
            return F.nullNode();
        }
        io.capstan.hcl.value.Type t = v.type();
        if (t == io.capstan.hcl.value.Type.STRING) {
            return F.textNode(v.asString());
        }
        if (t == io.capstan.hcl.value.Type.BOOL) {
            return F.booleanNode(v.asBool());
        }
        if (t == io.capstan.hcl.value.Type.NUMBER) {
            return parse(ValueJson.encode(v)); // the parser's exact number node for Go's digits
        }
        if (v.isMapping()) {
            ObjectNode o = F.objectNode();
            v.entries().forEach((k, e) -> {
                if (e.isKnown()) {
                    o.set(k, knownNode(e));
                }
            });
            return o;
        }
        if (v.isSequence()) {
            ArrayNode a = F.arrayNode();
            v.elements().forEach(e -> a.add(knownNode(e)));
            return a;
        }
        return parse(ValueJson.encode(stripUnknown(v)));
    }

    private static Value stripUnknown(Value v) {
        if (!v.isKnown()) {
            return Value.DYNAMIC_NULL;
        }
        if (v.isNull()) {
            return v;
        }
        if (v.type().isPrimitive()) {
            return v;
        }
        if (v.isMapping()) {
            Map<String, Value> out = new LinkedHashMap<>();
            v.entries().forEach((k, e) -> {
                if (e.isKnown()) {
                    out.put(k, stripUnknown(e));
                }
            });
            return Value.object(out);
        }
        if (v.isSequence()) {
            return Value.tuple(v.elements().stream().map(PlanJson::stripUnknown).toList());
        }
        return v;
    }

    /** Terraform's {@code after_unknown}: true where unknown; objects keep only their unknown parts. */
    static JsonNode unknownAsBool(Value v) {
        if (v == null) {
            return BooleanNode.FALSE;
        }
        if (!v.isKnown()) {
            return BooleanNode.TRUE;
        }
        if (v.isNull() || v.type().isPrimitive()) {
            return BooleanNode.FALSE;
        }
        if (v.isMapping()) {
            ObjectNode o = F.objectNode();
            v.entries().forEach((k, e) -> {
                JsonNode j = unknownAsBool(e);
                if (!j.equals(BooleanNode.FALSE)) {
                    o.set(k, j);
                }
            });
            return o;
        }
        if (v.isSequence()) {
            ArrayNode a = F.arrayNode();
            v.elements().forEach(e -> a.add(unknownAsBool(e)));
            return a;
        }
        return BooleanNode.FALSE;
    }

    /** Terraform's {@code before_sensitive}/{@code after_sensitive}: true where marked sensitive. */
    static JsonNode sensitiveAsBool(Value v) {
        if (v == null || v.isNull() && !v.hasMark(Mark.SENSITIVE)) {
            return BooleanNode.FALSE;
        }
        if (v.hasMark(Mark.SENSITIVE)) {
            return BooleanNode.TRUE;
        }
        if (v.type().isPrimitive() || v.type() == io.capstan.hcl.value.Type.DYNAMIC) {
            return BooleanNode.FALSE;
        }
        if (!v.isKnown()) {
            // as cty's SensitiveAsBool: nothing is known of an unknown collection's contents
            return v.isMapping() ? F.objectNode() : v.isSequence() ? F.arrayNode() : BooleanNode.FALSE;
        }
        if (v.isMapping()) {
            ObjectNode o = F.objectNode();
            v.entries().forEach((k, e) -> {
                JsonNode j = sensitiveAsBool(e);
                if (!j.equals(BooleanNode.FALSE)) {
                    o.set(k, j);
                }
            });
            return o;
        }
        if (v.isSequence()) {
            ArrayNode a = F.arrayNode();
            v.elements().forEach(e -> a.add(sensitiveAsBool(e)));
            return a;
        }
        return BooleanNode.FALSE;
    }

    private static JsonNode parse(String json) {
        return io.capstan.engine.state.StateCodec.parse(json);
    }

}
