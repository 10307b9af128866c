package io.capstan.orchestrator.agent;

import io.capstan.orchestrator.agent.docker.DockerEngine;
import io.capstan.orchestrator.agent.docker.DockerException;
import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.DeleteRequest;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.InstanceStatus;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.Node;
import io.capstan.orchestrator.api.v1.NodeSpec;
import io.capstan.orchestrator.api.v1.NodeStatus;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.api.v1.WatchEvent;
import io.capstan.orchestrator.api.v1.WatchRequest;
import io.capstan.orchestrator.client.Connection;
import io.capstan.orchestrator.proxy.ServiceProxy;
import io.capstan.orchestrator.security.JoinToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node agent: joins the cluster with a join token (trusting the CA by its fingerprint),
 * registers its node with its capacity, heartbeats, runs the instances bound to it through
 * {@link InstanceSupervisor}s and reports their state, and runs the node's service proxy.
 */
public final class NodeAgent implements AutoCloseable {
    /** How to run an agent. */
    public record Options(String server, String joinToken, String nodeName, String address, Path dataDir,
                          long cpuMillis, long memoryMb, Map<String, String> labels, long heartbeatMs, long drainMs,
                          Path dockerSocket) {
        /** The Docker daemon's socket: {@code $CAPSTAN_DOCKER_HOST} (a path or {@code unix://} URL), else /var/run/docker.sock. */
        public static Path defaultDockerSocket() {
            return Path.of(System.getenv().getOrDefault("CAPSTAN_DOCKER_HOST", "/var/run/docker.sock").replaceFirst("^unix://", ""));
        }

        public Options(String server, String joinToken, String nodeName, String address, Path dataDir,
                       long cpuMillis, long memoryMb, Map<String, String> labels, long heartbeatMs, long drainMs) {
            this(server, joinToken, nodeName, address, dataDir, cpuMillis, memoryMb, labels, heartbeatMs, drainMs, defaultDockerSocket());
        }

        public Options {
            Objects.requireNonNull(dockerSocket);
            Objects.requireNonNull(server);
            Objects.requireNonNull(joinToken);
            Objects.requireNonNull(nodeName);
            Objects.requireNonNull(address);
            Objects.requireNonNull(dataDir);
            labels = Map.copyOf(labels);
        }
    }

    private final Options options;
    private final String cluster;
    private volatile ContainerAdoption adoption = ContainerAdoption.none();
    private volatile ProcessAdoption processes;
    private volatile DockerEngine docker;
    private volatile boolean synced;
    private volatile long heartbeatMs;
    private final Connection conn;
    private final LogService logs;
    private final ServiceProxy proxy;
    private final Map<String, InstanceSupervisor> running;
    private final Set<String> draining = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private final Thread syncThread;
    private final Thread heartbeatThread;
    private volatile boolean closed;

    private NodeAgent(Options options, String cluster, Connection conn, LogService logs, Map<String, InstanceSupervisor> running) {
        this.options = options;
        this.cluster = cluster;
        this.conn = conn;
        this.logs = logs;
        this.running = running;
        this.proxy = new ServiceProxy(conn, options.address());
        this.syncThread = new Thread(this::syncLoop, "agent-sync");
        this.syncThread.setDaemon(true);
        this.heartbeatThread = new Thread(this::heartbeatLoop, "agent-heartbeat");
        this.heartbeatThread.setDaemon(true);
    }

    public static NodeAgent start(Options o) throws IOException {
        JoinToken join = JoinToken.parse(o.joinToken()).orElseThrow(() -> new IOException(
                "the join token is malformed (expected CAPJ1.<ca-fingerprint>.<secret>, as in DATA/join.token of the server)"));
        Files.createDirectories(o.dataDir());
        // processes a crashed predecessor left running are adopted, not started twice
        ProcessAdoption processes = ProcessAdoption.scan(o.dataDir());
        Connection conn = Connection.openWithFingerprint(o.server(), join.caFingerprint(), join.secret());
        Map<String, InstanceSupervisor> running = new ConcurrentHashMap<>();
        LogService logs = LogService.start(o.address(), o.dataDir(), join.secret(), id -> {
            InstanceSupervisor s = running.get(id);
            ContainerWorkload c = s == null ? null : s.container();
            return c == null ? null : c::output;
        });
        NodeAgent a = new NodeAgent(o, join.caFingerprint().substring(0, 16), conn, logs, running);
        a.processes = processes;
        if (Files.exists(o.dockerSocket())) {
            try {
                a.adoption = ContainerAdoption.scan(a.docker(), a.containerLabels());
            } catch (DockerException e) {
                // no daemon answers: nothing of ours runs there
            }
        }
        try {
            a.register();
        } catch (StatusRuntimeException e) {
            a.close();
            throw new IOException("cannot join " + o.server() + ": " + describe(e), e);
        }
        a.heartbeatThread.start();
        a.syncThread.start();
        a.watch(Kind.INSTANCE, () -> a.wake.release());
        a.proxy.start();
        a.watch(Kind.SERVICE, a.proxy::wake);
        a.watch(Kind.ENDPOINTS, a.proxy::wake);
        return a;
    }

