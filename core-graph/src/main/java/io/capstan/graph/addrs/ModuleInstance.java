package io.capstan.graph.addrs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The path of an expanded module instance from the root, e.g. {@code module.net[2].module.sub};
 * empty for the root module.
 */
public record ModuleInstance(List<Step> steps) {
    public static final ModuleInstance ROOT = new ModuleInstance(List.of());

    /** One {@code module.name[key]} step. */
    public record Step(String name, InstanceKey key) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "module." + name + key;
        }
    }

    public ModuleInstance {
        steps = List.copyOf(steps);
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    public ModuleInstance child(String name, InstanceKey key) {
        List<Step> s = new ArrayList<>(steps);
        s.add(new Step(name, key));
        return new ModuleInstance(s);
    }

    /** The static module path, without instance keys. */
    public ModulePath module() {
        List<String> names = new ArrayList<>(steps.size());
        for (Step s : steps) {
            names.add(s.name());
        }
        return new ModulePath(names);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(s);
        }
        return sb.toString();
    }
}
