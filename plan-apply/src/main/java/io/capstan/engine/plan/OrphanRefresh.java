package io.capstan.engine.plan;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Provider;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.schema.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes the managed objects in state that no resource instance of the walk claimed: orphans,
 * whose block, module, count index or each key is gone. Terraform reads them too before planning
 * their deletion (announced as {@code addr: Refreshing state...}): one the provider no longer finds
 * is dropped from state, so nothing is planned for it, and recorded as "has been deleted" drift;
 * one that changed is kept as read, recorded as "has changed" drift.
 */
final class OrphanRefresh {
    private OrphanRefresh() {
    }

    /** Refreshes every managed, unclaimed object of {@code run.state} within the run's targets. */
    static void refresh(RunContext run, Diagnostics diags) {
        Map<String, ModuleInstance> modules = new HashMap<>();
        for (LiveState.Entry e : List.copyOf(run.state.entries().values())) {
            if (run.stop.stopped()) {
                return;
            }
            if ("data".equals(e.mode()) || run.claimed.contains(e.address()) || !run.targets.covers(e.address())) {
                continue;
            }
            AbsResourceInstance a = Orphans.address(e, modules);
            Provider p = Orphans.providerOf(e.provider());
            Providers.Started prov = a == null || p == null ? null : run.providers.get(e.provider(), p, diags);
            Schema schema = prov == null ? null : prov.schema().resourceSchemas().get(e.type());
            if (schema == null) {
                continue;
            }
            ObjectType type = SchemaTypes.impliedType(schema);
            ObjectRefresh.refresh(run, prov.client(), e, a.resource().key(), StateValues.value(e.instance(), type), type,
                    schema, null, null, (action, before, after) -> drift(run, e, a, action, before, after, type), diags);
        }
    }

    private static void drift(RunContext run, LiveState.Entry e, AbsResourceInstance a, Action action, Value before,
                              Value after, io.capstan.hcl.value.Type type) {
        run.drift.add(new ResourceChange(a.module(), a.resource().resource(), a.resource().key(), action, before, after,
                type, null, List.of(), e.provider(), e.instance().dependencies(), e.instance().createBeforeDestroy(),
                null));
    }
}
