package io.capstan.engine.plan;

import java.util.List;

/**
 * {@code -target} addresses: an instance is in scope when no target was given, or when its
 * address equals a target or lies inside it (a resource target covers its instances, a
 * module target everything in the module).
 */
public final class Targets {
    private final List<String> targets;

    public Targets(List<String> targets) {
        this.targets = List.copyOf(targets);
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    /** True when {@code resourceAddress} or one of its instances is targeted. */
    public boolean touches(String resourceAddress) {
        return covers(resourceAddress) || targets.stream().anyMatch(t -> t.startsWith(resourceAddress + "["));
    }

    public boolean covers(String address) {
        if (targets.isEmpty()) {
            return true;
        }
        for (String t : targets) {
            if (address.equals(t) || address.startsWith(t + "[") || address.startsWith(t + ".")) {
                return true;
            }
        }
        return false;
    }
}
