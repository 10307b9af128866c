package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns a {@link Change} into a {@link Diff} using the provider schema (the
 * {@code providers schema -json} block): attributes by their cty type, nested attributes and
 * nested blocks by their nesting mode, with sensitive and unknown values intercepted first.
 */
final class Differ {
    interface SensitiveFactory {
        Diff create(Diff inner, boolean beforeSensitive, boolean afterSensitive, PlanAction action);
    }

    private Differ() {
    }

    static Diff checkSensitive(Change change, Function<Change, Diff> inner, SensitiveFactory factory) {
        boolean bs = change.beforeSensitiveFlag();
        boolean as = change.afterSensitiveFlag();
        if (!bs && !as) {
            return null;
        }
        Diff in = inner.apply(change.withoutSensitivity());
        PlanAction action = in.action();
        boolean nullNoOp = change.before() == null && !change.beforeExplicit() && change.after() == null
                && !change.afterExplicit();
        if (action == PlanAction.NO_OP && bs != as && !nullNoOp) {
            action = PlanAction.UPDATE;
        }
        return factory.create(in, bs, as, action);
    }

    private static Diff checkUnknown(Change change, Function<Change, Diff> compute) {
        if (!change.isUnknown()) {
            return null;
        }
        Change c = change.withExplicit(change.beforeExplicit(), true);
        boolean replace = change.replacePaths().matches();
        if (c.before() == null) {
            return new Diff(new CollectionRenderers.UnknownRenderer(null), PlanAction.CREATE, replace);
        }
        return new Diff(new CollectionRenderers.UnknownRenderer(compute.apply(c.asDeleteBeforeUnknown())), PlanAction.UPDATE, replace);
    }

    private static Diff sensitive(Change change, Function<Change, Diff> inner) {
        return checkSensitive(change, inner, (in, b, a, action) ->
                new Diff(new CollectionRenderers.SensitiveRenderer(in, b, a), action, change.replacePaths().matches()));
    }

    // ---- types ----

