package io.capstan.engine.plan;

import io.capstan.engine.walk.ParallelWalker;
import io.capstan.engine.walk.WalkResult;
import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Provider;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Refreshes the managed objects in state that no resource instance of the walk claimed: orphans,
 * whose block, module, count index or each key is gone. Terraform reads them too before planning
 * their deletion (announced as {@code addr: Refreshing state...}): one the provider no longer finds
 * is dropped from state, so nothing is planned for it, and recorded as "has been deleted" drift;
 * one that changed is kept as read, recorded as "has changed" drift.
 *
 * <p>As terraform's orphan nodes, they are read side by side, at most {@code -parallelism} at
 * once, by a {@link ParallelWalker} of the run: a stop (Ctrl-C) starts no further read and lets
 * the running ones finish. What they report is added in address order, whatever order they
 * finished in; drift is sorted with the plan's.
 */
final class OrphanRefresh {
    private OrphanRefresh() {
    }

    /** Refreshes every managed, unclaimed object of {@code run.state} within the run's targets. */
    static void refresh(RunContext run, Diagnostics diags) {
        List<LiveState.Entry> orphans = new ArrayList<>();
        for (LiveState.Entry e : run.state.entries().values()) {
            if (!"data".equals(e.mode()) && !run.claimed.contains(e.address()) && run.targets.covers(e.address())) {
                orphans.add(e);
            }
        }
        if (orphans.isEmpty() || run.stop.stopped()) {
            return;
        }
        orphans.sort(Comparator.comparing(LiveState.Entry::address));
        Map<String, ModuleInstance> modules = new HashMap<>();
        Graph<Integer, DefaultEdge> reads = io.capstan.graph.graph.Graphs.directed();
        AbsResourceInstance[] addrs = new AbsResourceInstance[orphans.size()];
        Diagnostics[] found = new Diagnostics[orphans.size()];
        for (int i = 0; i < orphans.size(); i++) {
            addrs[i] = Orphans.address(orphans.get(i), modules);
            found[i] = new Diagnostics();
            reads.addVertex(i);
        }
        WalkResult<Integer> r = run.stop.walker(new ParallelWalker<Integer>(run.options.parallelism(), run.chaos))
                .walk(reads, false, i -> {
                    refresh(run, orphans.get(i), addrs[i], found[i]);
                    return new Diagnostics(); // added below, in address order
                });
        for (Diagnostics d : found) {
            diags.addAll(d);
        }
        diags.addAll(r.diagnostics());
    }

    private static void refresh(RunContext run, LiveState.Entry e, AbsResourceInstance a, Diagnostics diags) {
        Provider p = Orphans.providerOf(e.provider());
        Providers.Started prov = a == null || p == null ? null : run.providers.get(e.provider(), p, diags);
        Schema schema = prov == null ? null : prov.schema().resourceSchemas().get(e.type());
        if (schema == null) {
            return;
        }
        ObjectType type = SchemaTypes.impliedType(schema);
        ObjectRefresh.refresh(run, prov.client(), e, a.resource().key(), StateValues.value(e.instance(), type), type,
                schema, null, null, (action, before, after) -> drift(run, e, a, action, before, after, type), diags);
    }

    private static void drift(RunContext run, LiveState.Entry e, AbsResourceInstance a, Action action, Value before,
                              Value after, io.capstan.hcl.value.Type type) {
        run.drift.add(new ResourceChange(a.module(), a.resource().resource(), a.resource().key(), action, before, after,
                type, null, List.of(), e.provider(), e.instance().dependencies(), e.instance().createBeforeDestroy(),
                null));
    }
}
