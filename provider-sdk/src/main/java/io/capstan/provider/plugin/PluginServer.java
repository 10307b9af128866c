package io.capstan.provider.plugin;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.health.v1.HealthCheckResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Provider side of the go-plugin handshake: what a plugin written in Java does so that
 * Terraform (or Capstan) can launch it. Checks the magic cookie, picks the highest
 * protocol version both sides support, serves the plugin's gRPC services plus health,
 * controller, stdio and broker on a loopback TCP port or a unix socket (with mutual TLS
 * when the host sent {@code PLUGIN_CLIENT_CERT}), and prints the handshake line. A Capstan host's
 * offer of a private directory ({@link PrivateSocket}) is taken when the directory is private:
 * then the plugin serves without TLS on a unix socket in it, whatever {@code unixSocket} says.
 */
public final class PluginServer {
    static {
        NettyEvents.off(); // before this class first uses Netty
    }

    /** What go-plugin prints when a plugin binary is run by hand. */
    public static final String NOT_A_PROGRAM = "This binary is a plugin. These are not meant to be executed directly.\n"
            + "Please execute the program that consumes these plugins, which will\n"
            + "load any plugins automatically";

    private final Server server;
    private final EventLoopGroup eventLoop;
    private final HandshakeLine handshake;
    private final PluginServices housekeeping;
    private final Path socketFile;
    /** The threads the plugin's own calls run on (see {@link OffloadedCalls}). */
    private final ExecutorService calls;

    private PluginServer(Server server, EventLoopGroup eventLoop, HandshakeLine handshake,
                         PluginServices housekeeping, Path socketFile, ExecutorService calls) {
        this.server = server;
        this.calls = calls;
        this.eventLoop = eventLoop;
        this.handshake = handshake;
        this.housekeeping = housekeeping;
        this.socketFile = socketFile;
    }

    /**
     * Starts serving and prints the handshake line to {@code stdout}.
     *
     * @param servicesByVersion the plugin's services for each protocol version it speaks
     * @param unixSocket        listen on a unix socket (as Go plugins do) instead of loopback TCP
     * @throws PluginServeException when the environment is not a plugin host's (wrong
     *                              cookie, no common protocol version) or listening fails
     */
    public static PluginServer start(Map<String, String> env, PrintStream stdout, HandshakeConfig handshake,
                                     Map<Integer, List<BindableService>> servicesByVersion, boolean unixSocket)
            throws PluginServeException {
        Objects.requireNonNull(env, "env");
        if (!handshake.cookieValue().equals(env.get(handshake.cookieKey()))) {
            throw new PluginServeException(NOT_A_PROGRAM);
        }
        int version = negotiate(env.get("PLUGIN_PROTOCOL_VERSIONS"), servicesByVersion.keySet());
        PluginCertificate serverCert = null;
        X509Certificate clientCert = null;
        String clientPem = env.get("PLUGIN_CLIENT_CERT");
        // a Capstan host's offer of a private directory: plaintext over a unix socket in it (see PrivateSocket)
        Path privateDir = PrivateSocket.accepted(env);
        if (privateDir == null && clientPem != null && !clientPem.isBlank()) {
            try {
                clientCert = PluginCertificate.parsePem(clientPem);
            } catch (GeneralSecurityException e) {
                throw new PluginServeException("Invalid PLUGIN_CLIENT_CERT: " + e.getMessage());
            }
            serverCert = PluginCertificate.generate();
        }
        NettyServerBuilder b;
        EventLoopGroup loop = null;
        Path socket = null;
        String network;
        String address;
        if (unixSocket || privateDir != null) {
            if (!Epoll.isAvailable()) {
                throw new PluginServeException("unix sockets need the native epoll transport: "
                        + Epoll.unavailabilityCause());
            }
            Path dir = privateDir != null ? privateDir
                    : Path.of(env.getOrDefault("PLUGIN_UNIX_SOCKET_DIR", System.getProperty("java.io.tmpdir")));
            socket = dir.resolve("plugin" + UUID.randomUUID().toString().substring(0, 8));
            loop = PluginLauncher.ioLoop("plugin-server-io", 2);
            b = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(loop).workerEventLoopGroup(loop);
            network = "unix";
            address = socket.toString();
        } else {
            // its own loop, not gRPC's shared one, for the reason given at PluginLauncher.ioLoop
            loop = PluginLauncher.ioLoop("plugin-server-io", 2);
            b = null;
            network = "tcp";
            address = null;
        }
        PluginServer[] self = new PluginServer[1];
        PluginServices housekeeping = new PluginServices(() -> self[0].stop());
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("plugin", HealthCheckResponse.ServingStatus.SERVING);
        Server server;
        ExecutorService calls = callPool();
        try {
            if (socket != null) {
                server = configure(b, servicesByVersion.get(version), health, housekeeping, serverCert, clientCert,
                        calls).build().start();
            } else {
                server = bindTcp(env, loop, servicesByVersion.get(version), health, housekeeping, serverCert,
                        clientCert, calls);
                address = "127.0.0.1:" + server.getPort();
            }
        } catch (IOException e) {
            if (loop != null) {
                loop.shutdownGracefully();
            }
            calls.shutdown();
            throw new PluginServeException("cannot listen for the plugin host: " + e.getMessage());
        }
        HandshakeLine line = new HandshakeLine(HandshakeConfig.CORE_PROTOCOL_VERSION, version, network, address,
                "grpc", serverCert == null ? null : serverCert.certificateDer());
        self[0] = new PluginServer(server, loop, line, housekeeping, socket, calls);
        stdout.println(line.format());
        stdout.flush();
        return self[0];
    }

