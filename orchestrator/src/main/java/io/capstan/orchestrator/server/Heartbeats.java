package io.capstan.orchestrator.server;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.store.Registry;
import java.util.Objects;

/**
 * Heartbeat stretching, as Nomad does it: every heartbeat is a durable write, so the interval
 * each node is told to use grows with the cluster — {@code max(requested, nodes / maxPerSecond)}
 * — and the whole cluster never sends more than about {@code maxPerSecond} heartbeats per second
 * (above the size where the agents' own interval already keeps it lower). The server stamps the
 * interval into the node's status on every heartbeat; the agent sleeps that long, and the node
 * controller allows that interval plus the grace period before declaring the node NotReady.
 */
public final class Heartbeats {
    /** What an agent that does not say gets. */
    public static final long DEFAULT_INTERVAL_MS = 2000;
    private final Registry registry;
    private final int maxPerSecond;
    private volatile int nodes;
    private volatile long countedAt;

    public Heartbeats(Registry registry, int maxPerSecond) {
        this.registry = Objects.requireNonNull(registry);
        this.maxPerSecond = maxPerSecond;
    }

    /** The interval for a node that asks for {@code requestedMs} in a cluster of {@code nodes}. */
    public static long stretched(int nodes, long requestedMs, int maxPerSecond) {
        long requested = requestedMs > 0 ? requestedMs : DEFAULT_INTERVAL_MS;
        return Math.max(requested, (long) nodes * 1000L / maxPerSecond);
    }

    private int nodeCount() {
        long now = System.currentTimeMillis();
        if (now - countedAt > 1000) {
            nodes = registry.list(Kind.NODE, "").items().size();
            countedAt = now;
        }
        return nodes;
    }

    /** The node object as it is written: its heartbeat interval set to the stretched one. */
    ApiObject stamp(ApiObject node) {
        var st = node.getNode().getStatus();
        long interval = stretched(nodeCount() + (node.getMetadata().getResourceVersion() == 0 ? 1 : 0),
                st.getHeartbeatIntervalMs(), maxPerSecond);
        if (interval == st.getHeartbeatIntervalMs()) {
            return node;
        }
        ApiObject.Builder b = node.toBuilder();
        b.getNodeBuilder().getStatusBuilder().setHeartbeatIntervalMs(interval);
        return b.build();
    }
}
