package io.capstan.cli;

import io.capstan.provider.plugin.HandshakeConfig;
import io.capstan.provider.plugin.PluginServer;
import io.capstan.provider.sdk.ProviderMain;
import io.capstan.providers.time.TimeProvider;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Java time provider, served as a plugin exactly as its own {@code Main} does, that also
 * appends the name of every RPC it receives to {@code calls.log} in its working directory (the
 * directory terraform or Capstan runs in): a provider that logs its calls, to count what a host asks.
 */
public final class CallLoggingTimeProvider {
    private CallLoggingTimeProvider() {
    }

    public static void main(String[] args) {
        Path log = Path.of("calls.log").toAbsolutePath();
        ServerInterceptor logging = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                              ServerCallHandler<Q, A> next) {
                append(log, call.getMethodDescriptor().getBareMethodName());
                return next.startCall(call, headers);
            }
        };
        Map<Integer, List<BindableService>> services = ProviderMain.services(TimeProvider.create()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                        .map(s -> (BindableService) () -> ServerInterceptors.intercept(s, logging)).toList()));
        System.exit(PluginServer.serveUntilShutdown(HandshakeConfig.TERRAFORM, services, false));
    }

    private static synchronized void append(Path log, String call) {
        try {
            Files.writeString(log, call + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
