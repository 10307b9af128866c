package io.capstan.provider.plugin;

import com.google.protobuf.Empty;
import io.capstan.provider.proto.goplugin.ConnInfo;
import io.capstan.provider.proto.goplugin.GRPCBrokerGrpc;
import io.capstan.provider.proto.goplugin.GRPCControllerGrpc;
import io.capstan.provider.proto.goplugin.GRPCStdioGrpc;
import io.capstan.provider.proto.goplugin.StdioData;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The go-plugin housekeeping services a plugin server offers besides its own: the
 * controller (the host asks it to exit), stdio (a Java plugin writes its logs to stderr
 * directly, so the stream stays open and empty until shutdown) and the broker (unused by
 * Terraform providers, but go-plugin hosts open its stream, so it must exist).
 */
final class PluginServices {
    private final Runnable onShutdown;
    private final List<StreamObserver<?>> openStreams = new CopyOnWriteArrayList<>();

    PluginServices(Runnable onShutdown) {
        this.onShutdown = onShutdown;
    }

    GRPCControllerGrpc.GRPCControllerImplBase controller() {
        return new GRPCControllerGrpc.GRPCControllerImplBase() {
            @Override
            public void shutdown(io.capstan.provider.proto.goplugin.Empty request,
                                 StreamObserver<io.capstan.provider.proto.goplugin.Empty> response) {
                response.onNext(io.capstan.provider.proto.goplugin.Empty.getDefaultInstance());
                response.onCompleted();
                Thread t = new Thread(onShutdown, "plugin-shutdown");
                t.setDaemon(true);
                t.start();
            }
        };
    }

    GRPCStdioGrpc.GRPCStdioImplBase stdio() {
        return new GRPCStdioGrpc.GRPCStdioImplBase() {
            @Override
            public void streamStdio(Empty request, StreamObserver<StdioData> response) {
                openStreams.add(response);
            }
        };
    }

    GRPCBrokerGrpc.GRPCBrokerImplBase broker() {
        return new GRPCBrokerGrpc.GRPCBrokerImplBase() {
            @Override
            public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> response) {
                openStreams.add(response);
                return new StreamObserver<>() {
                    @Override
                    public void onNext(ConnInfo value) {
                        // No sub-plugins to dial: a knock is refused rather than left waiting.
                        if (value.hasKnock() && value.getKnock().getKnock()) {
                            response.onNext(value.toBuilder().setKnock(ConnInfo.Knock.newBuilder()
                                    .setAck(false).setError("this plugin brokers no connections")).build());
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        openStreams.remove(response);
                    }

                    @Override
                    public void onCompleted() {
                        openStreams.remove(response);
                        response.onCompleted();
                    }
                };
            }
        };
    }

    /** Ends the open stdio and broker streams so the server can stop promptly. */
    void closeStreams() {
        for (StreamObserver<?> s : openStreams) {
            try {
                s.onCompleted();
            } catch (RuntimeException e) {
                // already closed by the peer
            }
        }
        openStreams.clear();
    }
}