    private static Server bindTcp(Map<String, String> env, EventLoopGroup loop, List<BindableService> services,
                                  HealthStatusManager health, PluginServices housekeeping,
                                  PluginCertificate serverCert, X509Certificate clientCert, ExecutorService calls)
            throws IOException, PluginServeException {
        int min = intEnv(env, "PLUGIN_MIN_PORT", 0);
        int max = intEnv(env, "PLUGIN_MAX_PORT", 0);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (min <= 0 || max < min) {
            return configure(tcp(new InetSocketAddress(loopback, 0), loop), services, health,
                    housekeeping, serverCert, clientCert, calls).build().start();
        }
        IOException last = null;
        for (int port = min; port <= max; port++) {
            try {
                return configure(tcp(new InetSocketAddress(loopback, port), loop), services,
                        health, housekeeping, serverCert, clientCert, calls).build().start();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no free port between " + min + " and " + max, last);
    }

    private static NettyServerBuilder tcp(InetSocketAddress at, EventLoopGroup loop) {
        return NettyServerBuilder.forAddress(at).bossEventLoopGroup(loop).workerEventLoopGroup(loop)
                .channelType(loop instanceof EpollEventLoopGroup ? EpollServerSocketChannel.class
                        : NioServerSocketChannel.class);
    }

    private static NettyServerBuilder configure(NettyServerBuilder b, List<BindableService> services,
                                                HealthStatusManager health, PluginServices housekeeping,
                                                PluginCertificate serverCert, X509Certificate clientCert,
                                                ExecutorService calls)
            throws PluginServeException {
        b.maxInboundMessageSize(PluginLauncher.MAX_MESSAGE_BYTES).flowControlWindow(PluginLauncher.FLOW_CONTROL_WINDOW);
        // every event on the network thread; the plugin's own calls go to a pool thread once each (OffloadedCalls).
        // Health, controller, stdio and broker answer without blocking, so they run where they arrive.
        b.directExecutor();
        for (BindableService s : services) {
            b.addService(OffloadedCalls.wrap(s.bindService(), calls));
        }
        b.addService(health.getHealthService());
        b.addService(housekeeping.controller());
        b.addService(housekeeping.stdio());
        b.addService(housekeeping.broker());
        if (serverCert != null) {
            try {
                b.sslContext(PluginTls.server(serverCert, clientCert));
            } catch (IOException e) {
                throw new PluginServeException("cannot set up TLS: " + e.getMessage());
            }
        }
        return b;
    }

    /** The highest version both the host offers and this plugin serves. */
    static int negotiate(String offered, java.util.Set<Integer> supported) throws PluginServeException {
        TreeSet<Integer> ours = new TreeSet<>(supported);
        if (ours.isEmpty()) {
            throw new PluginServeException("the plugin serves no protocol version");
        }
        if (offered == null || offered.isBlank()) {
            return ours.last();
        }
        TreeSet<Integer> common = new TreeSet<>();
        for (String v : offered.split(",")) {
            try {
                int n = Integer.parseInt(v.strip());
                if (ours.contains(n)) {
                    common.add(n);
                }
            } catch (NumberFormatException e) {
                // go-plugin ignores versions it cannot read
            }
        }
        if (common.isEmpty()) {
            throw new PluginServeException("Incompatible API version with plugin. Plugin versions: " + ours
                    + ", client versions: " + offered);
        }
        return common.last();
    }

    private static int intEnv(Map<String, String> env, String key, int dflt) throws PluginServeException {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new PluginServeException(key + " is not a number: " + v);
        }
    }

    /**
     * A plugin's {@code main}: serves with the process environment until the host shuts the
     * plugin down. Returns the exit code; on failure the reason goes to stderr, where the
     * host reads it (go-plugin plugins behave the same way).
     */
    public static int serveUntilShutdown(HandshakeConfig handshake, Map<Integer, List<BindableService>> services,
                                         boolean unixSocket) {
        try {
            PluginServer s = start(System.getenv(), System.out, handshake, services, unixSocket);
            s.awaitTermination();
            return 0;
        } catch (PluginServeException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    public HandshakeLine handshakeLine() {
        return handshake;
    }

    /** Blocks until the host asked the plugin to shut down (or {@link #stop()} was called). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
        PluginLauncher.stopLoop(eventLoop);
        calls.shutdown();
    }

    /** Daemon threads, started as calls need them and ended after a minute idle (as gRPC's default executor). */
    private static ExecutorService callPool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "plugin-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops serving: in-flight calls get two seconds to finish. */
    public void stop() {
        housekeeping.closeStreams();
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        PluginLauncher.stopLoop(eventLoop);
        calls.shutdown();
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
            } catch (IOException e) {
                // a stale socket file in a temp dir is harmless
            }
        }
    }
}
