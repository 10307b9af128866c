package io.capstan.orchestrator.controller;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.store.Registry;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Watches node heartbeats: a node silent for longer than its heartbeat interval plus the grace period goes NotReady, and
 * the instances bound to it are removed so their deployments replace them on other nodes.
 * Terminating instances whose node is gone or NotReady are removed too (nobody else will).
 */
public final class NodeController {
    private final Registry registry;
    private final LongSupplier clock;
    private final long graceMs;
    private final long startedMs;

    public NodeController(Registry registry, LongSupplier clock, long graceMs) {
        this.registry = Objects.requireNonNull(registry);
        this.clock = Objects.requireNonNull(clock);
        this.graceMs = graceMs;
        this.startedMs = clock.getAsLong();
    }

    public void reconcile() {
        long now = clock.getAsLong();
        Set<String> ready = new HashSet<>();
        for (ApiObject n : registry.list(Kind.NODE, "").items()) {
            var st = n.getNode().getStatus();
            // after a server restart, give every node a full grace period to check in
            long last = Math.max(st.getHeartbeatMs(), startedMs);
            // a node whose heartbeat interval was stretched (large clusters) gets that interval on top of the grace
            boolean alive = now - last <= graceMs + st.getHeartbeatIntervalMs();
            if (!alive && "Ready".equals(st.getCondition())) {
                registry.mutate(Kind.NODE, "", n.getMetadata().getName(), cur -> {
                    if (Math.max(cur.getNode().getStatus().getHeartbeatMs(), startedMs) != last) {
                        return null;
                    }
                    var b = cur.toBuilder();
                    b.getNodeBuilder().getStatusBuilder().setCondition("NotReady");
                    return b.build();
                });
            } else if (alive && "Ready".equals(st.getCondition())) {
                ready.add(n.getMetadata().getName());
            }
        }
        for (ApiObject i : registry.list(Kind.INSTANCE, null).items()) {
            String node = i.getInstance().getSpec().getNode();
            if (!node.isEmpty() && !ready.contains(node)) {
                registry.delete(Kind.INSTANCE, i.getMetadata().getNamespace(), i.getMetadata().getName(),
                        i.getMetadata().getResourceVersion());
            }
        }
    }
}
