package io.capstan.orchestrator.client;

import io.capstan.orchestrator.api.v1.OrchestratorGrpc;
import io.capstan.orchestrator.security.FingerprintTrustManager;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A TLS channel to the API server carrying a bearer token on every call. */
public final class Connection implements AutoCloseable {
    private static final Metadata.Key<String> AUTH = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private final ManagedChannel channel;
    private final Channel authed;

    private Connection(ManagedChannel channel, String token) {
        this.channel = channel;
        this.authed = ClientInterceptors.intercept(channel, new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> m, CallOptions o, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(m, o)) {
                    @Override
                    public void start(Listener<R> l, Metadata h) {
                        if (token != null && !token.isEmpty()) {
                            h.put(AUTH, "Bearer " + token);
                        }
                        super.start(l, h);
                    }
                };
            }
        });
    }

    /** Connects trusting the CA certificate of a client config. */
    public static Connection open(ClientConfig c) throws IOException {
        SslContext ssl = c.caPem().isEmpty()
                ? GrpcSslContexts.forClient().build()
                : GrpcSslContexts.forClient().trustManager(new ByteArrayInputStream(c.caPem().getBytes(StandardCharsets.US_ASCII))).build();
        return new Connection(builder(c.address()).sslContext(ssl).build(), c.token());
    }

    /** Connects trusting any server whose CA has this SHA-256 fingerprint (an agent with a join token). */
    public static Connection openWithFingerprint(String address, String fingerprint, String token) throws IOException {
        SslContext ssl = GrpcSslContexts.forClient().trustManager(new FingerprintTrustManager(fingerprint)).build();
        return new Connection(builder(address).sslContext(ssl).build(), token);
    }

    private static NettyChannelBuilder builder(String address) {
        return NettyChannelBuilder.forTarget(address).keepAliveTime(15, TimeUnit.SECONDS).keepAliveWithoutCalls(true);
    }

    public OrchestratorGrpc.OrchestratorBlockingStub blocking() {
        return OrchestratorGrpc.newBlockingStub(authed).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public OrchestratorGrpc.OrchestratorStub async() {
        return OrchestratorGrpc.newStub(authed);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
