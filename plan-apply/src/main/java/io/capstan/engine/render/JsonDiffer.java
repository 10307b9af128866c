package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Diffs values without a schema type (dynamic attributes, outputs, JSON inside strings) from
 * their JSON shape alone: objects as objects, arrays as lists, and a change of JSON kind as a
 * type change. Nothing below this level forces replacement (Terraform does the same).
 */
final class JsonDiffer {
    enum Kind { NULL, BOOL, NUMBER, STRING, OBJECT, ARRAY }

    private JsonDiffer() {
    }

    static Kind kind(JsonNode v) {
        if (v == null) {
            return Kind.NULL;
        }
        if (v.isBoolean()) {
            return Kind.BOOL;
        }
        if (v.isNumber()) {
            return Kind.NUMBER;
        }
        if (v.isTextual()) {
            return Kind.STRING;
        }
        if (v.isObject()) {
            return Kind.OBJECT;
        }
        return Kind.ARRAY;
    }

    static Diff transform(Change change) {
        Diff sensitive = Differ.checkSensitive(change, JsonDiffer::transform,
                (inner, b, a, action) -> new Diff(new CollectionRenderers.SensitiveRenderer(inner, b, a), action, false));
        if (sensitive != null) {
            return sensitive;
        }
        if (change.isUnknown()) {
            Change c = change.withExplicit(change.beforeExplicit(), true);
            if (c.before() == null) {
                return new Diff(new CollectionRenderers.UnknownRenderer(null), PlanAction.CREATE, false);
            }
            return new Diff(new CollectionRenderers.UnknownRenderer(transform(c.asDeleteBeforeUnknown())), PlanAction.UPDATE, false);
        }
        Kind b = kind(change.before());
        Kind a = kind(change.after());
        boolean deleted = a == Kind.NULL && !change.afterExplicit();
        boolean created = b == Kind.NULL && !change.beforeExplicit();
        if (b == a || created || deleted) {
            return update(change, b == Kind.NULL ? a : b);
        }
        Diff before = update(change.asDelete(), b);
        Diff after = update(change.asCreate(), a);
        return new Diff(new TypeChangeRenderer(before, after), PlanAction.UPDATE, false);
    }

    private static Diff update(Change change, Kind kind) {
        return switch (kind) {
            case NULL -> primitive(change, PrimitiveRenderer.NULL);
            case BOOL -> primitive(change, PrimitiveRenderer.BOOL);
            case NUMBER -> primitive(change, PrimitiveRenderer.NUMBER);
            case STRING -> primitive(change, PrimitiveRenderer.STRING);
            case OBJECT -> object(change);
            case ARRAY -> array(change);
        };
    }

    private static Diff primitive(Change change, String type) {
        boolean beforeMissing = change.before() == null && !change.beforeExplicit();
        boolean afterMissing = change.after() == null && !change.afterExplicit();
        PlanAction action;
        if (beforeMissing && !afterMissing) {
            action = PlanAction.CREATE;
        } else if (!beforeMissing && afterMissing) {
            action = PlanAction.DELETE;
        } else if (Objects.equals(change.before(), change.after())) {
            action = PlanAction.NO_OP;
        } else {
            action = PlanAction.UPDATE;
        }
        return new Diff(new PrimitiveRenderer(change.before(), change.after(), type), action, false);
    }

    private static Diff object(Change change) {
        PlanAction current = initial(change.beforeIsMap(), change.afterIsMap());
        Map<String, Diff> elements = new HashMap<>();
        for (String key : change.allKeys()) {
            Change child = change.childKey(key);
            if (!child.relevant().matchesPartial()) {
                child = child.asNoOp();
            }
            Diff d = transform(child);
            elements.put(key, d);
            current = PlanAction.compare(current, d.action());
        }
        return new Diff(new CollectionRenderers.ObjectRenderer(elements, true), current, false);
    }

    private static Diff array(Change change) {
        PlanAction current = initial(change.beforeIsSlice(), change.afterIsSlice());
        List<JsonNode> before = change.beforeIsSlice() ? change.beforeList() : List.of();
        List<JsonNode> after = change.afterIsSlice() ? change.afterList() : List.of();
        List<Diff> elements = new ArrayList<>();
        PlanAction[] cur = {current};
        Slices.process(before, after, (bi, ai) -> {
            Diff d = transform(change.childIndex(bi, ai).withRelevant(PathMatcher.ALWAYS));
            elements.add(d);
            cur[0] = PlanAction.compare(cur[0], d.action());
        }, v -> kind(v) == Kind.OBJECT || before.size() == after.size());
        return new Diff(new CollectionRenderers.ListRenderer(elements, true), cur[0], false);
    }

    static PlanAction initial(boolean hasBefore, boolean hasAfter) {
        if (hasBefore && !hasAfter) {
            return PlanAction.DELETE;
        }
        if (!hasBefore && hasAfter) {
            return PlanAction.CREATE;
        }
        return PlanAction.NO_OP;
    }
}
