package io.capstan.orchestrator.sim;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.DeleteRequest;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.Node;
import io.capstan.orchestrator.api.v1.NodeSpec;
import io.capstan.orchestrator.api.v1.NodeStatus;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.api.v1.WatchEvent;
import io.capstan.orchestrator.api.v1.WatchRequest;
import io.capstan.orchestrator.client.Connection;
import io.capstan.orchestrator.security.JoinToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many fake nodes in one process, like Kubernetes' kwok: each registers a Ready node, heartbeats
 * at the interval the server assigns (stretched as the cluster grows), and reports the instances
 * bound to it as running and ready — without running anything — and deletes them when they are
 * terminated. {@link #kill} silences nodes (no more heartbeats or reports), as a node's death would.
 * Every node shares one connection and a few threads, so thousands fit in one JVM.
 */
public final class SimulatedNodes implements AutoCloseable {
    /** How many fake nodes, named {@code PREFIX-00001...}, with which capacity and requested heartbeat interval. */
    public record Options(String server, String joinToken, String prefix, int count, long cpuMillis, long memoryMb,
                          long heartbeatMs, int threads) {
        public Options {
            Objects.requireNonNull(server);
            Objects.requireNonNull(joinToken);
            Objects.requireNonNull(prefix);
        }
    }

    private final Options options;
    private final Connection conn;
    private final ScheduledExecutorService pool;
    /** Instance reports have their own threads: a burst of placements must not delay heartbeats (and make nodes NotReady). */
    private final java.util.concurrent.ExecutorService reporters;
    private final Map<String, ApiObject> nodes = new ConcurrentHashMap<>();
    private final Set<String> dead = ConcurrentHashMap.newKeySet();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean closed;

    private SimulatedNodes(Options options, Connection conn) {
        this.options = options;
        this.conn = conn;
        this.pool = Executors.newScheduledThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(r, "sim-nodes");
            t.setDaemon(true);
            return t;
        });
        // reports block on the server's durable writes: many in flight let its group commit carry them together
        this.reporters = Executors.newFixedThreadPool(Math.max(8, 4 * options.threads()), r -> {
            Thread t = new Thread(r, "sim-reports");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers every node (returns once all are registered), then heartbeats and reports in the background. */
    public static SimulatedNodes start(Options o) throws IOException {
        JoinToken join = JoinToken.parse(o.joinToken()).orElseThrow(() -> new IOException("the join token is malformed"));
        SimulatedNodes s = new SimulatedNodes(o, Connection.openWithFingerprint(o.server(), join.caFingerprint(), join.secret()));
        List<java.util.concurrent.Future<?>> regs = new ArrayList<>();
        for (int i = 1; i <= o.count(); i++) {
            String name = String.format("%s-%05d", o.prefix(), i);
            regs.add(s.pool.submit(() -> s.beat(name)));
        }
        for (var f : regs) {
            try {
                f.get();
            } catch (Exception e) {
                s.close();
                throw new IOException("cannot register simulated nodes: " + e.getMessage(), e);
            }
        }
        for (String name : s.nodes.keySet()) {
            s.schedule(name, ThreadLocalRandom.current().nextLong(Math.max(1, s.interval(name))));
        }
        s.watchInstances();
        return s;
    }

    public List<String> names() {
        return nodes.keySet().stream().sorted().toList();
    }

    /** The heartbeat interval the server assigned to a node. */
    public long interval(String node) {
        ApiObject n = nodes.get(node);
        long ms = n == null ? 0 : n.getNode().getStatus().getHeartbeatIntervalMs();
        return ms > 0 ? ms : options.heartbeatMs();
    }

    public long heartbeats() {
        return heartbeats.get();
    }

    public long reports() {
        return reports.get();
    }

    public long errors() {
        return errors.get();
    }

    /** Silences these nodes from now on, as if they had died. */
    public void kill(Collection<String> names) {
        dead.addAll(names);
    }

    private void schedule(String name, long delayMs) {
        if (closed || dead.contains(name)) {
            return;
        }
        pool.schedule(() -> {
            try {
                beat(name);
            } catch (RuntimeException e) {
                errors.incrementAndGet();
            }
            long ms = interval(name);
            schedule(name, ms - (long) (ms * 0.1 * ThreadLocalRandom.current().nextDouble()));
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private ApiObject nodeObject(String name, ApiObject base) {
        Resources cap = Resources.newBuilder().setCpuMillis(options.cpuMillis()).setMemoryMb(options.memoryMb()).build();
        ApiObject.Builder b = base == null
                ? ApiObject.newBuilder().setKind("Node").setMetadata(ObjectMeta.newBuilder().setName(name).putLabels("simulated", "true"))
                : base.toBuilder();
        b.setNode(Node.newBuilder().setSpec(NodeSpec.newBuilder().setAddress("192.0.2.1")
                        .setUnschedulable(base != null && base.getNode().getSpec().getUnschedulable()))
                .setStatus(NodeStatus.newBuilder().setCapacity(cap).setAllocatable(cap).setHeartbeatMs(System.currentTimeMillis())
                        .setCondition("Ready").setAgentVersion("capstan-simulated/1").setHeartbeatIntervalMs(options.heartbeatMs())));
        return b.build();
    }

    /** One heartbeat: a compare-and-set of the node object on the version last seen (re-read after a conflict). */
    private void beat(String name) {
        if (dead.contains(name)) {
            return;
        }
        ApiObject last = nodes.get(name);
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                ApiObject written = last == null
                        ? conn.blocking().create(nodeObject(name, null))
                        : conn.blocking().update(nodeObject(name, last));
                nodes.put(name, written);
                heartbeats.incrementAndGet();
                return;
            } catch (StatusRuntimeException e) {
                Status.Code c = e.getStatus().getCode();
                if (c == Status.Code.ABORTED || c == Status.Code.ALREADY_EXISTS || c == Status.Code.NOT_FOUND) {
                    try {
                        last = conn.blocking().get(GetRequest.newBuilder().setKind("Node").setName(name).build());
                    } catch (StatusRuntimeException missing) {
                        last = null;
                    }
                } else if (c == Status.Code.UNAVAILABLE && attempt < 4) {
                    // a connection still being set up (TLS on a loaded machine) or a server restarting
                    try {
                        Thread.sleep(500L << attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                } else {
                    throw e;
                }
            }
        }
        errors.incrementAndGet();
    }

    private void watchInstances() {
        if (closed) {
            return;
        }
        conn.async().watch(WatchRequest.newBuilder().setKind("Instance").setNamespace("*").build(), new StreamObserver<>() {
            @Override
            public void onNext(WatchEvent e) {
                if (e.getType().equals("PUT")) {
                    reporters.execute(() -> handle(e.getObject()));
                }
            }

            @Override
            public void onError(Throwable t) {
                if (!closed) {
                    pool.schedule(SimulatedNodes.this::watchInstances, 500, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void onCompleted() {
                onError(null);
            }
        });
    }

    /** An instance bound to one of our live nodes: report it running and ready, or delete it once terminating. */
    private void handle(ApiObject i) {
        String node = i.getInstance().getSpec().getNode();
        if (!nodes.containsKey(node) || dead.contains(node)) {
            return;
        }
        String ns = i.getMetadata().getNamespace();
        String name = i.getMetadata().getName();
        try {
            if (i.getInstance().getSpec().getTerminating()) {
                conn.blocking().delete(DeleteRequest.newBuilder().setKind("Instance").setNamespace(ns).setName(name).build());
                reported.remove(ns + "/" + name);
                reports.incrementAndGet();
            } else if (!i.getInstance().getStatus().getReady() && reported.add(ns + "/" + name)) {
                long now = System.currentTimeMillis();
                ApiObject.Builder b = i.toBuilder();
                b.getInstanceBuilder().getStatusBuilder().setState("Running").setReady(true).setStartedMs(now).setReadySinceMs(now)
                        .setAddress("192.0.2.1");
                conn.blocking().update(b.build());
                reports.incrementAndGet();
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.ABORTED) {
                // changed meanwhile: the newer version arrives as another event
                reported.remove(ns + "/" + name);
            } else if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                errors.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        reporters.shutdownNow();
        conn.close();
    }
}
