package io.capstan.graph.graph;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.graph.addrs.Reference;
import io.capstan.graph.addrs.Referenceable;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceInstance;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connects every node to what its expressions refer to, found statically from the AST, and
 * reports references to undeclared objects and misplaced {@code count}/{@code each}. Each
 * reference is one hash lookup and at most one edge, so {@code aws_instance.web[*]} on a
 * 10,000-instance resource costs exactly one edge.
 */
public final class ReferenceTransformer implements GraphTransformer {
    private static final Set<String> PATH_ATTRS = Set.of("module", "root", "cwd");

    private final ResourceTypeSchemas schemas;

    public ReferenceTransformer() {
        this(ResourceTypeSchemas.NONE);
    }

    /** Checks references to plugin resource types against {@code schemas}' (the built-in types always). */
    public ReferenceTransformer(ResourceTypeSchemas schemas) {
        this.schemas = java.util.Objects.requireNonNull(schemas, "schemas");
    }

    @Override
    public void transform(GraphBuild b) {
        Map<ModulePath, ModuleTree> modules = new HashMap<>();
        // loops rather than lambdas: each lambda call site costs every CLI run its bootstrap (#6)
        for (ModuleTree t : b.config().all()) {
            modules.put(t.path(), t);
        }
        Map<ModulePath, List<GraphNode>> byModule = new HashMap<>();
        for (GraphNode n : b.nodes()) {
            if (n instanceof ResourceNode) {
                List<GraphNode> l = byModule.get(n.module());
                if (l == null) {
                    l = new ArrayList<>();
                    byModule.put(n.module(), l);
                }
                l.add(n);
            }
        }
        for (GraphNode n : new ArrayList<>(b.nodes())) {
            if (n instanceof ReferencerNode rn) {
                check(b, modules, byModule, n, rn);
            }
        }
        // a check block's assertions: no vertex, but terraform checks their references as any other's
        for (ModuleTree t : b.config().all()) {
            if (!t.module().checks().isEmpty()) {
                for (io.capstan.graph.config.Check c : t.module().checks().values()) {
                    CheckAssertions ca = new CheckAssertions(t.path(), c);
                    check(b, modules, byModule, ca, ca);
                }
            }
        }
    }

    /** The static checks of one referencer's references, unit by unit; edges for what they find. */
    private void check(GraphBuild b, Map<ModulePath, ModuleTree> modules, Map<ModulePath, List<GraphNode>> byModule,
                       GraphNode n, ReferencerNode rn) {
        Diagnostics d = b.diagnostics();
        boolean hasCount = rn.hasCount();
        boolean hasForEach = rn.hasForEach();
        if (n instanceof VariableNode v && !v.module().isRoot()) {
            GraphNode call = b.lookup(v.module().parent(), "module." + v.module().names().get(v.module().names().size() - 1));
            if (call instanceof ModuleCallNode mc) {
                hasCount = mc.hasCount();
                hasForEach = mc.hasForEach();
            }
        }
        List<SourceRange> referenceOnly = new ArrayList<>();
        for (io.capstan.hcl.ast.Expression e : rn.referenceOnlyExpressions()) {
            referenceOnly.add(e.range());
        }
        for (List<Reference> unit : rn.referenceUnits(d)) {
            // Terraform evaluates each unit (an expression, or a whole block body) in one scope:
            // it first checks the unit's references to resources and modules against the
            // configuration and stops there when one is wrong, then looks every reference up
            // (variables, locals, count, each...) and stops there when one fails, and only then
            // evaluates; so a unit's errors are those of the first of these steps that has any.
            Tiers tiers = new Tiers(new Diagnostics(), new Diagnostics(), new Diagnostics());
            for (Reference r : unit) {
                resolve(b, modules, byModule, rn, r, hasCount, hasForEach, tiers);
                if (!within(referenceOnly, r.range())) {
                    instanceKeys(b, modules, rn, r, tiers.statics());
                }
            }
            // (a warning of the first step, a deprecated attribute, does not stop the others)
            d.addAll(tiers.statics());
            if (!tiers.statics().hasErrors()) {
                d.addAll(!tiers.lookups().isEmpty() ? tiers.lookups() : tiers.values());
            }
        }
    }

