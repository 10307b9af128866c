package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ApplyResourceChangeRequest;
import io.capstan.provider.client.ApplyResourceChangeResponse;
import io.capstan.provider.client.internal.CallFailures;
import io.capstan.provider.client.internal.GrpcProviderClient6;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.ProviderMain;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The executor benchmark (time_sleep x 100 per layer at -parallelism=100) is only as fast as
 * the provider server lets calls overlap: a plugin served by {@link PluginServer} must run
 * ApplyResourceChange calls side by side, not one at a time. Each create here waits on a
 * latch that only opens once all {@value #CALLS} calls are inside provider code at the same
 * time, so a server that serialised calls (one executor thread, a lock per call) fails the
 * test instead of passing slowly; no timing threshold is involved.
 */
class ConcurrentApplyTest {
    private static final int CALLS = 24;

    @Test
    void serverRunsApplyResourceChangeCallsSideBySide() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allInside = new CountDownLatch(CALLS);
        ResourceSchema schema = ResourceSchema.of(AttributeSpec.string("name").required(),
                AttributeSpec.string("id").computed());
        Resource gate = new Resource() {
            @Override
            public ResourceSchema schema() {
                return schema;
            }

            @Override
            public void create(ObjectData planned, Diagnostics diags) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                allInside.countDown();
                try {
                    // a guard against hanging, not a threshold: serialised calls never open the latch
                    if (!allInside.await(2, TimeUnit.MINUTES)) {
                        diags.error("not concurrent", "only " + most.get() + " of " + CALLS + " calls ran at once");
                    }
                } catch (InterruptedException e) {
                    diags.error("interrupted", e.toString());
                } finally {
                    inFlight.decrementAndGet();
                }
                planned.set("id", "id-" + planned.getString("name"));
            }
        };
        Provider provider = Provider.builder("gate").resource("gate_thing", gate).build();
        PluginServer server = PluginServer.start(Map.of(HandshakeConfig.TERRAFORM.cookieKey(),
                        HandshakeConfig.TERRAFORM.cookieValue(), "PLUGIN_PROTOCOL_VERSIONS", "6"),
                new PrintStream(new ByteArrayOutputStream()), HandshakeConfig.TERRAFORM,
                ProviderMain.services(provider), false);
        ManagedChannel channel = NettyChannelBuilder.forTarget(server.handshakeLine().address()).usePlaintext().build();
        ExecutorService callers = Executors.newFixedThreadPool(CALLS);
        try {
            GrpcProviderClient6 client = new GrpcProviderClient6(channel,
                    new CallFailures("gate", d -> false, () -> "running"), Duration.ofMinutes(3));
            ObjectType t = schema.type();
            List<Future<ApplyResourceChangeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Value planned = Value.object(Map.of("name", Value.of("n" + i), "id", Value.unknown(Type.STRING)));
                Value config = Value.object(Map.of("name", Value.of("n" + i), "id", Value.nullOf(Type.STRING)));
                calls.add(callers.submit(() -> client.applyResourceChange(new ApplyResourceChangeRequest("gate_thing",
                        WireCodec.INSTANCE.encode(Value.nullOf(t), t), WireCodec.INSTANCE.encode(planned, t),
                        WireCodec.INSTANCE.encode(config, t), null, null, null))));
            }
            for (int i = 0; i < CALLS; i++) {
                ApplyResourceChangeResponse r = calls.get(i).get(3, TimeUnit.MINUTES);
                assertThat(r.diagnostics()).as("call %d", i).isEmpty();
                Value state = WireCodec.INSTANCE.decode(r.newState(), t);
                assertThat(state.attr("id").asString()).isEqualTo("id-n" + i);
            }
            assertThat(most.get()).as("ApplyResourceChange calls inside provider code at once").isEqualTo(CALLS);
        } finally {
            callers.shutdownNow();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
    }
}
