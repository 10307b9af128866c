package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.config.CheckRule;
import io.capstan.graph.config.Variable;
import io.capstan.hcl.ast.Expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An input variable. In a child module, {@code argument} is the module call's argument for it,
 * whose references resolve in the parent module; validation rules resolve in the module itself
 * (they are checked by the evaluation walk, not by graph edges).
 */
public record VariableNode(ModulePath module, Variable variable, Expression argument) implements ReferenceableNode, ReferencerNode {
    public VariableNode {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(variable, "variable");
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
        return "var." + variable.name() + (module.isRoot() ? "" : " (expand)");
    }

    @Override
    public String dotShape() {
        return "note";
    }

    @Override
    public List<Referenceable> referenceableAddrs() {
        return List.of(new Referenceable.InputVariable(variable.name()));
    }

    @Override
    public List<Expression> referenceExpressions() {
        return argument == null ? List.of() : List.of(argument);
    }

    @Override
    public ModulePath referenceScope() {
        return module.isRoot() ? module : module.parent();
    }

    /** The validation conditions and messages, which may refer to other variables of the module. */
    public List<Expression> validationExpressions() {
        List<Expression> out = new ArrayList<>();
        for (CheckRule r : variable.validations()) {
            out.add(r.condition());
            out.add(r.errorMessage());
        }
        return out;
    }
}
