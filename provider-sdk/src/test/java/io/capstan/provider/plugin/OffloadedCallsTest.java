package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.provider.proto.tfplugin6.GetProviderSchema;
import io.capstan.provider.proto.tfplugin6.ProviderGrpc;
import io.capstan.provider.proto.tfplugin6.StopProvider;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The plugin server hands each provider call to a pool thread once ({@link OffloadedCalls}):
 * provider code runs there, never on the network thread, in the call's gRPC context; an
 * exception in it ends that call with an error instead of leaving the host waiting; a call the
 * host gave up on does not stop the server from answering the next one.
 */
class OffloadedCallsTest {
    /** A provider service whose GetProviderSchema runs {@code body}, and whose StopProvider answers at once. */
    private static BindableService service(Runnable body) {
        return new ProviderGrpc.ProviderImplBase() {
            @Override
            public void getProviderSchema(GetProviderSchema.Request request,
                                          StreamObserver<GetProviderSchema.Response> out) {
                body.run();
                out.onNext(GetProviderSchema.Response.getDefaultInstance());
                out.onCompleted();
            }

            @Override
            public void stopProvider(StopProvider.Request request, StreamObserver<StopProvider.Response> out) {
                out.onNext(StopProvider.Response.getDefaultInstance());
                out.onCompleted();
            }
        };
    }

    private interface Body {
        void run(ProviderGrpc.ProviderBlockingStub stub) throws Exception;
    }

    private static void serve(BindableService service, Body body) throws Exception {
        PluginServer server = PluginServer.start(Map.of(HandshakeConfig.TERRAFORM.cookieKey(),
                        HandshakeConfig.TERRAFORM.cookieValue(), "PLUGIN_PROTOCOL_VERSIONS", "6"),
                new PrintStream(new ByteArrayOutputStream()), HandshakeConfig.TERRAFORM, Map.of(6, List.of(service)),
                false);
        ManagedChannel channel = NettyChannelBuilder.forTarget(server.handshakeLine().address()).usePlaintext().build();
        try {
            body.run(ProviderGrpc.newBlockingStub(channel));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
    }

    @Test
    void providerCodeRunsOnACallThreadInTheCallsContext() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicReference<Object> deadline = new AtomicReference<>();
        serve(service(() -> {
            thread.set(Thread.currentThread().getName());
            deadline.set(Context.current().getDeadline());
        }), stub -> {
            stub.withDeadlineAfter(5, TimeUnit.MINUTES).getProviderSchema(GetProviderSchema.Request.getDefaultInstance());
            assertThat(thread.get()).startsWith("plugin-call-");
            assertThat(deadline.get()).as("the host's deadline, seen through the call's context").isNotNull();
            // a second call is answered the same way (the call's queue is left idle after each call)
            thread.set(null);
            stub.getProviderSchema(GetProviderSchema.Request.getDefaultInstance());
            assertThat(thread.get()).startsWith("plugin-call-");
        });
    }

    @Test
    void anExceptionInProviderCodeEndsTheCallWithAnError() throws Exception {
        serve(service(() -> {
            throw new IllegalStateException("provider bug");
        }), stub -> {
            assertThatThrownBy(() -> stub.withDeadlineAfter(5, TimeUnit.MINUTES)
                    .getProviderSchema(GetProviderSchema.Request.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                        assertThat(e.getStatus().getDescription()).isEqualTo("Application error processing RPC");
                    });
            // the server still answers
            assertThat(stub.stopProvider(StopProvider.Request.getDefaultInstance()).getError()).isEmpty();
        });
    }

    @Test
    void aCallTheHostGaveUpOnLeavesTheServerAnswering() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(1);
        serve(service(() -> {
            inside.countDown();
            try {
                release.await(2, TimeUnit.MINUTES); // a guard against hanging, not a threshold
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), stub -> {
            Thread caller = new Thread(() -> {
                try {
                    stub.getProviderSchema(GetProviderSchema.Request.getDefaultInstance());
                } catch (StatusRuntimeException cancelled) {
                    // expected: the caller is interrupted below
                }
            });
            caller.start();
            assertThat(inside.await(2, TimeUnit.MINUTES)).isTrue();
            caller.interrupt(); // the blocking stub cancels the call
            caller.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(caller.isAlive()).isFalse();
            release.countDown(); // the provider code answers a cancelled call: no effect on the server
            assertThat(stub.stopProvider(StopProvider.Request.getDefaultInstance()).getError()).isEmpty();
        });
    }
}
