package io.capstan.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which Terraform writes resources and instances, so that a state written by
 * Capstan diffs cleanly against one written by Terraform: resources by module, then mode
 * (data before managed, as Terraform compares its mode runes 'D' &lt; 'M'), type and name;
 * instances by key (no key, then numbers, then strings), current before deposed.
 */
public final class StateOrder {
    private StateOrder() {
    }

    static final Comparator<ResourceState> RESOURCES = Comparator
            .comparing((ResourceState r) -> r.module() == null ? "" : r.module())
            .thenComparing(r -> "data".equals(r.mode()) ? 0 : 1)
            .thenComparing(ResourceState::type)
            .thenComparing(ResourceState::name);

    static final Comparator<InstanceState> INSTANCES = Comparator
            .comparing((InstanceState i) -> i.indexKey(), StateOrder::compareKeys)
            .thenComparing(i -> i.deposed() == null ? "" : i.deposed());

    public static List<ResourceState> sorted(List<ResourceState> resources) {
        List<ResourceState> out = new ArrayList<>(resources.size());
        for (ResourceState r : resources) {
            if (r.instances().isEmpty()) {
                continue; // Terraform drops resources that have no instances left
            }
            List<InstanceState> inst = new ArrayList<>(r.instances());
            inst.sort(INSTANCES);
            out.add(r.withInstances(inst));
        }
        out.sort(RESOURCES);
        return out;
    }

    static int compareKeys(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 1 -> a.decimalValue().compareTo(b.decimalValue());
            case 2 -> a.asText().compareTo(b.asText());
            default -> 0;
        };
    }

    private static int rank(JsonNode k) {
        if (k == null || k.isNull()) {
            return 0;
        }
        return k.isNumber() ? 1 : 2;
    }
}
