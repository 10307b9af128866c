package io.capstan.engine.plan;

import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.value.Value;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values known so far in one module instance during a walk: input variables, locals,
 * resource and module-call expansions and outputs. Graph edges order writes before reads;
 * the maps are concurrent because independent nodes of the same module run in parallel.
 *
 * @param repetition {@code count}/{@code each} of the module call that made this instance,
 *                   for evaluating its arguments in the caller's scope
 */
public record ModuleInst(ModuleInstance addr, ModuleTree tree, ModuleInst parent, Repetition repetition,
                         Map<String, Value> vars, Map<String, Value> locals, Map<Resource, Expansion> resources,
                         Map<String, Value> outputs, Map<String, Expansion> calls, Map<String, Map<Object, ModuleInst>> children) {
    public ModuleInst {
        Objects.requireNonNull(addr, "addr");
        Objects.requireNonNull(tree, "tree");
    }

    public static ModuleInst of(ModuleInstance addr, ModuleTree tree, ModuleInst parent, Repetition rep) {
        return new ModuleInst(addr, tree, parent, rep, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return addr.isRoot() ? "root" : addr.toString();
    }
}
