package io.capstan.engine.plan;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.config.Import;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.ast.IndexExpr;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.RelativeTraversalExpr;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ImportResourceStateRequest;
import io.capstan.provider.client.ImportResourceStateResponse;
import io.capstan.provider.client.ImportedResource;
import io.capstan.provider.client.ReadResourceRequest;
import io.capstan.provider.client.ReadResourceResponse;
import io.capstan.provider.codec.WireCodec;
import io.capstan.hcl.value.ObjectType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The root module's {@code import} blocks: the id to import for an address not yet in state, and
 * the import itself (ImportResourceState then ReadResource), whose object becomes the prior state
 * the instance is planned against. A block with a static {@code to} address is known up front; a
 * block with {@code for_each} (Terraform 1.7+) is expanded when its target resource is expanded,
 * in the root module's scope with {@code each.key}/{@code each.value}, once per block.
 */
final class ImportBlocks {
    /** One import: its block and the {@code each} object the block was expanded with (NONE when static). */
    record Entry(Import block, Repetition rep) {
    }

    /** A well-formed import block and the resource (in a module path, keys ignored) it targets. */
    record BlockTarget(Import block, List<String> modulePath, Resource resource) {
    }

    private final Map<String, Entry> byAddress = new ConcurrentHashMap<>();
    /** The addresses each block imports into, in its expansion's order (a static block's one address). */
    private final Map<Import, List<String>> addressesOf = new ConcurrentHashMap<>();
    /** The id evaluated for each address before its resource's instances were planned. */
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    /** Every well-formed block with the resource it targets: static and {@code for_each} alike. */
    private final List<BlockTarget> blocks = new ArrayList<>();
    private final Set<Import> expanded = ConcurrentHashMap.newKeySet();
    /** Problems with the blocks themselves, reported once per run. */
    final Diagnostics problems = new Diagnostics();

    ImportBlocks(ModuleTree root) {
        Diagnostics diags = problems;
        for (Import im : root.module().imports()) {
            if (im.forEach() != null) {
                List<Traverser> shape = steps(im.to(), null, new Diagnostics());
                var r = shape == null ? null : Addresses.absResourceInstance(shape, im.to().range());
                if (r == null || r.value() == null) {
                    diags.add(invalidTo(im));
                    continue;
                }
                blocks.add(new BlockTarget(im, r.value().module().module().names(), r.value().resource().resource()));
                continue;
            }
            if (!(im.to() instanceof ScopeTraversalExpr st)) {
                diags.add(invalidTo(im));
                continue;
            }
            var r = Addresses.absResourceInstance(st.traversal().steps(), st.range());
            diags.addAll(r.diagnostics());
            AbsResourceInstance a = r.value();
            if (a != null) {
                byAddress.put(a.toString(), new Entry(im, Repetition.NONE));
                addressesOf.put(im, List.of(a.toString()));
                blocks.add(new BlockTarget(im, a.module().module().names(), a.resource().resource()));
            }
        }
    }

    private static Diagnostic invalidTo(Import im) {
        return Diagnostic.error("Invalid expression", "A single static variable reference is required: only "
                + "attribute access and indexing with constant keys. No calculations, function calls, template "
                + "expressions, etc are allowed here.", im.to().range());
    }

    /** The {@code for_each} blocks with the resources they target. */
    List<BlockTarget> dynamic() {
        List<BlockTarget> out = new ArrayList<>();
        for (BlockTarget b : blocks) {
            if (b.block().forEach() != null) {
                out.add(b);
            }
        }
        return List.copyOf(out);
    }

    /** Every block (static or {@code for_each}) with the resource it targets. */
    List<BlockTarget> all() {
        return blocks;
    }

    Entry forAddress(String addr) {
        return byAddress.get(addr);
    }

    /**
     * Expands the {@code for_each} import blocks that target {@code resource} in a module with the
     * given path (keys ignored), before its instances are planned.
     */
    void expand(RunContext run, ModuleInst root, ModuleInst mi, Resource resource, Diagnostics diags) {
        for (BlockTarget dyn : blocks) {
            if (dyn.block().forEach() == null || !dyn.resource().equals(resource)
                    || !dyn.modulePath().equals(mi.addr().module().names())) {
                continue;
            }
            synchronized (dyn) {
                if (expanded.add(dyn.block())) {
                    expandBlock(run, root, dyn.block(), diags);
                }
            }
        }
    }

