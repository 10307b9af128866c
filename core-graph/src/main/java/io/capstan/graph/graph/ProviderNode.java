package io.capstan.graph.graph;

import io.capstan.graph.addrs.AbsProviderConfig;
import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.References;
import io.capstan.graph.config.BodyExpressions;
import io.capstan.graph.config.ProviderConfig;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostics;

import java.util.List;
import java.util.Objects;

/**
 * A provider configuration, explicit ({@code config} set) or implied by a resource that uses a
 * provider nobody configured. Named {@code provider["registry.terraform.io/hashicorp/aws"].east}.
 */
public record ProviderNode(AbsProviderConfig addr, ProviderConfig config) implements ReferencerNode {
    public ProviderNode {
        Objects.requireNonNull(addr, "addr");
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
    public ModulePath module() {
        return addr.module();
    }

    @Override
    public String localName() {
        return new AbsProviderConfig(ModulePath.ROOT, addr.provider(), addr.alias()).toString();
    }

    @Override
    public String dotShape() {
        return "diamond";
    }

    @Override
    public List<Expression> referenceExpressions() {
        return config == null ? List.of() : BodyExpressions.of(config.config()).expressions();
    }

    /** The configuration body is evaluated as a whole: its references are checked together. */
    @Override
    public List<List<Reference>> referenceUnits(Diagnostics diags) {
        return List.of(References.of(referenceExpressions(), diags));
    }
}
