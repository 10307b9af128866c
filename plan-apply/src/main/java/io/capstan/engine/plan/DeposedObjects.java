package io.capstan.engine.plan;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Provider;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.schema.Schema;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deposed objects: the old object of a create-before-destroy replacement, kept in state under an
 * 8-hex-digit key (Terraform's {@code deposed}) from the moment the new object exists until the
 * old one is destroyed. Whatever a failed delete or a killed run left behind is planned for
 * deletion by every later plan, as Terraform's "(deposed object KEY) will be destroyed".
 */
final class DeposedObjects {
    /** Created when a key is first needed: every plan loads this class, few depose anything, and a SecureRandom's set-up costs a cold JVM about 0.1 s CPU. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private DeposedObjects() {
    }

    /** A fresh key, as Terraform makes them: 8 lowercase hex digits. */
    static String newKey() {
        return String.format("%08x", Random.INSTANCE.nextInt());
    }

    /**
     * Refreshes every deposed object within the run's targets (ReadResource), as terraform's plan
     * does before planning their deletion: one the provider no longer finds is dropped from state
     * (nothing left to destroy), one that changed is recorded as read. Announced as
     * {@code addr (deposed object KEY): Refreshing state...}.
     */
    static void refresh(RunContext run, Diagnostics diags) {
        for (LiveState.Entry e : List.copyOf(run.state.deposed())) {
            if (run.stop.stopped() || !run.targets.covers(e.address())) {
                continue;
            }
            Provider p = Orphans.providerOf(e.provider());
            Providers.Started prov = p == null ? null : run.providers.get(e.provider(), p, diags);
            Schema schema = prov == null ? null : prov.schema().resourceSchemas().get(e.type());
            if (schema == null) {
                continue;
            }
            ObjectType type = SchemaTypes.impliedType(schema);
            // terraform shows no drift for deposed objects: only current ones are compared
            ObjectRefresh.refresh(run, prov.client(), e, StateValues.key(e.instance().indexKey()),
                    StateValues.value(e.instance(), type), type, schema, null, null, (action, before, after) -> {
                    }, diags);
        }
    }

    /** One deletion per deposed object in {@code state} within {@code targets}. */
    static List<Orphans.Deletion> find(LiveState state, Providers providers, Targets targets, Diagnostics diags) {
        List<Orphans.Deletion> out = new ArrayList<>();
        Map<String, ModuleInstance> modules = new HashMap<>();
        for (LiveState.Entry e : state.deposed()) {
            if (!targets.covers(e.address())) {
                continue;
            }
            AbsResourceInstance a = Orphans.address(e, modules);
            Provider p = Orphans.providerOf(e.provider());
            Providers.Started prov = a == null || p == null ? null : providers.get(e.provider(), p, diags);
            Schema schema = prov == null ? null : prov.schema().resourceSchemas().get(e.type());
            if (schema == null) {
                continue;
            }
            ObjectType type = SchemaTypes.impliedType(schema);
            Value before = StateValues.marked(e.instance(), type, schema.block());
            out.add(new Orphans.Deletion(new ResourceChange(a.module(), a.resource().resource(), a.resource().key(),
                    Action.DELETE, before, Value.nullOf(type), type, null, List.of(), e.provider(),
                    e.instance().dependencies(), e.instance().createBeforeDestroy(), null, e.instance().deposed()),
                    prov));
        }
        return out;
    }
}
