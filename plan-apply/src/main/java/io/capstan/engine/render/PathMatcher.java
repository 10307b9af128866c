package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

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
            if (p.get(0).isTextual() && p.get(0).asText().equals(key)) {
                out.add(p.subList(1, p.size()));
            }
        }
        return new PathMatcher(out, propagate);
    }

    PathMatcher childIndex(int index) {
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
            JsonNode step = p.get(0);
            int ix;
            if (step.isNumber()) {
                ix = step.asInt();
            } else {
                try {
                    ix = (int) Double.parseDouble(step.asText());
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            if (ix == index) {
                out.add(p.subList(1, p.size()));
            }
        }
        return new PathMatcher(out, propagate);
    }
}
