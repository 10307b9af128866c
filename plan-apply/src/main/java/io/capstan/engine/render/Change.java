package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One value's change as the differ walks it (Terraform's {@code structured.Change}): before and
 * after values (JSON null and absent are both {@code null} here; the explicit flags say whether
 * the key was present), the {@code after_unknown} and sensitivity markers at the same depth,
 * and the path matchers for replacement and relevance.
 */
record Change(JsonNode before, JsonNode after, JsonNode unknown, JsonNode beforeSensitive,
              JsonNode afterSensitive, boolean beforeExplicit, boolean afterExplicit,
              PathMatcher replacePaths, PathMatcher relevant) {

    static JsonNode norm(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /** The top-level change of a JSON plan {@code change} object. */
    static Change fromJson(JsonNode change, PathMatcher relevant) {
        return new Change(norm(change.get("before")), norm(change.get("after")), norm(change.get("after_unknown")),
                norm(change.get("before_sensitive")), norm(change.get("after_sensitive")), false, false,
                PathMatcher.parse(change.get("replace_paths"), false), relevant);
    }

    boolean beforeSensitiveFlag() {
        return beforeSensitive != null && beforeSensitive.isBoolean() && beforeSensitive.asBoolean();
    }

    boolean afterSensitiveFlag() {
        return afterSensitive != null && afterSensitive.isBoolean() && afterSensitive.asBoolean();
    }

    boolean isUnknown() {
        return unknown != null && unknown.isBoolean() && unknown.asBoolean();
    }

    Change withExplicit(boolean b, boolean a) {
        return new Change(before, after, unknown, beforeSensitive, afterSensitive, b, a, replacePaths, relevant);
    }

    Change withValues(JsonNode b, JsonNode a) {
        return new Change(b, a, unknown, beforeSensitive, afterSensitive, beforeExplicit, afterExplicit, replacePaths, relevant);
    }

    Change withRelevant(PathMatcher r) {
        return new Change(before, after, unknown, beforeSensitive, afterSensitive, beforeExplicit, afterExplicit, replacePaths, r);
    }

    Change withoutSensitivity() {
        return new Change(before, after, unknown, null, null, beforeExplicit, afterExplicit, replacePaths, relevant);
    }

    Change asDelete() {
        return new Change(before, null, null, beforeSensitive, null, beforeExplicit, false, replacePaths, relevant);
    }

    /**
     * The before side of a value that becomes unknown, as terraform renders it ({@code "x" -> (known
     * after apply) # forces replacement}): a delete that forces nothing itself, the unknown's diff says it.
     */
    Change asDeleteBeforeUnknown() {
        return new Change(before, null, null, beforeSensitive, null, beforeExplicit, false, PathMatcher.empty(false),
                relevant);
    }

    Change asCreate() {
        return new Change(null, after, unknown, null, afterSensitive, false, afterExplicit, replacePaths, relevant);
    }

    Change asNoOp() {
        return new Change(before, before, null, beforeSensitive, beforeSensitive, beforeExplicit, beforeExplicit,
                replacePaths, relevant);
    }

    PlanAction calculateAction() {
        if (before == null && !beforeExplicit && (after != null || afterExplicit)) {
            return PlanAction.CREATE;
        }
        if (after == null && !afterExplicit && (before != null || beforeExplicit)) {
            return PlanAction.DELETE;
        }
        if (Objects.equals(before, after) && afterExplicit == beforeExplicit
                && afterSensitiveFlag() == beforeSensitiveFlag()) {
            return PlanAction.NO_OP;
        }
        return PlanAction.UPDATE;
    }

    /** The starting action of a collection before its children are folded in. */
    PlanAction defaultActionForIteration() {
        if (before == null && after == null) {
            return PlanAction.NO_OP;
        }
        if (before == null) {
            return PlanAction.CREATE;
        }
        if (after == null) {
            return PlanAction.DELETE;
        }
        return PlanAction.NO_OP;
    }

    // ---- maps ----

    private static JsonNode obj(JsonNode n) {
        return n != null && n.isObject() ? n : null;
    }

    private static JsonNode arr(JsonNode n) {
        return n != null && n.isArray() ? n : null;
    }

    boolean beforeIsMap() {
        return obj(before) != null;
    }

    boolean afterIsMap() {
        return obj(after) != null;
    }

    Change childKey(String key) {
        JsonNode b = obj(before);
        JsonNode a = obj(after);
        JsonNode u = obj(unknown);
        JsonNode bs = obj(beforeSensitive);
        JsonNode as = obj(afterSensitive);
        return new Change(b == null ? null : norm(b.get(key)), a == null ? null : norm(a.get(key)),
                u == null ? null : norm(u.get(key)), bs == null ? null : norm(bs.get(key)),
                as == null ? null : norm(as.get(key)), b != null && b.has(key), a != null && a.has(key),
                replacePaths.childKey(key), relevant.childKey(key));
    }

    /** Keys of before, after and unknown, in Go's map-iteration-independent form (sorted later). */
    List<String> allKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode n : new JsonNode[] {obj(before), obj(after), obj(unknown)}) {
            if (n != null) {
                n.fieldNames().forEachRemaining(keys::add);
            }
        }
        return new ArrayList<>(keys);
    }

    // ---- slices ----

    int beforeLen() {
        JsonNode b = arr(before);
        return b == null ? 0 : b.size();
    }

    int afterLen() {
        JsonNode a = arr(after);
        return a == null ? 0 : a.size();
    }

    boolean beforeIsSlice() {
        return arr(before) != null;
    }

    boolean afterIsSlice() {
        return arr(after) != null;
    }

    List<JsonNode> beforeList() {
        return list(before);
    }

    List<JsonNode> afterList() {
        return list(after);
    }

    private static List<JsonNode> list(JsonNode n) {
        JsonNode a = arr(n);
        if (a == null) {
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(x -> out.add(norm(x)));
        return out;
    }

    private static JsonNode at(JsonNode n, int ix) {
        JsonNode a = arr(n);
        return a == null || ix < 0 || ix >= a.size() ? null : norm(a.get(ix));
    }

    private static boolean has(JsonNode n, int ix) {
        JsonNode a = arr(n);
        return a != null && ix >= 0 && ix < a.size();
    }

    Change childIndex(int beforeIx, int afterIx) {
        int relevantIx = beforeIx < 0 || beforeIx >= beforeLen() ? afterIx : beforeIx;
        return new Change(at(before, beforeIx), at(after, afterIx), at(unknown, afterIx),
                at(beforeSensitive, beforeIx), at(afterSensitive, afterIx), has(before, beforeIx), has(after, afterIx),
                replacePaths.childIndex(relevantIx), relevant.childIndex(relevantIx));
    }
}