    private static boolean within(List<SourceRange> ranges, SourceRange r) {
        for (SourceRange x : ranges) {
            if (x.filename() != null && x.filename().equals(r.filename()) && x.contains(r.start())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Terraform's static checks of a resource reference in an expression it evaluates
     * ({@code staticValidateSingleResourceReference}, {@code staticValidateMultiResourceReference},
     * and the special {@code count} attribute): an attribute of a resource with {@code count} or
     * {@code for_each} read without an instance key, a key on a resource that has neither, and
     * {@code .count}, which Terraform 0.12 removed. A reference that stops at the resource (the
     * whole tuple or map, or an index that is no constant: {@code [count.index]}) is not checked.
     */
    private void instanceKeys(GraphBuild b, Map<ModulePath, ModuleTree> modules, ReferencerNode from, Reference r,
                              Diagnostics d) {
        Resource res;
        boolean keyed;
        if (r.subject() instanceof Resource x) {
            res = x;
            keyed = false;
        } else if (r.subject() instanceof ResourceInstance x) {
            res = x.resource();
            keyed = !(x.key() instanceof io.capstan.graph.addrs.InstanceKey.None);
        } else {
            return;
        }
        if (!(b.lookup(from.referenceScope(), res.toString()) instanceof ResourceNode target) || target == from) {
            return; // undeclared or self-referential: reported by resource()
        }
        if (!keyed && !r.remaining().isEmpty()) {
            if (target.hasCount()) {
                d.add(Diagnostic.error("Missing resource instance key", "Because " + res + " has \"count\" set, its "
                        + "attributes must be accessed on specific instances.\n\nFor example, to correlate with indices "
                        + "of a referring resource, use:\n    " + res + "[count.index]", r.range()));
            }
            if (target.hasForEach()) {
                d.add(Diagnostic.error("Missing resource instance key", "Because " + res + " has \"for_each\" set, "
                        + "its attributes must be accessed on specific instances.\n\nFor example, to correlate with "
                        + "indices of a referring resource, use:\n    " + res + "[each.key]", r.range()));
            }
        } else if (keyed && !target.hasCount() && !target.hasForEach()) {
            d.add(Diagnostic.error("Unexpected resource instance key", "Because " + res + " does not have \"count\" "
                    + "or \"for_each\" set, references to it must not include an index key. Remove the bracketed index "
                    + "to refer to the single instance of this resource.", r.range()));
        }
        if (r.remaining().isEmpty()) {
            return;
        }
        if (r.remaining().get(0) instanceof TraverseAttr c && c.name().equals("count")) {
            d.add(Diagnostic.error("Invalid resource count attribute", "The special \"count\" attribute is no longer "
                    + "supported after Terraform v0.12. Instead, use length(" + res + ") to count resource instances.",
                    r.range()));
            return;
        }
        // the steps against the type's schema: the built-in provider's here, a plugin's as the run asks it
        ModuleTree t = modules.get(from.referenceScope());
        io.capstan.graph.addrs.Provider p = t == null ? null
                : t.module().providerFor(target.config().providerLocalName());
        if (p != null && !p.equals(io.capstan.graph.addrs.Provider.BUILTIN_TERRAFORM)) {
            schemas.check(p, res.mode(), res.type(), r.remaining(), d);
            return;
        }
        if (target.config().provider() != null) {
            return;
        }
        List<io.capstan.graph.validate.BuiltinTerraformSchema.BuiltinAttribute> attrs =
                res.mode() == ResourceMode.MANAGED ? io.capstan.graph.validate.BuiltinTerraformSchema.managedAttributes(res.type())
                : res.mode() == ResourceMode.DATA ? io.capstan.graph.validate.BuiltinTerraformSchema.dataAttributes(res.type())
                : null;
        if (attrs == null) {
            return;
        }
        if (!(r.remaining().get(0) instanceof TraverseAttr a)) {
            // an index on the instance's object (terraform_data.c[0][1], .s["id"]): StaticValidateTraversal's
            // "Invalid index operation", naming the attribute when the key could be one
            Traverser next = r.remaining().get(0);
            if (next instanceof TraverseIndex i) {
                if (i.key() instanceof io.capstan.hcl.ast.Literal.Str k && io.capstan.hcl.parser.Identifiers.valid(k.value())) {
                    d.add(Diagnostic.error("Invalid index operation", "Only attribute access is allowed here. Did you "
                            + "mean to access attribute \"" + k.value() + "\" using the dot operator?", i.range()));
                } else {
                    d.add(Diagnostic.error("Invalid index operation", "Only attribute access is allowed here, using "
                            + "the dot operator.", i.range()));
                }
            } else {
                d.add(Diagnostic.error("Invalid operation", "Only attribute access is allowed here, using the dot "
                        + "operator.", next.range()));
            }
            return;
        }
        for (io.capstan.graph.validate.BuiltinTerraformSchema.BuiltinAttribute x : attrs) {
            if (x.name().equals(a.name())) {
                // the rest as HCL traverses an unknown value of the attribute's type (id.x: a string's attribute)
                io.capstan.hcl.eval.Traverse.steps(io.capstan.hcl.value.Value.unknown(x.type()),
                        r.remaining().subList(1, r.remaining().size()), d);
                return;
            }
        }
        String suggestion = io.capstan.hcl.body.Suggestions.nameSuggestion(a.name(),
                attrs.stream().map(x -> x.name()).sorted().toList());
        d.add(Diagnostic.error("Unsupported attribute", "This object has no argument, nested block, or exported "
                + "attribute named \"" + a.name() + "\"." + (suggestion == null ? "" : " Did you mean \"" + suggestion
                + "\"?"), a.range()));
    }

    /** A unit's errors by the step of terraform's evaluation that finds them. */
    private record Tiers(Diagnostics statics, Diagnostics lookups, Diagnostics values) {
    }

    private static void resolve(GraphBuild b, Map<ModulePath, ModuleTree> modules,
                                Map<ModulePath, List<GraphNode>> byModule, ReferencerNode from, Reference r,
                                boolean hasCount, boolean hasForEach, Tiers tiers) {
        ModulePath scope = from.referenceScope();
        Diagnostics d = tiers.lookups();
        String where = scope.isRoot() ? "the root module" : scope.toString();
        Referenceable subj = r.subject();
        if (subj instanceof Referenceable.InputVariable v) {
            link(b, d, from, r, b.lookup(scope, v.toString()),
                    "Reference to undeclared input variable", "An input variable with the name \"" + v.name()
                            + "\" has not been declared. This variable can be declared with a variable \"" + v.name()
                            + "\" {} block.");
        } else if (subj instanceof Referenceable.LocalValue l) {
            link(b, d, from, r, b.lookup(scope, l.toString()),
                    "Reference to undeclared local value", "A local value with the name \"" + l.name()
                            + "\" has not been declared.");
        } else if (subj instanceof Resource res) {
            resource(b, tiers.statics(), modules, from, r, res, scope, where);
        } else if (subj instanceof ResourceInstance ri) {
            resource(b, tiers.statics(), modules, from, r, ri.resource(), scope, where);
        } else if (subj instanceof Referenceable.ModuleCall mc) {
            moduleRef(b, tiers, modules, byModule, from, r, mc, scope, where);
        } else if (subj instanceof Referenceable.ModuleCallInstance mci) {
            moduleRef(b, tiers, modules, byModule, from, r, mci.call(), scope, where);
        } else if (subj instanceof Referenceable.CountAttr c) {
                if (!c.name().equals("index")) {
                    d.add(Diagnostic.error("Invalid \"count\" attribute", "The \"count\" object does not have an "
                            + "attribute named \"" + c.name() + "\". The only supported attribute is count.index, which "
                            + "is the index of each instance of a resource block that has the \"count\" argument set.",
                            r.range()));
                } else if (!hasCount) {
                    d.add(Diagnostic.error("Reference to \"count\" in non-counted context", "The \"count\" object can "
                            + "only be used in \"module\", \"resource\", and \"data\" blocks, and only when the "
                            + "\"count\" argument is set.", r.range()));
                }
        } else if (subj instanceof Referenceable.ForEachAttr e) {
                if (!e.name().equals("key") && !e.name().equals("value")) {
                    d.add(Diagnostic.error("Invalid \"each\" attribute", "The \"each\" object does not have an "
                            + "attribute named \"" + e.name() + "\". The supported attributes are each.key and "
                            + "each.value, the current key and value pair of the \"for_each\" attribute set.",
                            r.range()));
                } else if (!hasForEach) {
                    d.add(Diagnostic.error("Reference to \"each\" in context without for_each", "The \"each\" object "
                            + "can be used only in \"module\" or \"resource\" blocks, and only when the \"for_each\" "
                            + "argument is set.", r.range()));
                }
        } else if (subj instanceof Referenceable.PathAttr p) {
                if (!PATH_ATTRS.contains(p.name())) {
                    d.add(Diagnostic.error("Invalid \"path\" attribute", "The \"path\" object does not have an "
                            + "attribute named \"" + p.name() + "\". The supported attributes are path.cwd, path.module, "
                            + "and path.root.", r.range()));
                }
        } else if (subj instanceof Referenceable.TerraformAttr t) {
                if (!t.name().equals("workspace")) {
                    d.add(Diagnostic.error("Invalid \"terraform\" attribute", "The \"terraform\" object does not have "
                            + "an attribute named \"" + t.name() + "\". The only supported attribute is "
                            + "terraform.workspace, the name of the currently-selected workspace.", r.range()));
                }
        }
        // self: only meaningful inside the block that owns it; no edge
    }

    private static void resource(GraphBuild b, Diagnostics d, Map<ModulePath, ModuleTree> modules, ReferencerNode from,
                                 Reference r, Resource res, ModulePath scope, String where) {
        GraphNode target = b.lookup(scope, res.toString());
        if (target == from && !(from instanceof ProviderNode)) {
            b.diagnostics().add(Diagnostic.error("Self-referential block", "Configuration for " + from.name()
                    + " may not refer to itself.", r.range()));
            return;
        }
        ModuleTree t = modules.get(scope);
        if (target != null && t != null && t.module().scopingCheck(res) != null
                && !(from instanceof CheckAssertions ca && t.module().scopingCheck(res) == ca.check())) {
            // a check's data source is for its assertions only (they are evaluated after the walk, not graph nodes)
            d.add(Diagnostic.error("Reference to scoped resource", "The referenced data resource \""
                    + res.type() + "\" \"" + res.name() + "\" is not available from this context.", r.range()));
            return;
        }
        String kind = switch (res.mode()) {
            case MANAGED -> "managed resource";
            case DATA -> "data resource";
            case EPHEMERAL -> "ephemeral resource";
        };
        link(b, d, from, r, target, "Reference to undeclared resource", "A " + kind + " \"" + res.type() + "\" \""
                + res.name() + "\" has not been declared in " + where + "."
                + (res.mode() == ResourceMode.MANAGED && b.lookup(scope, "data." + res) != null
                ? " Did you mean the data resource data." + res + "?" : ""));
    }

    private static void moduleRef(GraphBuild b, Tiers tiers, Map<ModulePath, ModuleTree> modules,
                                  Map<ModulePath, List<GraphNode>> byModule, ReferencerNode from, Reference r,
                                  Referenceable.ModuleCall mc, ModulePath scope, String where) {
        GraphNode call = b.lookup(scope, "module." + mc.name());
        if (call == null) {
            // as terraform's reference to a module's output: the range takes the output's name in
            SourceRange range = !r.remaining().isEmpty() && r.remaining().get(0) instanceof TraverseAttr a
                    ? SourceRange.between(r.range(), a.range()) : r.range();
            tiers.statics().add(Diagnostic.error("Reference to undeclared module", "No module call named \""
                    + mc.name() + "\" is declared in " + where + ".", range));
            return;
        }
        connect(b, from, call);
        ModulePath child = scope.child(mc.name());
        ModuleTree childTree = modules.get(child);
        if (childTree == null) {
            return; // not loaded: already reported
        }
        if (!r.remaining().isEmpty() && r.remaining().get(0) instanceof TraverseAttr a) {
            GraphNode out = b.lookup(child, "output." + a.name());
            if (out == null) {
                // found when the expression is evaluated, after every reference was looked up
                tiers.values().add(Diagnostic.error("Unsupported attribute", "This object does not have an attribute "
                        + "named \"" + a.name() + "\".", a.range()));
                return;
            }
            connect(b, from, out);
            return;
        }
        for (String o : childTree.module().outputs().keySet()) {
            connect(b, from, b.lookup(child, "output." + o));
        }
        // The whole module (an expression or depends_on naming module.x): as Terraform's module close
        // node, after every resource in it and in the modules it calls, not only those behind outputs.
        childTree.walk(t -> byModule.getOrDefault(t.path(), List.of()).forEach(n -> connect(b, from, n)));
    }



    /** An edge from {@code from} (none from a check's assertions, which are no vertex) to {@code to}. */
    private static void connect(GraphBuild b, GraphNode from, GraphNode to) {
        if (!(from instanceof CheckAssertions)) {
            b.connect(from, to);
        }
    }

    private static void link(GraphBuild b, Diagnostics d, GraphNode from, Reference r, GraphNode target, String summary,
                             String detail) {
        if (target == null) {
            d.add(Diagnostic.error(summary, detail, r.range()));
            return;
        }
        connect(b, from, target);
    }
}
