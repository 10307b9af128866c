package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.config.ModuleCall;
import io.capstan.hcl.ast.Expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The expansion of a module call ({@code module.x (expand)}), in the calling module. Every
 * node of the called module depends on it, so the call's {@code count}, {@code for_each} and
 * {@code depends_on} order the whole child before its contents.
 */
public record ModuleCallNode(ModulePath module, ModuleCall call) implements ReferenceableNode, ReferencerNode {
    public ModuleCallNode {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(call, "call");
    }

    /** Nodes are identities, not values: hashing a whole configuration block per graph operation would be slow. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The path of the called module. */
    public ModulePath childPath() {
        return module.child(call.name());
    }

    @Override
    public String localName() {
        return "module." + call.name() + " (expand)";
    }

    @Override
    public List<Referenceable> referenceableAddrs() {
        return List.of(new Referenceable.ModuleCall(call.name()));
    }

    @Override
    public boolean hasCount() {
        return call.count() != null;
    }

    @Override
    public boolean hasForEach() {
        return call.forEach() != null;
    }

    @Override
    public List<Expression> referenceOnlyExpressions() {
        return call.dependsOn();
    }

    @Override
    public List<Expression> referenceExpressions() {
        List<Expression> out = new ArrayList<>();
        if (call.count() != null) {
            out.add(call.count());
        }
        if (call.forEach() != null) {
            out.add(call.forEach());
        }
        out.addAll(call.dependsOn());
        return out;
    }
}