    /** The Docker daemon, connected on first use; a clear error when there is none. */
    DockerEngine docker() throws DockerException {
        DockerEngine d = docker;
        if (d == null) {
            synchronized (this) {
                if (docker == null) {
                    docker = DockerEngine.connect(options.dockerSocket());
                }
                d = docker;
            }
        }
        return d;
    }

    /** Labels every container this agent starts carries, so that a restarted agent finds exactly its own. */
    Map<String, String> containerLabels() {
        return Map.of(ContainerWorkload.CLUSTER_LABEL, cluster, ContainerWorkload.NODE_LABEL, options.nodeName());
    }

    static String describe(StatusRuntimeException e) {
        String d = e.getStatus().getDescription();
        return e.getStatus().getCode() + (d == null ? "" : ": " + d);
    }

    Path dataDir() {
        return options.dataDir();
    }

    String address() {
        return options.address();
    }

    public String nodeName() {
        return options.nodeName();
    }

    private ApiObject nodeObject(ApiObject base) {
        long now = System.currentTimeMillis();
        Resources cap = Resources.newBuilder().setCpuMillis(options.cpuMillis()).setMemoryMb(options.memoryMb()).build();
        ApiObject.Builder b = base == null
                ? ApiObject.newBuilder().setKind("Node").setMetadata(ObjectMeta.newBuilder().setName(options.nodeName()))
                : base.toBuilder();
        b.getMetadataBuilder().putAllLabels(options.labels());
        b.setNode(Node.newBuilder()
                .setSpec(NodeSpec.newBuilder().setAddress(options.address())
                        .setUnschedulable(base != null && base.getNode().getSpec().getUnschedulable()))
                .setStatus(NodeStatus.newBuilder().setCapacity(cap).setAllocatable(cap).setHeartbeatMs(now)
                        .setCondition("Ready").setAgentVersion("capstan-agent/1").setHeartbeatIntervalMs(options.heartbeatMs())
                        .setLogEndpoint("http://" + options.address() + ":" + logs.port())));
        return b.build();
    }