    static Diff forType(Change change, JsonNode type) {
        Diff s = sensitive(change, c -> forType(c, type));
        if (s != null) {
            return s;
        }
        Diff u = checkUnknown(change, c -> forType(c, type));
        if (u != null) {
            return u;
        }
        if (type == null || type.isTextual() && type.asText().equals("dynamic")) {
            return forOutput(change);
        }
        if (type.isTextual()) {
            return new Diff(new PrimitiveRenderer(change.before(), change.after(), switch (type.asText()) {
                case "number" -> PrimitiveRenderer.NUMBER;
                case "bool" -> PrimitiveRenderer.BOOL;
                default -> PrimitiveRenderer.STRING;
            }), change.calculateAction(), change.replacePaths().matches());
        }
        String kind = type.get(0).asText();
        JsonNode arg = type.get(1);
        return switch (kind) {
            case "object" -> {
                Map<String, JsonNode> attrs = new LinkedHashMap<>();
                arg.fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue()));
                Result r = processObject(change, attrs, Differ::forType);
                yield new Diff(new CollectionRenderers.ObjectRenderer(r.elements, true), r.action, change.replacePaths().matches());
            }
            case "map" -> {
                PlanAction current = JsonDiffer.initial(change.beforeIsMap(), change.afterIsMap());
                Map<String, Diff> elements = new HashMap<>();
                for (String key : change.allKeys()) {
                    Change child = change.childKey(key);
                    if (!child.relevant().matchesPartial()) {
                        child = child.asNoOp();
                    }
                    Diff d = forType(child, arg);
                    elements.put(key, d);
                    current = PlanAction.compare(current, d.action());
                }
                yield new Diff(new CollectionRenderers.MapRenderer(elements, false, false), current,
                        change.replacePaths().matches());
            }
            case "list" -> {
                PlanAction current = JsonDiffer.initial(change.beforeIsSlice(), change.afterIsSlice());
                List<JsonNode> before = change.beforeIsSlice() ? change.beforeList() : List.of();
                List<JsonNode> after = change.afterIsSlice() ? change.afterList() : List.of();
                List<Diff> elements = new ArrayList<>();
                PlanAction[] cur = {current};
                boolean objType = arg.isArray() && arg.get(0).asText().equals("object");
                Slices.process(before, after, (bi, ai) -> {
                    Change child = change.childIndex(bi, ai);
                    if (change.relevant().matchesPartial()) {
                        child = child.withRelevant(PathMatcher.ALWAYS);
                    }
                    Diff d = forType(child, arg);
                    elements.add(d);
                    cur[0] = PlanAction.compare(cur[0], d.action());
                }, v -> objType);
                yield new Diff(new CollectionRenderers.ListRenderer(elements, true), cur[0], change.replacePaths().matches());
            }
            case "tuple" -> {
                PlanAction current = change.defaultActionForIteration();
                List<Diff> elements = new ArrayList<>();
                for (int i = 0; i < arg.size(); i++) {
                    Change child = change.childIndex(i, i);
                    if (!child.relevant().matchesPartial()) {
                        child = child.asNoOp();
                    }
                    Diff d = forType(child, arg.get(i));
                    elements.add(d);
                    current = PlanAction.compare(current, d.action());
                }
                yield new Diff(new CollectionRenderers.ListRenderer(elements, true), current, change.replacePaths().matches());
            }
            case "set" -> {
                PlanAction[] current = {change.defaultActionForIteration()};
                List<Diff> elements = new ArrayList<>();
                processSet(change, c -> {
                    Diff d = forType(c, arg);
                    elements.add(d);
                    current[0] = PlanAction.compare(current[0], d.action());
                });
                yield new Diff(new CollectionRenderers.SetRenderer(elements, false), current[0], change.replacePaths().matches());
            }
            default -> forOutput(change);
        };
    }

    /** Outputs and dynamic values: shape from the JSON itself. */
    static Diff forOutput(Change change) {
        Diff s = sensitive(change, Differ::forOutput);
        if (s != null) {
            return s;
        }
        Diff u = checkUnknown(change, Differ::forOutput);
        if (u != null) {
            return u;
        }
        return JsonDiffer.transform(change);
    }

    record Result(Map<String, Diff> elements, PlanAction action) {
    }

    interface ChildDiff<T> {
        Diff compute(Change change, T schema);
    }

    static <T> Result processObject(Change change, Map<String, T> attributes, ChildDiff<T> compute) {
        Map<String, Diff> out = new HashMap<>();
        PlanAction current = change.defaultActionForIteration();
        for (Map.Entry<String, T> e : attributes.entrySet()) {
            Change child = change.childKey(e.getKey());
            if (!child.relevant().matchesPartial()) {
                child = child.asNoOp();
            }
            child = child.withExplicit(false, false);
            Diff d = compute.compute(child, e.getValue());
            if (d.action() == PlanAction.NO_OP && child.before() == null && child.after() == null) {
                continue;
            }
            out.put(e.getKey(), d);
            current = PlanAction.compare(current, d.action());
        }
        return new Result(out, current);
    }

    static void processSet(Change change, java.util.function.Consumer<Change> process) {
        int bl = change.beforeLen();
        int al = change.afterLen();
        Map<Integer, Integer> foundInBefore = new HashMap<>();
        Map<Integer, Integer> foundInAfter = new HashMap<>();
        for (int ix = 0; ix < bl; ix++) {
            boolean matched = false;
            for (int jx = 0; jx < al; jx++) {
                if (foundInAfter.containsKey(jx)) {
                    continue;
                }
                Change child = change.childIndex(ix, jx);
                if (Objects.equals(child.before(), child.after())
                        && child.beforeSensitiveFlag() == child.afterSensitiveFlag() && !child.isUnknown()) {
                    matched = true;
                    foundInBefore.put(ix, jx);
                    foundInAfter.put(jx, ix);
                }
            }
            if (!matched) {
                foundInBefore.put(ix, -1);
            }
        }
        for (int ix = 0; ix < bl; ix++) {
            int jx = foundInBefore.get(ix);
            Change child = jx >= 0 ? change.childIndex(ix, jx) : change.childIndex(ix, al);
            process.accept(child.withRelevant(PathMatcher.ALWAYS));
        }
        for (int jx = 0; jx < al; jx++) {
            if (foundInAfter.containsKey(jx)) {
                continue;
            }
            process.accept(change.childIndex(bl, jx).withRelevant(PathMatcher.ALWAYS));
        }
    }
}
