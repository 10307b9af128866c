package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Diffs a resource's value against its schema block ({@code providers schema -json} format):
 * attributes (including nested attributes with their nesting modes) and nested block types.
 */
final class BlockDiffer {
    private BlockDiffer() {
    }

    static Diff block(Change change, JsonNode block) {
        boolean bs = change.beforeSensitiveFlag();
        boolean as = change.afterSensitiveFlag();
        if (bs || as) {
            Diff inner = block(change.withoutSensitivity(), block);
            PlanAction action = inner.action();
            if (action == PlanAction.NO_OP && bs != as) {
                action = PlanAction.UPDATE;
            }
            return new Diff(new CollectionRenderers.SensitiveBlockRenderer(inner, bs, as), action,
                    change.replacePaths().matches());
        }
        if (change.isUnknown()) {
            Change c = change.withExplicit(change.beforeExplicit(), true);
            if (c.before() == null) {
                return new Diff(new CollectionRenderers.UnknownRenderer(null), PlanAction.CREATE,
                        change.replacePaths().matches());
            }
            return new Diff(new CollectionRenderers.UnknownRenderer(block(c.asDeleteBeforeUnknown(), block)), PlanAction.UPDATE,
                    change.replacePaths().matches());
        }
        PlanAction current = change.defaultActionForIteration();
        Map<String, Diff> attributes = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(block.path("attributes")).entrySet()) {
            Change child = change.childKey(e.getKey());
            if (!child.relevant().matchesPartial()) {
                child = child.asNoOp();
            }
            child = child.withExplicit(false, false);
            Diff d = attribute(child, e.getValue());
            if (d.action() == PlanAction.NO_OP && child.before() == null && child.after() == null) {
                continue;
            }
            attributes.put(e.getKey(), d);
            current = PlanAction.compare(current, d.action());
        }
        Map<String, BlockRenderer.NestedBlocks> blocks = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(block.path("block_types")).entrySet()) {
            String key = e.getKey();
            JsonNode bt = e.getValue();
            Change child = change.childKey(key);
            if (!child.relevant().matchesPartial()) {
                child = child.asNoOp();
            }
            boolean cbs = child.beforeSensitiveFlag();
            boolean cas = child.afterSensitiveFlag();
            boolean replace = child.replacePaths().matches();
            JsonNode inner = bt.path("block");
            List<Diff> diffs = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            PlanAction action;
            BlockRenderer.Nesting nesting;
            String mode = bt.path("nesting_mode").asText();
            if (child.isUnknown() && !mode.equals("single") && !mode.equals("group")) {
                // A whole collection of blocks not yet known: one "(known after apply)" line.
                Change c = child.withExplicit(child.beforeExplicit(), true);
                Diff d = c.before() == null
                        ? new Diff(new CollectionRenderers.UnknownRenderer(null), PlanAction.CREATE, replace)
                        : new Diff(new CollectionRenderers.UnknownRenderer(Differ.forOutput(c.asDeleteBeforeUnknown())), PlanAction.UPDATE, replace);
                blocks.put(key, new BlockRenderer.NestedBlocks(BlockRenderer.Nesting.SINGLE, List.of(d), labels, replace, cbs, cas));
                current = PlanAction.compare(current, d.action());
                continue;
            }
            switch (mode) {
                case "set" -> {
                    nesting = BlockRenderer.Nesting.SET;
                    PlanAction[] cur = {child.defaultActionForIteration()};
                    Differ.processSet(child, c -> {
                        Diff d = block(c, inner);
                        diffs.add(d);
                        cur[0] = PlanAction.compare(cur[0], d.action());
                    });
                    action = cur[0];
                }
                case "list" -> {
                    nesting = BlockRenderer.Nesting.LIST;
                    action = child.defaultActionForIteration();
                    for (int ix = 0; ix < child.beforeLen() || ix < child.afterLen(); ix++) {
                        Change c = child.childIndex(ix, ix);
                        if (!c.relevant().matchesPartial()) {
                            c = c.asNoOp();
                        }
                        Diff d = block(c, inner);
                        diffs.add(d);
                        action = PlanAction.compare(action, d.action());
                    }
                }
                case "map" -> {
                    nesting = BlockRenderer.Nesting.MAP;
                    action = child.defaultActionForIteration();
                    for (String k : new TreeMap<>(keyMap(child.allKeys())).keySet()) {
                        Change c = child.childKey(k);
                        if (!c.relevant().matchesPartial()) {
                            c = c.asNoOp();
                        }
                        Diff d = block(c, inner);
                        labels.add(k);
                        diffs.add(d);
                        action = PlanAction.compare(action, d.action());
                    }
                }
                default -> {
                    nesting = BlockRenderer.Nesting.SINGLE;
                    Diff d = block(child, inner);
                    diffs.add(d);
                    action = d.action();
                }
            }
            if (action == PlanAction.NO_OP && child.before() == null && child.after() == null) {
                continue;
            }
            blocks.put(key, new BlockRenderer.NestedBlocks(nesting, diffs, labels, replace, cbs, cas));
            current = PlanAction.compare(current, action);
        }
        return new Diff(new BlockRenderer(attributes, blocks), current, change.replacePaths().matches());
    }

    private static Map<String, String> keyMap(List<String> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, k));
        return m;
    }

    static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    static Diff attribute(Change change, JsonNode attribute) {
        JsonNode nested = attribute.get("nested_type");
        if (nested != null && nested.isObject()) {
            return nestedAttribute(change, nested);
        }
        return Differ.forType(change, attribute.get("type"));
    }

    static Diff nestedAttribute(Change change, JsonNode nested) {
        boolean bs = change.beforeSensitiveFlag();
        boolean as = change.afterSensitiveFlag();
        if (bs || as) {
            Diff inner = nestedAttribute(change.withoutSensitivity(), nested);
            PlanAction action = inner.action();
            boolean nullNoOp = change.before() == null && !change.beforeExplicit() && change.after() == null
                    && !change.afterExplicit();
            if (action == PlanAction.NO_OP && bs != as && !nullNoOp) {
                action = PlanAction.UPDATE;
            }
            return new Diff(new CollectionRenderers.SensitiveRenderer(inner, bs, as), action, change.replacePaths().matches());
        }
        if (change.isUnknown()) {
            Change c = change.withExplicit(change.beforeExplicit(), true);
            if (c.before() == null) {
                return new Diff(new CollectionRenderers.UnknownRenderer(null), PlanAction.CREATE,
                        change.replacePaths().matches());
            }
            return new Diff(new CollectionRenderers.UnknownRenderer(nestedAttribute(c.asDeleteBeforeUnknown(), nested)),
                    PlanAction.UPDATE, change.replacePaths().matches());
        }
        Map<String, JsonNode> attrs = fields(nested.path("attributes"));
        boolean replace = change.replacePaths().matches();
        switch (nested.path("nesting_mode").asText()) {
            case "map" -> {
                PlanAction current = JsonDiffer.initial(change.beforeIsMap(), change.afterIsMap());
                Map<String, Diff> elements = new HashMap<>();
                for (String key : change.allKeys()) {
                    Change child = change.childKey(key);
                    if (!child.afterExplicit() && !child.beforeExplicit()) {
                        continue;
                    }
                    if (!child.relevant().matchesPartial()) {
                        child = child.asNoOp();
                    }
                    Diff d = nestedObject(child, attrs);
                    elements.put(key, d);
                    current = PlanAction.compare(current, d.action());
                }
                return new Diff(new CollectionRenderers.MapRenderer(elements, true, true), current, replace);
            }
            case "list" -> {
                PlanAction current = change.defaultActionForIteration();
                List<Diff> elements = new ArrayList<>();
                for (int ix = 0; ix < change.beforeLen() || ix < change.afterLen(); ix++) {
                    Change c = change.childIndex(ix, ix);
                    if (!c.relevant().matchesPartial()) {
                        c = c.asNoOp();
                    }
                    Diff d = nestedObject(c, attrs);
                    elements.add(d);
                    current = PlanAction.compare(current, d.action());
                }
                return new Diff(new CollectionRenderers.ListRenderer(elements, false), current, replace);
            }
            case "set" -> {
                PlanAction[] current = {change.defaultActionForIteration()};
                List<Diff> elements = new ArrayList<>();
                Differ.processSet(change, c -> {
                    Diff d = nestedObject(c, attrs);
                    elements.add(d);
                    current[0] = PlanAction.compare(current[0], d.action());
                });
                return new Diff(new CollectionRenderers.SetRenderer(elements, true), current[0], replace);
            }
            default -> {
                return objectDiff(change, attrs);
            }
        }
    }

    /** One element of a nested-attribute collection: itself a single nested object. */
    private static Diff nestedObject(Change change, Map<String, JsonNode> attrs) {
        boolean bs = change.beforeSensitiveFlag();
        boolean as = change.afterSensitiveFlag();
        if (bs || as || change.isUnknown()) {
            com.fasterxml.jackson.databind.node.ObjectNode n = SchemaFragments.single(attrs);
            return nestedAttribute(change, n);
        }
        return objectDiff(change, attrs);
    }

    private static Diff objectDiff(Change change, Map<String, JsonNode> attrs) {
        Differ.Result r = Differ.processObject(change, attrs, BlockDiffer::attribute);
        return new Diff(new CollectionRenderers.ObjectRenderer(r.elements(), false), r.action(),
                change.replacePaths().matches());
    }
}
