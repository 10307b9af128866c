package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Matches attribute paths of a JSON plan ({@code replace_paths}, {@code relevant_attributes})
 * while the differ walks down a value: {@link #matches()} when some path ends at the current
 * value, {@link #matchesPartial()} when some path continues below it. {@link #ALWAYS} matches
 * everything, for changes where every attribute is relevant.
 */
final class PathMatcher {
    static final PathMatcher ALWAYS = new PathMatcher(null, false);

    private final List<List<JsonNode>> paths; // null = always
    private final boolean propagate;

    private PathMatcher(List<List<JsonNode>> paths, boolean propagate) {
        this.paths = paths;
        this.propagate = propagate;
    }

    static PathMatcher empty(boolean propagate) {
        return new PathMatcher(new ArrayList<>(), propagate);
    }

    /** Parses a JSON array of paths (each an array of keys and indexes). */
    static PathMatcher parse(JsonNode json, boolean propagate) {
        List<List<JsonNode>> out = new ArrayList<>();
        if (json != null && json.isArray()) {
            for (JsonNode path : json) {
                List<JsonNode> steps = new ArrayList<>();
                path.forEach(steps::add);
                out.add(steps);
            }
        }
        return new PathMatcher(out, propagate);
    }

    PathMatcher append(JsonNode path) {
        List<List<JsonNode>> out = new ArrayList<>(paths);
        List<JsonNode> steps = new ArrayList<>();
        path.forEach(steps::add);
        out.add(steps);
        return new PathMatcher(out, propagate);
    }

    boolean isEmpty() {
        return paths != null && paths.isEmpty();
    }

    boolean matches() {
        if (paths == null) {
            return true;
        }
        for (List<JsonNode> p : paths) {
            if (p.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    boolean matchesPartial() {
        return paths == null || !paths.isEmpty();
    }

    PathMatcher childKey(String key) {
        return child(step -> step.isTextual() && step.asText().equals(key));
    }

    PathMatcher childIndex(int index) {
        return child(step -> java.util.Objects.equals(index(step), index));
    }

    /** An index step as a number; terraform also writes them as strings. Null when not a number. */
    private static Integer index(JsonNode step) {
        if (step.isNumber()) {
            return step.asInt();
        }
        try {
            return (int) Double.parseDouble(step.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The paths below the current value through the first step {@code step} accepts. */
    private PathMatcher child(Predicate<JsonNode> step) {
        if (paths == null) {
            return this;
        }
        List<List<JsonNode>> out = new ArrayList<>();
        for (List<JsonNode> p : paths) {
            if (p.isEmpty()) {
                if (propagate) {
                    out.add(p);
                }
                continue;
            }
            if (step.test(p.get(0))) {
                out.add(p.subList(1, p.size()));
            }
        }
        return new PathMatcher(out, propagate);
    }
}
