package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.addrs.References;
import io.capstan.graph.config.BodyExpressions;
import io.capstan.graph.config.CheckRule;
import io.capstan.graph.config.ProviderRef;
import io.capstan.graph.config.Provisioner;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.diag.Diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A resource, data source or ephemeral resource, unexpanded: {@code count}/{@code for_each}
 * become instances during the walk, when their values are known. One node per block keeps
 * references to {@code aws_instance.web[*]} a single edge however many instances there are.
 */
public record ResourceNode(ModulePath module, ResourceConfig config) implements ReferenceableNode, ReferencerNode,
        ProviderConsumer {
    public ResourceNode {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(config, "config");
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
        return config.addr().toString();
    }

    @Override
    public List<Referenceable> referenceableAddrs() {
        return List.of(config.addr());
    }

    @Override
    public boolean hasCount() {
        return config.count() != null;
    }

    @Override
    public boolean hasForEach() {
        return config.forEach() != null;
    }

    @Override
    public ProviderRef providerRef() {
        return config.provider() != null ? config.provider() : new ProviderRef(config.addr().impliedProviderType(), null, null);
    }

    @Override
    public List<Expression> referenceExpressions() {
        List<Expression> out = new ArrayList<>();
        add(out, config.count());
        add(out, config.forEach());
        out.addAll(config.dependsOn());
        out.addAll(BodyExpressions.of(config.config()).expressions());
        out.addAll(config.lifecycle().replaceTriggeredBy());
        for (CheckRule r : config.lifecycle().preconditions()) {
            add(out, r.condition());
            add(out, r.errorMessage());
        }
        for (CheckRule r : config.lifecycle().postconditions()) {
            add(out, r.condition());
            add(out, r.errorMessage());
        }
        for (Provisioner p : config.provisioners()) {
            out.addAll(BodyExpressions.of(p.config()).expressions());
            out.addAll(BodyExpressions.of(p.connection()).expressions());
        }
        out.addAll(BodyExpressions.of(config.connection()).expressions());
        return out;
    }

    @Override
    public List<Expression> referenceOnlyExpressions() {
        List<Expression> out = new ArrayList<>(config.dependsOn());
        out.addAll(config.lifecycle().replaceTriggeredBy());
        return out;
    }

    /** As terraform evaluates them: the body, each provisioner's and each connection block whole, the rest one by one. */
    @Override
    public List<List<Reference>> referenceUnits(Diagnostics diags) {
        Set<String> iterators = BodyExpressions.of(config.config()).iterators();
        List<List<Expression>> units = new ArrayList<>();
        List<Expression> single = new ArrayList<>();
        add(single, config.count());
        add(single, config.forEach());
        single.addAll(config.dependsOn());
        for (Expression e : single) {
            units.add(List.of(e));
        }
        units.add(BodyExpressions.of(config.config()).expressions());
        single.clear();
        single.addAll(config.lifecycle().replaceTriggeredBy());
        for (CheckRule r : config.lifecycle().preconditions()) {
            add(single, r.condition());
            add(single, r.errorMessage());
        }
        for (CheckRule r : config.lifecycle().postconditions()) {
            add(single, r.condition());
            add(single, r.errorMessage());
        }
        for (Expression e : single) {
            units.add(List.of(e));
        }
        for (Provisioner p : config.provisioners()) {
            units.add(BodyExpressions.of(p.config()).expressions());
            units.add(BodyExpressions.of(p.connection()).expressions());
        }
        units.add(BodyExpressions.of(config.connection()).expressions());
        List<List<Reference>> out = new ArrayList<>();
        for (List<Expression> unit : units) {
            List<Reference> refs = new ArrayList<>();
            for (Expression e : unit) {
                for (Traversal t : e.variables()) {
                    if (iterators.contains(t.rootName())) {
                        continue;
                    }
                    Reference r = References.parse(t, diags);
                    if (r != null) {
                        refs.add(r);
                    }
                }
            }
            out.add(refs);
        }
        return out;
    }

    private static void add(List<Expression> out, Expression e) {
        if (e != null) {
            out.add(e);
        }
    }
}
