package io.capstan.orchestrator.server;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Namespace;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.controller.ControllerLoop;
import io.capstan.orchestrator.controller.DeploymentController;
import io.capstan.orchestrator.controller.EndpointsController;
import io.capstan.orchestrator.controller.NodeController;
import io.capstan.orchestrator.scheduler.Scheduler;
import io.capstan.orchestrator.security.CertificateAuthority;
import io.capstan.orchestrator.security.JoinToken;
import io.capstan.orchestrator.security.Principal;
import io.capstan.orchestrator.security.Role;
import io.capstan.orchestrator.security.TokenRegistry;
import io.capstan.orchestrator.store.EtcdStore;
import io.capstan.orchestrator.store.LeaderElection;
import io.capstan.orchestrator.store.Registry;
import io.capstan.orchestrator.store.SecretBox;
import io.capstan.orchestrator.store.SqliteStore;
import io.capstan.orchestrator.store.Store;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The composition root of {@code capstan orchestrator server}: opens the store in the data
 * directory, creates the CA, the bootstrap admin token and the join token on first start,
 * serves the gRPC API over TLS and runs the scheduler and controllers.
 */
public final class ControlPlane implements AutoCloseable {
    /** Where a control plane on etcd keeps its keys, so the cluster can be shared with other users. */
    public static final String ETCD_ROOT = "/capstan/orchestrator";
    /** How to run the control plane. */
    public record Options(Path dataDir, String host, int port, long nodeGraceMs, long controllerPeriodMs, String etcdEndpoints,
                          int maxHeartbeatsPerSecond) {
        /** Heartbeats per second the whole cluster may send before intervals are stretched (Nomad's default too). */
        public static final int DEFAULT_MAX_HEARTBEATS_PER_SECOND = 50;

        public Options {
            Objects.requireNonNull(dataDir);
            Objects.requireNonNull(host);
            if (maxHeartbeatsPerSecond <= 0) {
                throw new IllegalArgumentException("max heartbeats per second must be positive");
            }
        }

        public Options(Path dataDir, String host, int port, long nodeGraceMs, long controllerPeriodMs, String etcdEndpoints) {
            this(dataDir, host, port, nodeGraceMs, controllerPeriodMs, etcdEndpoints, DEFAULT_MAX_HEARTBEATS_PER_SECOND);
        }

        /** The single-server shape: the embedded SQLite store. */
        public Options(Path dataDir, String host, int port, long nodeGraceMs, long controllerPeriodMs) {
            this(dataDir, host, port, nodeGraceMs, controllerPeriodMs, null);
        }
    }

    private final Store store;
    private final LeaderElection election;
    private final Server server;
    private final ControllerLoop loop;
    private final CertificateAuthority ca;
    private final String joinToken;
    private final String adminToken;
    private final boolean firstStart;

    private ControlPlane(Store store, LeaderElection election, Server server, ControllerLoop loop, CertificateAuthority ca,
                         String joinToken, String adminToken, boolean firstStart) {
        this.store = store;
        this.election = election;
        this.server = server;
        this.loop = loop;
        this.ca = ca;
        this.joinToken = joinToken;
        this.adminToken = adminToken;
        this.firstStart = firstStart;
    }

    public static ControlPlane start(Options o) throws IOException {
        Path data = o.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        SecretBox box = SecretBox.open(data.resolve("secrets.key"));
        Store store = o.etcdEndpoints() == null
                ? SqliteStore.open(data.resolve("store.db"), k -> k.startsWith("/Secret/"), box)
                : EtcdStore.connect(o.etcdEndpoints(), ETCD_ROOT, k -> k.startsWith("/Secret/"), box);
        try {
            Registry registry = new Registry(store);
            TokenRegistry tokens = new TokenRegistry(store);
            CertificateAuthority ca = CertificateAuthority.ensure(data.resolve("tls"), List.of(o.host()));
            Path adminFile = data.resolve("admin.token");
            boolean first = !Files.exists(adminFile);
            if (first) {
                writeSecret(adminFile, tokens.create(new Principal("admin", Role.ADMIN, List.of())));
            }
            String admin = Files.readString(adminFile).trim();
            Path joinFile = data.resolve("join.token");
            if (!Files.exists(joinFile)) {
                String secret = tokens.newSecret();
                tokens.register(secret, new Principal("node-agent", Role.AGENT, List.of()));
                writeSecret(joinFile, new JoinToken(ca.fingerprint(), secret).format());
            }
            String join = Files.readString(joinFile).trim();
            if (registry.get(Kind.NAMESPACE, "", "default").isEmpty()) {
                registry.create(ApiObject.newBuilder().setKind("Namespace")
                        .setMetadata(ObjectMeta.newBuilder().setName("default")).setNamespace(Namespace.getDefaultInstance()).build());
            }
            ApiService api = new ApiService(registry, tokens, new LogFetcher(JoinToken.parse(join).orElseThrow().secret()),
                    new Heartbeats(registry, o.maxHeartbeatsPerSecond()));
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(o.host(), o.port()))
                    .sslContext(GrpcSslContexts.forServer(ca.serverCert().toFile(), ca.serverKey().toFile()).build())
                    .addService(ServerInterceptors.intercept(api, new AuthInterceptor(tokens)))
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .build().start();
            long now = System.currentTimeMillis();
            ControllerLoop loop = new ControllerLoop(store,
                    new DeploymentController(registry, System::currentTimeMillis),
                    new Scheduler(registry, 100),
                    new EndpointsController(registry),
                    new NodeController(registry, System::currentTimeMillis, o.nodeGraceMs()),
                    o.controllerPeriodMs());
            LeaderElection election = null;
            if (store instanceof EtcdStore etcd) {
                // every server serves the API; only the leader runs the scheduler and controllers
                String me = o.host() + ":" + server.getPort() + "/" + UUID.randomUUID();
                LeaderElection e = LeaderElection.start(etcd, "controllers", me, Duration.ofSeconds(3), new LeaderElection.Listener() {
                    @Override
                    public void elected() {
                        loop.wake();
                    }

                    @Override
                    public void demoted() {
                    }
                });
                loop.gate(e::isLeader);
                election = e;
            }
            loop.start();
            return new ControlPlane(store, election, server, loop, ca, join, admin, first);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void writeSecret(Path file, String text) throws IOException {
        Files.writeString(file, text + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX
        }
    }

    public int port() {
        return server.getPort();
    }

    public Path caCert() {
        return ca.caCert();
    }

    public String joinToken() {
        return joinToken;
    }

    public String adminToken() {
        return adminToken;
    }

    /** True when this start created the data directory's identity (CA, tokens): the admin token is shown once. */
    public boolean firstStart() {
        return firstStart;
    }

    public Store store() {
        return store;
    }

    /** True when this server runs the scheduler and controllers (always, without etcd). */
    public boolean leader() {
        return election == null || election.isLeader();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        if (election != null) {
            election.close();
        }
        loop.close();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