    /** Creates or refreshes the node object; remembers the heartbeat interval the server answers with. */
    private void register() {
        for (int attempt = 0; ; attempt++) {
            try {
                ApiObject cur = conn.blocking().get(GetRequest.newBuilder().setKind("Node").setName(options.nodeName()).build());
                assigned(conn.blocking().update(nodeObject(cur)));
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    try {
                        assigned(conn.blocking().create(nodeObject(null)));
                        return;
                    } catch (StatusRuntimeException ce) {
                        if (ce.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                            throw ce;
                        }
                    }
                } else if (e.getStatus().getCode() != Status.Code.ABORTED
                        && (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt > 20)) {
                    throw e;
                } else {
                    sleep(250);
                }
            }
        }
    }

    private void assigned(ApiObject node) {
        long ms = node.getNode().getStatus().getHeartbeatIntervalMs();
        heartbeatMs = ms > 0 ? ms : options.heartbeatMs();
    }

    private void heartbeatLoop() {
        while (!closed) {
            // a little early at random, so that a stretched cluster's heartbeats do not come in waves
            long ms = heartbeatMs;
            sleep(ms - (long) (ms * 0.1 * Math.random()));
            try {
                register();
            } catch (RuntimeException e) {
                // the server may be restarting; the next beat tries again
            }
        }
    }

    /** Keeps a watch of a kind open (re-opening it after errors) and calls {@code onChange} for every event. */
    void watch(Kind kind, Runnable onChange) {
        if (closed) {
            return;
        }
        conn.async().watch(WatchRequest.newBuilder().setKind(kind.wireName()).setNamespace("*").build(), new StreamObserver<>() {
            @Override
            public void onNext(WatchEvent e) {
                onChange.run();
            }

            @Override
            public void onError(Throwable t) {
                reopen();
            }

            @Override
            public void onCompleted() {
                reopen();
            }

            private void reopen() {
                if (!closed) {
                    Thread t = new Thread(() -> {
                        sleep(500);
                        onChange.run();
                        watch(kind, onChange);
                    }, "rewatch");
                    t.setDaemon(true);
                    t.start();
                }
            }
        });
    }

    private void syncLoop() {
        while (!closed) {
            try {
                wake.tryAcquire(1000, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                sync();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // server unreachable: keep running what we run, try again
            }
        }
    }

    private void sync() {
        List<ApiObject> all = conn.blocking().list(ListRequest.newBuilder().setKind("Instance").setNamespace("*").build()).getItemsList();
        Set<String> mine = new HashSet<>();
        for (ApiObject i : all) {
            if (!i.getInstance().getSpec().getNode().equals(options.nodeName())) {
                continue;
            }
            String id = i.getMetadata().getNamespace() + "/" + i.getMetadata().getName();
            mine.add(id);
            InstanceSupervisor sup = running.get(id);
            if (i.getInstance().getSpec().getTerminating()) {
                if (draining.add(id)) {
                    retire(id, i, sup);
                }
            } else if (sup == null) {
                sup = new InstanceSupervisor(this, i, adoption.claim(id), processes.claim(id));
                running.put(id, sup);
                sup.start();
            }
        }
        for (var e : new HashMap<>(running).entrySet()) {
            if (!mine.contains(e.getKey()) && !draining.contains(e.getKey())) {
                running.remove(e.getKey());
                e.getValue().stop(0);
            }
        }
        if (!synced) {
            synced = true;
            adoption.removeUnclaimed();
            processes.removeUnclaimed();
        }
    }

    private void retire(String id, ApiObject i, InstanceSupervisor sup) {
        Thread t = new Thread(() -> {
            try {
                if (sup != null) {
                    sup.stop(options.drainMs());
                    sup.awaitStopped(120_000);
                }
                running.remove(id);
                conn.blocking().delete(DeleteRequest.newBuilder().setKind("Instance").setNamespace(i.getMetadata().getNamespace())
                        .setName(i.getMetadata().getName()).build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // already gone
            } finally {
                draining.remove(id);
            }
        }, "retire " + id);
        t.setDaemon(true);
        t.start();
    }

    /** Read-modify-writes an instance's status, if it is still bound to this node. */
    void report(String namespace, String name, Consumer<InstanceStatus.Builder> change) {
        for (int attempt = 0; attempt < 30 && !closed; attempt++) {
            try {
                ApiObject cur = conn.blocking().get(GetRequest.newBuilder().setKind("Instance").setNamespace(namespace).setName(name).build());
                if (!cur.getInstance().getSpec().getNode().equals(options.nodeName())) {
                    return;
                }
                ApiObject.Builder b = cur.toBuilder();
                change.accept(b.getInstanceBuilder().getStatusBuilder());
                conn.blocking().update(b.build());
                return;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return;
                }
                if (e.getStatus().getCode() != Status.Code.ABORTED) {
                    sleep(200);
                }
            }
        }
    }

    Map<String, String> configMap(String namespace, String name) {
        try {
            return conn.blocking().get(GetRequest.newBuilder().setKind("ConfigMap").setNamespace(namespace).setName(name).build())
                    .getConfigMap().getDataMap();
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("config map \"" + name + "\": " + describe(e));
        }
    }

    Map<String, String> secret(String namespace, String name) {
        try {
            return conn.blocking().get(GetRequest.newBuilder().setKind("Secret").setNamespace(namespace).setName(name).build())
                    .getSecret().getDataMap();
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("secret \"" + name + "\": " + describe(e));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every instance (SIGTERM, then SIGKILL after grace) and leaves the cluster's connection. */
    @Override
    public void close() {
        closed = true;
        proxy.close();
        for (InstanceSupervisor s : running.values()) {
            s.stop(0);
        }
        for (InstanceSupervisor s : running.values()) {
            try {
                s.awaitStopped(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        logs.close();
        syncThread.interrupt();
        heartbeatThread.interrupt();
        conn.close();
    }
}
