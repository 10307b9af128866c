package io.capstan.engine.plan;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.config.Import;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.ast.ScopeTraversalExpr;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ImportResourceStateRequest;
import io.capstan.provider.client.ImportResourceStateResponse;
import io.capstan.provider.client.ImportedResource;
import io.capstan.provider.client.ReadResourceRequest;
import io.capstan.provider.client.ReadResourceResponse;
import io.capstan.provider.codec.WireCodec;
import io.capstan.hcl.value.ObjectType;
import java.util.HashMap;
import java.util.Map;

/**
 * The root module's {@code import} blocks with a static {@code to} address: the id to import
 * for an address not yet in state, and the import itself (ImportResourceState then ReadResource),
 * whose object becomes the prior state the instance is planned against.
 */
final class ImportBlocks {
    private final Map<String, Import> byAddress = new HashMap<>();
    /** Problems with the blocks themselves, reported once per run. */
    final Diagnostics problems = new Diagnostics();

    ImportBlocks(ModuleTree root) {
        Diagnostics diags = problems;
        for (Import im : root.module().imports()) {
            if (im.forEach() != null || !(im.to() instanceof ScopeTraversalExpr st)) {
                diags.add(Diagnostic.error("Unsupported import block", "Capstan does not yet support import blocks "
                        + "with for_each or a computed \"to\" address.", im.declRange()));
                continue;
            }
            var r = Addresses.absResourceInstance(st.traversal().steps(), st.range());
            diags.addAll(r.diagnostics());
            AbsResourceInstance a = r.value();
            if (a != null) {
                byAddress.put(a.toString(), im);
            }
        }
    }

    Import forAddress(String addr) {
        return byAddress.get(addr);
    }

    /** The imported object (with private data) for an address, or null with diagnostics. */
    record Imported(String id, Value object, byte[] privateData) {
    }

    static Imported run(RunContext run, InstancePlanner.Target t, Import im, ObjectType type, Diagnostics diags) {
        Value idv = Evaluator.evaluate(im.id(), run.scope.context(t.mi(), null, null, im.id()), diags);
        if (idv == null || !idv.isKnown() || idv.isNull() || idv.type() != Type.STRING) {
            diags.add(Diagnostic.error("Invalid import id argument", "The import ID must be a known, non-null "
                    + "string.", im.id() == null ? im.declRange() : im.id().range()));
            return null;
        }
        String id = idv.unmark().asString();
        ImportResourceStateResponse ir = t.provider().client().importResourceState(
                new ImportResourceStateRequest(t.rc().addr().type(), id, null, null));
        Providers.report(ir.diagnostics(), diags, im.declRange());
        if (ir.diagnostics().stream().anyMatch(x -> x.isError()) || ir.importedResources().isEmpty()) {
            return null;
        }
        ImportedResource imp = ir.importedResources().get(0);
        ReadResourceResponse rr = t.provider().client().readResource(new ReadResourceRequest(t.rc().addr().type(),
                imp.state(), imp.privateData(), null, null, null));
        Providers.report(rr.diagnostics(), diags, im.declRange());
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
        return new Imported(id, obj, rr.privateData() == null ? new byte[0] : rr.privateData());
    }
}
