package io.capstan.engine.plan;

import io.capstan.engine.state.InstanceState;
import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.config.Moved;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code moved} blocks to the prior state before planning: an instance, a whole
 * resource or a whole module instance recorded under the old address is renamed to the new
 * one, unless something already lives there (then the move is a no-op, as in Terraform).
 */
final class Moves {
    private Moves() {
    }

    static void apply(ModuleTree tree, LiveState state) {
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
                    InstanceState i = e.instance().withIndexKey(StateValues.keyJson(a.resource().key()));
                    state.remove(e.address());
                    state.put(new LiveState.Entry(Addrs.stateModule(a.module()), e.mode(), a.resource().resource().type(),
                            a.resource().resource().name(), e.provider(), i));
                }
            }
        }
    }

    static List<String> removedForget(ModuleTree tree) {
        List<String> out = new ArrayList<>();
        for (ModuleTree t : tree.all()) {
            String prefix = t.path().isRoot() ? "" : String.join(".", t.path().names().stream()
                    .map(n -> "module." + n).toList()) + ".";
            t.module().removed().forEach(r -> {
                if (!r.destroy()) {
                    out.add(prefix + r.from().toString());
                }
            });
        }
        return out;
    }
}
