package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.ProviderMain;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Both ends of a plugin connection stop their own network threads when they shut down, so that
 * no thread is left waiting in native code (epoll_wait) when the JVM exits: HotSpot's exit waits
 * up to 300 ms for such threads, in the provider (whose exit the host waits for) and in the host.
 * With gRPC's shared event loop, its threads lived on for a second after the last channel closed.
 */
class PluginEventLoopShutdownTest {

    @Test
    void hostStopsTheConnectionsEventLoopWhenItClosesThePlugin() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        PluginProviderClient client = new PluginProviderClient(JavaProviders.spec("", "tcp"), Duration.ofSeconds(30));
        try {
            assertThat(client.getProviderSchema(GetProviderSchemaRequest.INSTANCE).diagnostics()).isEmpty();
            assertThat(newThreads(before, "plugin-io-capstan/test")).as("the connection's own event loop")
                    .isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        } finally {
            client.close();
        }
        assertThat(newThreads(before, "plugin-io-capstan/test")).as("event loop threads left after close").isEmpty();
    }

    @Test
    void serverStopsItsEventLoopWhenItStops() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        PluginServer server = PluginServer.start(Map.of(HandshakeConfig.TERRAFORM.cookieKey(),
                        HandshakeConfig.TERRAFORM.cookieValue(), "PLUGIN_PROTOCOL_VERSIONS", "6"),
                new PrintStream(new ByteArrayOutputStream()), HandshakeConfig.TERRAFORM,
                ProviderMain.services(Provider.builder("quiet").build()), false);
        ManagedChannel channel = NettyChannelBuilder.forTarget(server.handshakeLine().address()).usePlaintext().build();
        try {
            HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.MINUTES)
                    .check(HealthCheckRequest.newBuilder().setService("plugin").build());
            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(newThreads(before, "plugin-server-io")).as("the server's own event loop")
                    .isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
        server.awaitTermination();
        assertThat(newThreads(before, "plugin-server-io")).as("event loop threads left after stop").isEmpty();
    }

    /** Live threads named {@code prefix...} that were not in {@code before}. */
    private static List<Thread> newThreads(Set<Thread> before, String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix) && !before.contains(t))
                .collect(Collectors.toList());
    }
}
