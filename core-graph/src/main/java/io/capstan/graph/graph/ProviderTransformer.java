package io.capstan.graph.graph;

import io.capstan.graph.addrs.AbsProviderConfig;
import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Provider;
import io.capstan.graph.config.ModuleCall;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.ProviderConfig;
import io.capstan.graph.config.ProviderRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds provider configuration nodes and connects each resource to the configuration it uses:
 * declared in its module, passed by the parent's {@code providers} map, inherited (default
 * configurations only) from an ancestor, or implied in the root when nobody configured it.
 */
public final class ProviderTransformer implements GraphTransformer {
    @Override
    public void transform(GraphBuild b) {
        Map<ModulePath, ModuleTree> modules = new HashMap<>();
        // a loop rather than a lambda: each lambda call site costs every CLI run its bootstrap (#6)
        for (ModuleTree t : b.config().all()) {
            modules.put(t.path(), t);
            for (ProviderConfig pc : t.module().providerConfigs().values()) {
                Provider p = t.module().providerFor(pc.name());
                ProviderNode n = new ProviderNode(new AbsProviderConfig(t.path(), p, pc.alias()), pc);
                b.add(n);
                b.register(t.path(), "provider." + pc.key(), n);
            }
        }
        for (GraphNode n : new ArrayList<>(b.nodes())) {
            if (n instanceof ProviderConsumer c) {
                GraphNode p = resolve(b, modules, n.module(), c.providerRef());
                b.connect(n, p);
            }
        }
    }

    private static GraphNode resolve(GraphBuild b, Map<ModulePath, ModuleTree> modules, ModulePath module, ProviderRef ref) {
        String key = ref.alias() == null ? ref.localName() : ref.localName() + "." + ref.alias();
        GraphNode n = b.lookup(module, "provider." + key);
        if (n != null) {
            return n;
        }
        if (!module.isRoot()) {
            ModuleTree parent = modules.get(module.parent());
            ModuleCall call = parent.module().moduleCalls().get(module.names().get(module.names().size() - 1));
            for (ModuleCall.PassedProvider pp : call.providers()) {
                if (pp.inChild().toString().equals(key)) {
                    return resolve(b, modules, module.parent(), pp.inParent());
                }
            }
            if (ref.alias() == null && call.providers().isEmpty()) {
                return resolve(b, modules, module.parent(), ref);
            }
        }
        // Not configured anywhere: an empty (implied) configuration in the root.
        Provider p = modules.get(module).module().providerFor(ref.localName());
        String implied = "provider[" + p + "]" + (ref.alias() == null ? "" : "." + ref.alias());
        GraphNode existing = b.lookup(ModulePath.ROOT, implied);
        if (existing != null) {
            return existing;
        }
        ProviderNode pn = new ProviderNode(new AbsProviderConfig(ModulePath.ROOT, p, ref.alias()), null);
        b.add(pn);
        b.register(ModulePath.ROOT, implied, pn);
        return pn;
    }
}
