package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.config.CheckRule;
import io.capstan.graph.config.Output;
import io.capstan.hcl.ast.Expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An output value; a child module's outputs are what {@code module.name.out} refers to in the parent. */
public record OutputNode(ModulePath module, Output output) implements ReferencerNode {
    public OutputNode {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(output, "output");
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
        return "output." + output.name() + " (expand)";
    }

    @Override
    public List<Expression> referenceOnlyExpressions() {
        return output.dependsOn();
    }

    @Override
    public List<Expression> referenceExpressions() {
        List<Expression> out = new ArrayList<>();
        if (output.value() != null) {
            out.add(output.value());
        }
        out.addAll(output.dependsOn());
        for (CheckRule r : output.preconditions()) {
            out.add(r.condition());
            out.add(r.errorMessage());
        }
        out.removeIf(Objects::isNull);
        return out;
    }
}
