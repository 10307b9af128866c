package io.capstan.engine.plan;

import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.client.ReadResourceRequest;
import io.capstan.provider.client.ReadResourceResponse;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Schema;
import java.util.List;

/**
 * One managed object of state read back from its provider (ReadResource) before planning, as
 * terraform refreshes: announced ({@code addr: Refreshing state...}), what changed outside
 * recorded as drift, the live state updated. An object the provider no longer finds is removed
 * ("has been deleted"); a changed one is replaced by what was read ("has changed"), keeping the
 * prior object's sensitive paths (schema ones added) and its status (a tainted object stays
 * tainted). Shared by the instances of the configuration ({@link InstancePlanner}), the
 * orphans ({@link OrphanRefresh}) and the deposed objects ({@link DeposedObjects}), which differ
 * only in how their drift is addressed; a deposed object (its instance carries a deposed key) is
 * announced as {@code addr (deposed object KEY)} and stays deposed under its key.
 */
final class ObjectRefresh {
    private ObjectRefresh() {
    }

    /** Records one drift: DELETE (after is a null) or UPDATE, before and after marked sensitive as shown. */
    interface Drift {
        void record(Action action, Value before, Value after);
    }

    /**
     * Refreshes {@code entry}, whose object is {@code prior} of {@code type}; the provider's
     * diagnostics go to {@code diags} at {@code where}, attributed to {@code diagAddress} when not
     * null. Returns the object read (a null of {@code type} when it is gone), or null when the read
     * failed (the state is then left as it was).
     */
    static Value refresh(RunContext run, ProviderClient client, LiveState.Entry entry, InstanceKey key, Value prior,
                         ObjectType type, Schema schema, SourceRange where, String diagAddress, Drift drift,
                         Diagnostics diags) {
        String addr = entry.address();
        String deposed = entry.instance().deposed();
        event(run, addr, deposed, ChangeListener.Phase.REFRESHING, InstancePlanner.idOf(prior));
        // the built-in provider in-process: values in and out, no MessagePack (as InstancePlanner plans and applies)
        Value read = client instanceof BuiltinTerraformProvider builtin ? builtin.readValues(entry.type(), prior) : null;
        ReadResourceResponse rr = read != null
                ? new ReadResourceResponse(null, List.of(), StateValues.privateBytes(entry.instance()), null, null)
                : client.readResource(new ReadResourceRequest(entry.type(), WireCodec.INSTANCE.encode(prior, type),
                        StateValues.privateBytes(entry.instance()), null, null, null));
        Providers.report(rr.diagnostics(), diags, where, diagAddress);
        if (rr.hasErrors()) {
            return null;
        }
        Value refreshed = read != null ? read
                : rr.newState() == null ? Value.nullOf(type) : WireCodec.INSTANCE.decode(rr.newState(), type);
        event(run, addr, deposed, ChangeListener.Phase.REFRESHED, refreshed.isNull() ? null : InstancePlanner.idOf(refreshed));
        if (refreshed.isNull()) {
            drift.record(Action.DELETE, StateValues.marked(entry.instance(), type, schema.block()), Value.nullOf(type));
            if (deposed == null) {
                run.state.remove(addr);
            } else {
                run.state.removeDeposed(addr, deposed);
            }
        } else if (!refreshed.equals(prior)) {
            Value before = StateValues.marked(entry.instance(), type, schema.block());
            Value marked = Sensitivity.markSchema(Sensitivity.mark(refreshed, entry.instance().sensitiveAttributes()),
                    schema.block());
            drift.record(Action.UPDATE, before, marked);
            run.state.put(new LiveState.Entry(entry.module(), entry.mode(), entry.type(), entry.name(), entry.provider(),
                    StateValues.instance(key, schema.version(), marked, type, rr.privateData(),
                            entry.instance().dependencies(), entry.instance().createBeforeDestroy())
                            .withStatus(entry.instance().status()).withDeposed(deposed)));
        }
        return refreshed;
    }

    private static void event(RunContext run, String addr, String deposed, ChangeListener.Phase phase, String id) {
        if (deposed == null) {
            run.listener.event(addr, phase, id, 0);
        } else {
            run.listener.deposedEvent(addr, deposed, phase, id, 0);
        }
    }
}
