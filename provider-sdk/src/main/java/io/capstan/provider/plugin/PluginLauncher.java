package io.capstan.provider.plugin;

import com.google.protobuf.Empty;
import io.capstan.provider.proto.goplugin.GRPCStdioGrpc;
import io.capstan.provider.proto.goplugin.StdioData;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host side of the go-plugin handshake: starts a plugin process with the magic cookie,
 * the offered protocol versions, a port range and (automatic mTLS) Capstan's ephemeral
 * client certificate; reads the handshake line from the plugin's stdout; connects over the
 * announced unix socket or TCP address, trusting only the certificate the plugin announced;
 * checks health; and forwards the plugin's stderr and GRPCStdio output to the log.
 * Every failure ends the process and is reported as a {@link PluginStartException}.
 */
public final class PluginLauncher {
    static {
        NettyEvents.off(); // before this class first uses Netty
    }

    private static final Logger LOG = LoggerFactory.getLogger(PluginLauncher.class);
    /** Provider schemas are big (the AWS provider's is tens of megabytes). */
    static final int MAX_MESSAGE_BYTES = 512 * 1024 * 1024;
    /**
     * The HTTP/2 flow-control window of a plugin connection, fixed (both ends set it). gRPC's
     * default tunes the window by bandwidth-delay probing: after each data frame it reads with
     * no probe in flight it sends a PING, which the peer answers, so with many calls in flight
     * nearly every call cost extra frames each way (each a TLS record); JFR put PING handling
     * in 2-5% of both processes' samples under bench/executor.sh. On
     * a loopback connection the probe has nothing to learn; 4 MiB lets even a large schema
     * (hashicorp/aws: 20 MB) flow in a few window updates.
     */
    static final int FLOW_CONTROL_WINDOW = 4 << 20;

    /**
     * Set to {@code tls} to ready TLS ahead of every plugin's answer, as before {@link #expectsTls}
     * (to weigh that guess: alternate runs with and without it on the same build).
     */
    static final String WARM_UP = "capstan.plugin.warmup";

    private PluginLauncher() {
    }

