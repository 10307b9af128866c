package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.References;
import io.capstan.graph.config.Check;
import io.capstan.graph.config.CheckRule;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code check} block's assertions as the reference check sees them. terraform's validate walk
 * evaluates each assertion's condition and error message together in one scope (its
 * {@code validateCheckRule}), so their references get the static checks every other expression gets
 * ("Reference to undeclared resource", "Unsupported attribute", "Deprecated attribute"...). Capstan
 * evaluates assertions after its walk, not as graph nodes, so this is no vertex: the reference check
 * links nothing from it ({@link ReferenceTransformer}).
 */
final class CheckAssertions implements ReferencerNode {
    private final ModulePath module;
    private final Check check;

    CheckAssertions(ModulePath module, Check check) {
        this.module = module;
        this.check = check;
    }

    /** The check block these assertions belong to (its scoped data source is theirs to refer to). */
    Check check() {
        return check;
    }

    @Override
    public ModulePath module() {
        return module;
    }

    @Override
    public String localName() {
        return "check." + check.name();
    }

    @Override
    public List<Expression> referenceExpressions() {
        List<Expression> out = new ArrayList<>();
        for (CheckRule r : check.asserts()) {
            add(out, r);
        }
        return out;
    }

    /** One unit per assertion: its condition's and message's references, checked together. */
    @Override
    public List<List<Reference>> referenceUnits(Diagnostics diags) {
        List<List<Reference>> out = new ArrayList<>();
        for (CheckRule r : check.asserts()) {
            List<Expression> exprs = new ArrayList<>(2);
            add(exprs, r);
            out.add(References.of(exprs, diags));
        }
        return out;
    }

    private static void add(List<Expression> out, CheckRule r) {
        if (r.condition() != null) {
            out.add(r.condition());
        }
        if (r.errorMessage() != null) {
            out.add(r.errorMessage());
        }
    }
}
