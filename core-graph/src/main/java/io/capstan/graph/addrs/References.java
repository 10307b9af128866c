package io.capstan.graph.addrs;

import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the traversals of an expression into {@link Reference}s without evaluating it, as
 * Terraform's {@code addrs.ParseRef}: {@code var.x}, {@code local.y}, {@code module.m.out},
 * {@code aws_instance.web[0].id}, {@code data.x.y}, {@code count.index}, {@code each.key}...
 * Malformed references produce Terraform's "Invalid reference" diagnostics.
 */
public final class References {
    private References() {
    }

    /** All references of the expressions, in source order; problems go to {@code diags}. */
    public static List<Reference> of(Iterable<Expression> exprs, Diagnostics diags) {
        List<Reference> out = new ArrayList<>();
        for (Expression e : exprs) {
            if (e == null) {
                continue;
            }
            for (Traversal t : e.variables()) {
                Reference r = parse(t, diags);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** Parses one absolute traversal; returns null (with a diagnostic) when it is not a valid reference. */
    public static Reference parse(Traversal t, Diagnostics diags) {
        List<Traverser> s = t.steps();
        String root = t.rootName();
        SourceRange rootRange = s.get(0).range();
        switch (root) {
            case "var", "local", "count", "each", "path", "terraform" -> {
                if (s.size() < 2 || !(s.get(1) instanceof TraverseAttr a)) {
                    diags.add(Diagnostic.error("Invalid reference",
                            "The \"" + root + "\" object cannot be accessed directly. Instead, access one of its attributes.",
                            rootRange));
                    return null;
                }
                Referenceable subj = switch (root) {
                    case "var" -> new Referenceable.InputVariable(a.name());
                    case "local" -> new Referenceable.LocalValue(a.name());
                    case "count" -> new Referenceable.CountAttr(a.name());
                    case "each" -> new Referenceable.ForEachAttr(a.name());
                    case "path" -> new Referenceable.PathAttr(a.name());
                    default -> new Referenceable.TerraformAttr(a.name());
                };
                return new Reference(subj, SourceRange.between(rootRange, a.range()), Addresses.rest(s, 2));
            }
            case "self" -> {
                return new Reference(new Referenceable.Self(), rootRange, Addresses.rest(s, 1));
            }
            case "module" -> {
                if (s.size() < 2 || !(s.get(1) instanceof TraverseAttr a)) {
                    diags.add(Diagnostic.error("Invalid reference",
                            "The \"module\" object cannot be accessed directly. Instead, access one of its attributes.",
                            rootRange));
                    return null;
                }
                Referenceable.ModuleCall call = new Referenceable.ModuleCall(a.name());
                if (s.size() > 2 && s.get(2) instanceof TraverseIndex idx) {
                    Diagnostics kd = new Diagnostics();
                    InstanceKey k = Addresses.key(idx, kd);
                    if (!kd.hasErrors()) {
                        return new Reference(new Referenceable.ModuleCallInstance(call, k),
                                SourceRange.between(rootRange, idx.range()), Addresses.rest(s, 3));
                    }
                }
                return new Reference(call, SourceRange.between(rootRange, a.range()), Addresses.rest(s, 2));
            }
            case "data", "ephemeral" -> {
                if (s.size() < 3 || !(s.get(1) instanceof TraverseAttr type) || !(s.get(2) instanceof TraverseAttr name)) {
                    diags.add(Diagnostic.error("Invalid reference",
                            "A reference to a data source must be followed by at least one attribute access, specifying "
                                    + "the resource type and name.", t.range()));
                    return null;
                }
                ResourceMode mode = root.equals("data") ? ResourceMode.DATA : ResourceMode.EPHEMERAL;
                return resource(new Resource(mode, type.name(), name.name()), s, 3, rootRange);
            }
            case "resource", "template", "lazy", "arg", "provider" -> {
                // Reserved by Terraform for future use.
                diags.add(Diagnostic.error("Reserved symbol name",
                        "The symbol name \"" + root + "\" is reserved for use in a future Terraform version. If you are "
                                + "using a provider that already uses this as a resource type name, add the prefix "
                                + "\"resource.\" to force interpretation as a resource type name.", rootRange));
                return null;
            }
            default -> {
                if (s.size() < 2 || !(s.get(1) instanceof TraverseAttr name)) {
                    diags.add(Diagnostic.error("Invalid reference",
                            "A reference to a resource type must be followed by at least one attribute access, "
                                    + "specifying the resource name.", t.range()));
                    return null;
                }
                return resource(Resource.managed(root, name.name()), s, 2, rootRange);
            }
        }
    }

    private static Reference resource(Resource r, List<Traverser> s, int next, SourceRange rootRange) {
        if (s.size() > next && s.get(next) instanceof TraverseIndex idx) {
            Diagnostics kd = new Diagnostics();
            InstanceKey k = Addresses.key(idx, kd);
            if (!kd.hasErrors()) {
                return new Reference(r.instance(k), SourceRange.between(rootRange, idx.range()), Addresses.rest(s, next + 1));
            }
        }
        return new Reference(r, SourceRange.between(rootRange, s.get(next - 1).range()), Addresses.rest(s, next));
    }
}