    public static PluginProcess launch(PluginLaunchSpec spec) throws PluginStartException {
        PluginCertificate clientCert = spec.autoMtls() ? PluginCertificate.generate() : null;
        // offered besides the certificate: only a provider on Capstan's SDK takes it (see PrivateSocket)
        Path privateDir = clientCert != null ? PrivateSocket.create() : null;
        ProcessBuilder pb = new ProcessBuilder(spec.command());
        if (spec.workDir() != null) {
            pb.directory(spec.workDir().toFile());
        }
        Map<String, String> env = pb.environment();
        env.putAll(pluginEnvironment(spec, clientCert));
        if (privateDir != null) {
            env.put(PrivateSocket.OFFER, privateDir.toString());
        } else {
            env.remove(PrivateSocket.OFFER); // never pass on an offer this host did not make
        }
        env.putAll(spec.environment());
        OutputTail tail = new OutputTail(40);
        PluginLogForwarder logs = new PluginLogForwarder(spec.name(), tail);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            PrivateSocket.delete(privateDir);
            throw new PluginStartException("Failed to start provider " + spec.name() + ": " + e.getMessage(), e);
        }
        PluginReaper.launching(process);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to close: the plugin never reads stdin
        }
        Thread stderr = logs.forward(process.getErrorStream(), "plugin-stderr-" + spec.name());
        EventLoopGroup loop = null;
        try {
            // the plugin takes a while to start (a Java plugin: its JVM, a second or more); meanwhile
            // this thread, which would only wait for the handshake line, readies its end of the connection
            loop = ioLoop("plugin-io-" + spec.name(), 1);
            boolean tls = expectsTls(spec, clientCert, privateDir) || "tls".equals(System.getProperty(WARM_UP));
            warmUp(tls ? clientCert : null);
            HandshakeLine hs = readHandshake(spec, process, logs, stderr, tail);
            return connect(spec, process, hs, clientCert, logs, tail, loop, privateDir);
        } catch (PluginStartException | RuntimeException e) {
            kill(process);
            stopLoop(loop);
            PrivateSocket.delete(privateDir);
            throw e;
        } finally {
            PluginReaper.launched(process); // registered by now as a PluginProcess, or killed
        }
    }

    /**
     * Does, ahead of the plugin's handshake line, the one-time work of a JVM's first plugin
     * connection that does not depend on the plugin's answer: Netty's TLS classes (whose
     * initialisation reads the JDK's default trust store, ~140 certificates), a client TLS
     * context and the ClientHello of an engine (key-share generation), and gRPC's channel
     * builder and registries. With the Java time provider on 2 cores (load 19-22, TF_LOG=DEBUG
     * timestamps, 8 alternated runs of validate) the median time from its handshake line to a
     * connected, healthy client went from 3.05 s to 1.52 s, and from the process's start to that
     * point from 4.27 s to 3.55 s (the handshake line comes later, as this competes with the
     * plugin's start for the CPU). Nothing here is kept but what the JVM caches anyway; a failure
     * only means the work is done later, when connecting, where it is reported as before.
     * The TLS part is skipped ({@code clientCert} null) when the plugin will most likely take the
     * private socket ({@link #expectsTls}): with the CLI's class-data archive it cost the host about
     * 0.28 s of CPU (0.43 s against 0.15 s for the gRPC part alone, median of 5, load 20 on 2
     * cores) that the SDK provider's JVM start then had to share the CPU with. The certificate
     * itself is made whatever the guess: it must be in the plugin's environment when it starts.
     */
    static void warmUp(PluginCertificate clientCert) {
        try {
            if (clientCert != null) {
                SslContext ssl = PluginTls.client(clientCert, clientCert.certificate());
                javax.net.ssl.SSLEngine engine = ssl.newEngine(io.grpc.netty.shaded.io.netty.buffer.ByteBufAllocator.DEFAULT);
                java.nio.ByteBuffer hello = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                engine.beginHandshake();
                engine.wrap(java.nio.ByteBuffer.allocate(0), hello);
                engine.closeOutbound();
                io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil.release(engine);
            }
            NettyChannelBuilder.forAddress("localhost", 1);
            io.grpc.NameResolverRegistry.getDefaultRegistry();
            io.grpc.LoadBalancerRegistry.getDefaultRegistry();
            io.grpc.Context.current();
        } catch (Exception | LinkageError e) {
            LOG.debug("preparing the plugin connection ahead of the handshake failed: {}", e.toString());
        }
    }

    /**
     * Whether the plugin will most likely answer with TLS, so that {@link #warmUp} should ready the
     * host's TLS ahead of its answer: when no private socket was offered (TLS is then the only
     * way), or when the plugin is a native executable (ELF: a Go provider, which ignores the
     * offer). A script (how a provider on Capstan's SDK starts its JVM) will most likely take
     * the offer, and the TLS warm-up would only compete with its start for the CPU. Only a guess
     * for the warm-up: what the plugin answers is checked in {@link #connect}, and a wrong guess
     * costs time, never safety (TLS set-up then happens when connecting).
     */
    static boolean expectsTls(PluginLaunchSpec spec, PluginCertificate clientCert, Path privateDir) {
        if (clientCert == null) {
            return false;
        }
        if (privateDir == null) {
            return true;
        }
        Path exe = Path.of(spec.command().get(0));
        byte[] head = new byte[2];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(exe)) {
            return in.readNBytes(head, 0, 2) < 2 || !(head[0] == '#' && head[1] == '!');
        } catch (IOException | RuntimeException e) {
            return true; // not a file this host can read (say, a command on the PATH): assume the usual TLS
        }
    }

    /** The environment go-plugin hosts give a plugin (besides the inherited one). */
    static Map<String, String> pluginEnvironment(PluginLaunchSpec spec, PluginCertificate clientCert) {
        Map<String, String> env = new HashMap<>();
        env.put(spec.handshake().cookieKey(), spec.handshake().cookieValue());
        env.put("PLUGIN_PROTOCOL_VERSIONS",
                spec.protocolVersions().stream().map(String::valueOf).collect(Collectors.joining(",")));
        env.put("PLUGIN_MIN_PORT", "10000");
        env.put("PLUGIN_MAX_PORT", "25000");
        if (clientCert != null) {
            env.put("PLUGIN_CLIENT_CERT", clientCert.certificatePem());
        }
        return env;
    }

    private static HandshakeLine readHandshake(PluginLaunchSpec spec, Process process, PluginLogForwarder logs,
                                               Thread stderr, OutputTail tail) throws PluginStartException {
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        Thread stdout = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                boolean first = true;
                while ((line = r.readLine()) != null) {
                    if (first) {
                        firstLine.complete(line);
                        first = false;
                    } else {
                        logs.accept(line);
                    }
                }
            } catch (IOException e) {
                LOG.debug("stopped reading stdout of {}: {}", spec.name(), e.getMessage());
            }
            firstLine.complete(null);
        }, "plugin-stdout-" + spec.name());
        stdout.setDaemon(true);
        stdout.start();
        String line;
        try {
            line = firstLine.get(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill(process);
            throw new PluginStartException("Provider " + spec.name() + " did not complete the plugin handshake within "
                    + seconds(spec) + " (no handshake line on stdout).\nLast lines the plugin wrote:\n"
                    + tail.render());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginStartException("Interrupted while starting provider " + spec.name(), e);
        } catch (ExecutionException e) {
            throw new PluginStartException("Failed to read from provider " + spec.name(), e.getCause());
        }
        if (line == null) {
            int status = waitForExit(process);
            joinQuietly(stderr);
            throw new PluginStartException("Provider " + spec.name() + " exited before completing the plugin handshake"
                    + (status >= 0 ? " (exit status " + status + ")" : "") + ".\nLast lines the plugin wrote:\n"
                    + tail.render());
        }
        try {
            HandshakeLine hs = HandshakeLine.parse(line);
            if (!spec.protocolVersions().contains(hs.appVersion())) {
                throw new IllegalArgumentException("plugin chose protocol version " + hs.appVersion()
                        + ", but Capstan offered " + spec.protocolVersions());
            }
            return hs;
        } catch (IllegalArgumentException e) {
            try {
                tail.awaitAnyLine(500); // an error path: what the plugin wrote first is worth the wait
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            kill(process);
            joinQuietly(stderr);
            throw new PluginStartException("Provider " + spec.name() + " printed an invalid plugin handshake: "
                    + e.getMessage() + ".\nUnrecognized remote plugin message: " + HandshakeLine.abbreviate(line)
                    + "\nThis usually means the plugin was not built for this program, or it printed"
                    + " something to stdout before the handshake.\nLast lines the plugin wrote:\n" + tail.render());
        }
    }

    private static PluginProcess connect(PluginLaunchSpec spec, Process process, HandshakeLine hs,
                                         PluginCertificate clientCert, PluginLogForwarder logs, OutputTail tail,
                                         EventLoopGroup loop, Path privateDir)
            throws PluginStartException {
        NettyChannelBuilder b;
        if (hs.network().equals("unix")) {
            if (!Epoll.isAvailable()) {
                throw new PluginStartException("Provider " + spec.name() + " listens on a unix socket, but native"
                        + " epoll transport is unavailable here: " + Epoll.unavailabilityCause());
            }
            b = NettyChannelBuilder.forAddress(new DomainSocketAddress(hs.address()))
                    .eventLoopGroup(loop).channelType(EpollDomainSocketChannel.class)
                    // gRPC asks for TCP keep-alive on every channel; a unix socket has none, and
                    // Netty would warn about it on every connection. A null value drops the option.
                    .withOption(ChannelOption.SO_KEEPALIVE, null);
        } else {
            int colon = hs.address().lastIndexOf(':');
            if (colon < 0) {
                throw new PluginStartException("Provider " + spec.name() + " announced a TCP address without a port: "
                        + hs.address());
            }
            String host = hs.address().substring(0, colon).replace("[", "").replace("]", "");
            b = NettyChannelBuilder.forAddress(host, Integer.parseInt(hs.address().substring(colon + 1)))
                    .eventLoopGroup(loop)
                    .channelType(loop instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class);
        }
        b.maxInboundMessageSize(MAX_MESSAGE_BYTES).flowControlWindow(FLOW_CONTROL_WINDOW);
        if (hs.serverCertDer() != null) {
            if (clientCert == null) {
                throw new PluginStartException("Provider " + spec.name() + " requires TLS, but Capstan sent no client"
                        + " certificate");
            }
            try {
                X509Certificate server = PluginCertificate.parseDer(hs.serverCertDer());
                SslContext ssl = PluginTls.client(clientCert, server);
                // go-plugin certificates are issued for "localhost", whatever the address.
                b.sslContext(ssl).negotiationType(NegotiationType.TLS).overrideAuthority("localhost");
            } catch (GeneralSecurityException | IOException e) {
                throw new PluginStartException("Provider " + spec.name()
                        + " sent an unusable TLS certificate in its handshake: " + e.getMessage(), e);
            }
        } else {
            if (clientCert != null && !(hs.network().equals("unix") && PrivateSocket.isIn(privateDir, hs.address()))) {
                // Terraform dials such a plugin with TLS all the same, and the connection fails; a
                // plaintext answer is taken only on a unix socket in the private directory offered
                throw new PluginStartException("Provider " + spec.name() + " answered the plugin handshake without a"
                        + " TLS certificate, at " + hs.network() + ":" + hs.address() + ", although Capstan sent it a"
                        + " client certificate (automatic mutual TLS). Capstan refuses a plaintext connection except"
                        + " on a unix socket in the private directory it offered"
                        + (privateDir != null ? " (" + privateDir + ")" : " (none was offered)")
                        + ".\nThis usually means the plugin ignores PLUGIN_CLIENT_CERT, or something other than the"
                        + " plugin answered; upgrade or rebuild the provider.");
            }
            // the plugin took this host's offer of a private socket (PrivateSocket), or the host asked for no TLS
            b.usePlaintext();
        }
        ManagedChannel channel = b.build();
        PluginProcess plugin = new PluginProcess(spec.name(), process, channel, loop, hs, tail, privateDir);
        try {
            HealthCheckResponse health = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("plugin").build());
            if (health.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
                throw new PluginStartException("Provider " + spec.name() + " reports health status "
                        + health.getStatus() + " instead of SERVING");
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                plugin.shutdown(java.time.Duration.ZERO);
                throw new PluginStartException("Cannot connect to provider " + spec.name() + " at " + hs.network() + ":"
                        + hs.address() + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription()
                        + "\n" + plugin.describeFailure(), e);
            }
            LOG.debug("provider {} has no health service; continuing", spec.name());
        } catch (PluginStartException e) {
            plugin.shutdown(java.time.Duration.ZERO);
            throw e;
        }
        consumeStdio(spec.name(), channel, logs);
        LOG.debug("provider {} started (pid {}, protocol {}, {} {}, tls={}, private socket={})", spec.name(),
                process.pid(), hs.appVersion(), hs.network(), hs.address(), hs.serverCertDer() != null,
                hs.network().equals("unix") && PrivateSocket.isIn(privateDir, hs.address()));
        return plugin;
    }

    /** Subscribes to GRPCStdio; go-plugin plugins mirror their stdout/stderr there. */
    private static void consumeStdio(String name, ManagedChannel channel, PluginLogForwarder logs) {
        StringBuilder partial = new StringBuilder();
        GRPCStdioGrpc.newStub(channel).streamStdio(Empty.getDefaultInstance(), new StreamObserver<>() {
            @Override
            public void onNext(StdioData data) {
                partial.append(data.getData().toStringUtf8());
                int nl;
                while ((nl = partial.indexOf("\n")) >= 0) {
                    logs.accept(partial.substring(0, nl));
                    partial.delete(0, nl + 1);
                }
            }

            @Override
            public void onError(Throwable t) {
                LOG.trace("stdio stream of {} ended: {}", name, t.getMessage());
            }

            @Override
            public void onCompleted() {
                if (partial.length() > 0) {
                    logs.accept(partial.toString());
                }
            }
        });
    }

    /**
     * An event loop of its own for one plugin connection (either end), of daemon threads, which
     * {@link PluginProcess#shutdown} and {@link PluginServer#awaitTermination} stop and wait for.
     * Not gRPC's shared loop: that one outlives the last channel by a second, its threads waiting
     * in epoll_wait, and a JVM that exits while any thread is in native code waits up to 300 ms
     * for it (HotSpot's VM_Exit::wait_for_threads_in_native_to_block) - in the provider, whose exit
     * the host waits for, and again in Capstan itself.
     */
    static EventLoopGroup ioLoop(String name, int threads) {
        DefaultThreadFactory daemons = new DefaultThreadFactory(name, true);
        return Epoll.isAvailable() ? new EpollEventLoopGroup(threads, daemons) : new NioEventLoopGroup(threads, daemons);
    }

    /**
     * Stops an event loop from {@link #ioLoop} and waits until its threads are gone (milliseconds;
     * the 5 s bound only guards against a loop stuck in a task).
     */
    static void stopLoop(EventLoopGroup loop) {
        if (loop == null) {
            return;
        }
        if (!loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            LOG.debug("plugin event loop did not stop within 5s");
        }
    }

    private static String seconds(PluginLaunchSpec spec) {
        long ms = spec.startTimeout().toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static int waitForExit(Process p) {
        try {
            return p.waitFor(2, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the plugin and anything it started (a wrapper script's children included). */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        if (p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
