package io.capstan.engine.plan;

import io.capstan.engine.state.InstanceState;
import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.config.Moved;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code moved} blocks to the prior state before planning: an instance, a whole
 * resource or a whole module instance recorded under the old address is renamed to the new
 * one, unless something already lives there (then the move is a no-op, as in Terraform). A
 * move between resource types (or providers) has the target's provider convert the object
 * ({@link CrossTypeMoves}); when it cannot, the plan fails with its errors.
 */
final class Moves {
    private Moves() {
    }

    /**
     * Moves the objects in {@code state}; returns each moved instance's new address mapped to the
     * address it had in the prior state (the plan's {@code previous_address}).
     */
    static Map<String, String> apply(ModuleTree tree, LiveState state, Providers providers, Diagnostics diags) {
        Map<String, String> previous = new LinkedHashMap<>();
        try (CrossTypeMoves crossing = new CrossTypeMoves(tree, providers)) {
            for (ModuleTree t : tree.all()) {
                String prefix = t.path().isRoot() ? "" : String.join(".", t.path().names().stream()
                        .map(n -> "module." + n).toList()) + ".";
                for (Moved m : t.module().moved()) {
                    String from = prefix + m.from().toString();
                    String to = prefix + m.to().toString();
                    for (LiveState.Entry e : new ArrayList<>(state.entries().values())) {
                        String target = null;
                        if (e.address().equals(from)) {
                            target = to;
                        } else if (e.resourceAddress().equals(from)) {
                            target = to + e.instance().keySuffix();
                        } else if (from.startsWith("module.") && e.address().startsWith(from + ".")) {
                            target = to + e.address().substring(from.length());
                        }
                        if (target == null || state.get(target) != null) {
                            continue;
                        }
                        Result<AbsResourceInstance> parsed = Addresses.parseAbsResourceInstance(target);
                        if (parsed.hasErrors() || parsed.value() == null) {
                            continue;
                        }
                        AbsResourceInstance a = parsed.value();
                        LiveState.Entry moved;
                        if (crossing.crosses(e, a)) {
                            moved = crossing.move(m, e, a, diags);
                            if (moved == null) {
                                continue;
                            }
                        } else {
                            InstanceState i = e.instance().withIndexKey(StateValues.keyJson(a.resource().key()));
                            moved = new LiveState.Entry(Addrs.stateModule(a.module()), e.mode(),
                                    a.resource().resource().type(), a.resource().resource().name(), e.provider(), i);
                        }
                        state.remove(e.address());
                        state.put(moved);
                        previous.put(moved.address(), previous.getOrDefault(e.address(), e.address()));
                        previous.remove(e.address());
                    }
                }
            }
        }
        for (var it = previous.entrySet().iterator(); it.hasNext(); ) {
            var en = it.next();
            if (en.getKey().equals(en.getValue())) {
                it.remove();
            }
        }
        return previous;
    }

    static List<String> removedForget(ModuleTree tree) {
        List<String> out = new ArrayList<>();
        for (ModuleTree t : tree.all()) {
            String prefix = t.path().isRoot() ? "" : String.join(".", t.path().names().stream()
                    .map(n -> "module." + n).toList()) + ".";
            for (var r : t.module().removed()) {
                if (!r.destroy()) {
                    out.add(prefix + r.from().toString());
                }
            }
        }
        return out;
    }
}
