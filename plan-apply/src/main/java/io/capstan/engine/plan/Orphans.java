package io.capstan.engine.plan;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Provider;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects in state that configuration no longer has: each becomes a {@code delete} (or a
 * {@code forget} under a {@code removed} block with {@code destroy = false}) with Terraform's
 * reason: the module instance, the resource block, or the count index / each key is gone.
 */
final class Orphans {
    private Orphans() {
    }

    /** A planned deletion: the change and the provider to carry it out. */
    record Deletion(ResourceChange change, Providers.Started provider) {
    }

    static List<Deletion> find(ModuleTree tree, LiveState state, Set<String> claimed, Set<String> moduleInstances,
                               List<String> forget, Providers providers, Targets targets, boolean destroyAll,
                               Diagnostics diags) {
        List<Deletion> out = new ArrayList<>();
        Map<String, ModuleInstance> modules = new java.util.HashMap<>();
        // one type per schema, not per object (a destroy of count 10,000 derived it 10,000 times)
        Map<Schema, ObjectType> types = new java.util.IdentityHashMap<>();
        for (LiveState.Entry e : state.entries().values()) {
            String address = e.address(); // built from the entry's fields on each call
            if (!destroyAll && claimed.contains(address)) {
                continue;
            }
            if (!targets.covers(address)) {
                continue;
            }
            AbsResourceInstance a = address(e, modules);
            if (a == null) {
                continue;
            }
            if ("data".equals(e.mode())) {
                if (!destroyAll) {
                    state.remove(address); // data sources are re-read, never destroyed
                }
                continue;
            }
            Provider p = providerOf(e.provider());
            Providers.Started prov = p == null ? null : providers.get(e.provider(), p, diags);
            if (prov == null) {
                continue;
            }
            Schema schema = prov.schema().resourceSchemas().get(e.type());
            if (schema == null) {
                continue;
            }
            ObjectType type = types.computeIfAbsent(schema, SchemaTypes::impliedType);
            Value before = StateValues.marked(e.instance(), type, schema.block());
            String reason = destroyAll ? null : reason(tree, a, moduleInstances);
            boolean forgotten = forget.stream().anyMatch(f -> address.equals(f) || e.resourceAddress().equals(f)
                    || address.startsWith(f + "."));
            Action action = forgotten ? Action.FORGET : Action.DELETE;
            out.add(new Deletion(new ResourceChange(a.module(), a.resource().resource(), a.resource().key(), action,
                    before, Value.nullOf(type), type, reason, List.of(), e.provider(), e.instance().dependencies(),
                    e.instance().createBeforeDestroy(), null), prov));
        }
        return out;
    }

    /** The entry's address, built from its fields: only module paths are parsed, once each. */
    static AbsResourceInstance address(LiveState.Entry e, Map<String, ModuleInstance> modules) {
        ModuleInstance m = ModuleInstance.ROOT;
        if (e.module() != null && !e.module().isEmpty()) {
            m = modules.computeIfAbsent(e.module(), k -> {
                Result<ModuleInstance> r = Addresses.parseModuleInstance(k);
                return r.hasErrors() ? null : r.value();
            });
            if (m == null) {
                return null;
            }
        }
        Resource r = "data".equals(e.mode()) ? Resource.data(e.type(), e.name()) : Resource.managed(e.type(), e.name());
        return new AbsResourceInstance(m, r.instance(StateValues.key(e.instance().indexKey())));
    }

    static Provider providerOf(String stateProvider) {
        int q1 = stateProvider.indexOf('"');
        int q2 = stateProvider.lastIndexOf('"');
        if (q1 < 0 || q2 <= q1) {
            return null;
        }
        return Provider.parseSource(stateProvider.substring(q1 + 1, q2));
    }

    private static String reason(ModuleTree tree, AbsResourceInstance a, Set<String> moduleInstances) {
        if (!a.module().isRoot() && !moduleInstances.contains(a.module().toString())) {
            return "delete_because_no_module";
        }
        ModuleTree t = tree;
        for (ModuleInstance.Step s : a.module().steps()) {
            t = t == null ? null : t.children().get(s.name());
        }
        if (t == null) {
            return "delete_because_no_module";
        }
        Resource r = a.resource().resource();
        var rc = t.module().resources().get(r);
        if (rc == null) {
            return "delete_because_no_resource_config";
        }
        InstanceKey k = a.resource().key();
        if (k instanceof InstanceKey.Int) {
            return rc.count() != null ? "delete_because_count_index" : "delete_because_wrong_repetition";
        }
        if (k instanceof InstanceKey.Str) {
            return rc.forEach() != null ? "delete_because_each_key" : "delete_because_wrong_repetition";
        }
        return "delete_because_wrong_repetition";
    }

}
