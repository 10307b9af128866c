package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.config.Local;
import io.capstan.hcl.ast.Expression;

import java.util.List;
import java.util.Objects;

/** A local value. */
public record LocalNode(ModulePath module, Local local) implements ReferenceableNode, ReferencerNode {
    public LocalNode {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(local, "local");
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

    @Override
    public String localName() {
        return "local." + local.name() + " (expand)";
    }

    @Override
    public List<Referenceable> referenceableAddrs() {
        return List.of(new Referenceable.LocalValue(local.name()));
    }

    @Override
    public List<Expression> referenceExpressions() {
        return List.of(local.expr());
    }
}