    /**
     * False, with terraform's error for the first, when an import (static or {@code for_each})
     * targets an instance of {@code resource} in {@code mi} that the resource's own expansion does
     * not have: terraform then plans none of the resource's instances.
     */
    boolean allConfigured(ModuleInst mi, Resource resource, Set<InstanceKey> keys, Diagnostics diags) {
        String prefix = Addrs.resource(mi.addr(), resource);
        for (BlockTarget b : blocks) {
            if (!b.resource().equals(resource) || !b.modulePath().equals(mi.addr().module().names())) {
                continue;
            }
            for (String addr : addressesOf.getOrDefault(b.block(), List.of())) {
                var a = Addresses.parseAbsResourceInstance(addr).value();
                if (a != null && a.module().equals(mi.addr()) && Addrs.resource(a.module(), a.resource().resource())
                        .equals(prefix) && !keys.contains(a.resource().key())) {
                    diags.add(Diagnostic.error("Configuration for import target does not exist", "The configuration "
                            + "for the given import " + addr + " does not exist. All target instances must "
                            + "have an associated configuration to be imported.", null));
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * False, with terraform's error for the first, when an import targets {@code resource} in an
     * instance of the module at {@code path} that the module's expansion does not have.
     */
    boolean moduleInstancesExist(io.capstan.graph.addrs.ModulePath path, Resource resource,
                                 Set<io.capstan.graph.addrs.ModuleInstance> have, Diagnostics diags) {
        for (BlockTarget b : blocks) {
            if (!b.resource().equals(resource) || !b.modulePath().equals(path.names())) {
                continue;
            }
            for (String addr : addressesOf.getOrDefault(b.block(), List.of())) {
                var a = Addresses.parseAbsResourceInstance(addr).value();
                if (a != null && !have.contains(a.module())) {
                    diags.add(Diagnostic.error("Configuration for import target does not exist", "The configuration "
                            + "for the given import " + addr + " does not exist. All target instances must "
                            + "have an associated configuration to be imported.", null));
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The static blocks of the root module whose resource has no configuration (validation let
     * through only those that could have their configuration generated): terraform plans the
     * rest, then reports each, unless its id could not be used (that error instead).
     */
    void unconfigured(RunContext run, ModuleInst root, ModuleTree tree, Diagnostics diags) {
        for (BlockTarget b : blocks) {
            if (b.block().forEach() != null || !b.modulePath().isEmpty()
                    || tree.module().resources().containsKey(b.resource())) {
                continue;
            }
            List<String> addrs = addressesOf.getOrDefault(b.block(), List.of());
            if (addrs.isEmpty() || run.state.get(addrs.get(0)) != null) {
                continue;
            }
            Diagnostics found = new Diagnostics();
            if (id(run, root, byAddress.get(addrs.get(0)), found) == null || found.hasErrors()) {
                diags.addAll(found);
                continue;
            }
            diags.add(Diagnostic.error("Configuration for import target does not exist", "The configuration for the "
                    + "given import target " + Addrs.resource(io.capstan.graph.addrs.ModuleInstance.ROOT, b.resource())
                    + " does not exist. If you wish to automatically generate config for this resource, use the "
                    + "-generate-config-out option within terraform plan. Otherwise, make sure the target resource "
                    + "exists within your configuration. For example:\n\n  terraform plan "
                    + "-generate-config-out=generated.tf", b.block().to().range()));
        }
    }

    private void expandBlock(RunContext run, ModuleInst root, Import im, Diagnostics diags) {
        Expression fe = im.forEach();
        Value v = Evaluator.evaluate(fe, run.scope.context(root, null, null, fe), diags);
        if (v == null) {
            return;
        }
        if (!v.isWhollyKnown()) {
            diags.add(Diagnostic.error("Invalid for_each argument", "The \"for_each\" expression includes values "
                    + "derived from other resource attributes that cannot be determined until apply, and so Terraform "
                    + "cannot determine the full set of values that might be used to import this resource.",
                    fe.range()));
            return;
        }
        if (v.isNull()) {
            return; // as Terraform: a null for_each imports nothing
        }
        Value u = v.unmark();
        if (u.type().isPrimitive()) {
            diags.add(Diagnostic.error("Invalid for_each argument", "The \"for_each\" expression must be a "
                    + "collection.", fe.range()));
            return;
        }
        List<Value[]> pairs = new ArrayList<>();
        if (u.type() instanceof io.capstan.hcl.value.ListType || u.type() instanceof io.capstan.hcl.value.TupleType) {
            int i = 0;
            for (Value e : u.elements()) {
                pairs.add(new Value[] {Value.of(i++), e});
            }
        } else if (u.type() instanceof io.capstan.hcl.value.SetType) {
            for (Value e : u.elements()) {
                pairs.add(new Value[] {e, e});
            }
        } else {
            for (Map.Entry<String, Value> e : u.entries().entrySet()) {
                pairs.add(new Value[] {Value.of(e.getKey()), e.getValue()});
            }
        }
        List<String> addresses = new ArrayList<>();
        addressesOf.put(im, addresses);
        for (Value[] kv : pairs) {
            Repetition rep = new Repetition(null, Value.object(Map.of("key", kv[0], "value", kv[1])));
            List<Traverser> st = steps(im.to(), e -> Evaluator.evaluate(e, run.scope.context(root, rep, null, e),
                    diags), diags);
            if (st == null) {
                return;
            }
            var r = Addresses.absResourceInstance(st, im.to().range());
            diags.addAll(r.diagnostics());
            if (r.value() != null) {
                byAddress.put(r.value().toString(), new Entry(im, rep));
                addresses.add(r.value().toString());
            }
        }
    }

    /**
     * Evaluates the ids of the imports into {@code resource}'s instances in {@code mi} before any of
     * them is planned, as terraform's expansion of the resource does: block by block in
     * configuration order, each {@code for_each} block key by key, stopping at the first error (the
     * resource is then not planned at all). False when there was one.
     */
    boolean evaluateIds(RunContext run, ModuleInst root, ModuleInst mi, Resource resource, Diagnostics diags) {
        String prefix = Addrs.resource(mi.addr(), resource);
        for (BlockTarget b : blocks) {
            if (!b.resource().equals(resource) || !b.modulePath().equals(mi.addr().module().names())) {
                continue;
            }
            for (String addr : addressesOf.getOrDefault(b.block(), List.of())) {
                var a = Addresses.parseAbsResourceInstance(addr).value();
                if (a == null || !a.module().equals(mi.addr())
                        || !Addrs.resource(a.module(), a.resource().resource()).equals(prefix)) {
                    continue;
                }
                Diagnostics found = new Diagnostics();
                String id = id(run, root, byAddress.get(addr), found);
                diags.addAll(found);
                if (id == null || found.hasErrors()) {
                    return false;
                }
                ids.put(addr, id);
            }
        }
        return true;
    }

    /**
     * An import block's id for one of its addresses, evaluated in the root module with the block's
     * {@code each} as terraform's: converted to a string, else null with terraform's error.
     */
    private static String id(RunContext run, ModuleInst root, Entry entry, Diagnostics diags) {
        Import im = entry.block();
        if (im.id() == null) {
            diags.add(Diagnostic.error("Invalid import id argument", "The import ID cannot be null.", null));
            return null;
        }
        Value v = Evaluator.evaluate(im.id(), run.scope.context(root, entry.rep(), null, im.id()), diags);
        if (v == null) {
            return null;
        }
        v = v.unmark(); // the id only goes to the provider
        if (v.type() != Type.STRING && v.type() != Type.DYNAMIC) {
            try {
                v = Convert.convert(v, Type.STRING);
            } catch (ConversionException e) {
                diags.add(Diagnostic.error("Incorrect value type", "Invalid expression value: " + e.getMessage()
                        + ".", im.id().range()));
                v = Value.unknown(Type.STRING);
            }
        }
        if (v.isKnown() && v.isNull()) {
            diags.add(Diagnostic.error("Invalid import id argument", "The import ID cannot be null.",
                    im.id().range()));
            return null;
        }
        if (!v.isKnown()) {
            diags.add(Diagnostic.error("Invalid import id argument", "The import block \"id\" argument depends on "
                    + "resource attributes that cannot be determined until apply, so Terraform cannot plan to import "
                    + "this resource.", im.id().range()));
            return null;
        }
        if (v.asString().isEmpty()) {
            diags.add(Diagnostic.error("Invalid import id argument", "The import ID value evaluates to an empty "
                    + "string, please provide a non-empty value.", im.id().range()));
            return null;
        }
        return v.asString();
    }

    /**
     * The address steps of a {@code to} expression: static traversal steps, with each non-literal
     * index key evaluated by {@code eval} (or, when eval is null, replaced by a placeholder key so
     * the resource it targets can be found before evaluation). Null when the expression is not an
     * address shape.
     */
    private static List<Traverser> steps(Expression e, java.util.function.Function<Expression, Value> eval,
                                         Diagnostics diags) {
        if (e instanceof ScopeTraversalExpr st) {
            return new ArrayList<>(st.traversal().steps());
        }
        if (e instanceof RelativeTraversalExpr rt) {
            List<Traverser> out = steps(rt.source(), eval, diags);
            if (out != null) {
                out.addAll(rt.traversal());
            }
            return out;
        }
        if (e instanceof IndexExpr ix) {
            List<Traverser> out = steps(ix.collection(), eval, diags);
            if (out == null) {
                return null;
            }
            Literal key = new Literal.Num(BigDecimal.ZERO);
            if (eval != null) {
                Value k = eval.apply(ix.key());
                if (k == null || !k.isKnown() || k.isNull()) {
                    diags.add(Diagnostic.error("Invalid address", "Invalid resource instance key: either a string "
                            + "or an integer is required.", ix.key().range()));
                    return null;
                }
                k = k.unmark();
                if (k.type() == Type.STRING) {
                    key = new Literal.Str(k.asString());
                } else if (k.type() == Type.NUMBER) {
                    key = new Literal.Num(k.asNumber().toBigDecimal());
                } else {
                    diags.add(Diagnostic.error("Invalid address", "Invalid resource instance key: either a string "
                            + "or an integer is required.", ix.key().range()));
                    return null;
                }
            }
            out.add(new TraverseIndex(key, ix.bracketRange()));
            return out;
        }
        return null;
    }

    /** The imported object (with private data) for an address, or null with diagnostics. */
    record Imported(String id, Value object, byte[] privateData) {
    }

    /** The id {@link #evaluateIds} found for an address, else null. */
    String evaluatedId(String addr) {
        return ids.get(addr);
    }

    /** The import into {@code t}: with {@code id} when {@link #evaluateIds} found it, else evaluated now. */
    static Imported run(RunContext run, InstancePlanner.Target t, Entry entry, String evaluated, ObjectType type,
                        Diagnostics diags) {
        Import im = entry.block();
        // import blocks live in the root module: their id is evaluated there, with the block's own each
        ModuleInst scope = t.mi();
        while (scope.parent() != null) {
            scope = scope.parent();
        }
        String addr = t.address();
        String id = evaluated;
        if (id == null) {
            id = id(run, scope, entry, diags);
            if (id == null) {
                return null;
            }
        }
        // while applying, terraform's hooks name the import itself (Importing..., Import complete), not its steps
        run.listener.event(addr, run.applying ? ChangeListener.Phase.APPLYING_IMPORT : ChangeListener.Phase.IMPORTING,
                id, 0);
        ImportResourceStateResponse ir = t.provider().client().importResourceState(
                new ImportResourceStateRequest(t.rc().addr().type(), id, null, null));
        // as terraform reports ImportResourceState's diagnostics: neither a source range nor an address
        Providers.report(ir.diagnostics(), diags, null);
        if (ir.diagnostics().stream().anyMatch(x -> x.isError()) || ir.importedResources().isEmpty()) {
            return null;
        }
        ImportedResource imp = ir.importedResources().get(0);
        // as terraform's refresh hook: the id the imported object has (random_password's is "none")
        Value importedObj = imp.state() == null ? null : WireCodec.INSTANCE.decode(imp.state(), type);
        String refreshId = importedObj == null || importedObj.isNull() || !importedObj.isKnown()
                || !importedObj.entries().containsKey("id") ? id : InstancePlanner.idOf(importedObj);
        if (!run.applying) {
            run.listener.event(addr, ChangeListener.Phase.REFRESHING, refreshId == null ? id : refreshId, 0);
        }
        ReadResourceResponse rr = t.provider().client().readResource(new ReadResourceRequest(t.rc().addr().type(),
                imp.state(), imp.privateData(), null, null, null));
        // the import's refresh, as terraform's: in the resource block's body, with its address
        Providers.report(rr.diagnostics(), diags, t.rc().config().missingItemRange(), addr);
        if (rr.hasErrors()) {
            return null;
        }
        Value obj = rr.newState() == null ? Value.nullOf(type) : WireCodec.INSTANCE.decode(rr.newState(), type);
        if (obj.isNull()) {
            diags.add(Diagnostic.error("Cannot import non-existent remote object", "While attempting to import an "
                    + "existing object to \"" + t.rc().addr() + "\", the provider detected that no object exists "
                    + "with the given id. Only pre-existing objects can be imported; check that the id is correct.",
                    im.declRange()));
            return null;
        }
        run.listener.event(addr, run.applying ? ChangeListener.Phase.IMPORTED : ChangeListener.Phase.REFRESHED,
                run.applying ? id : InstancePlanner.idOf(obj), 0);
        return new Imported(id, obj, rr.privateData() == null ? new byte[0] : rr.privateData());
    }
}
