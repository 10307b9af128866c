package io.capstan.orchestrator.server;

import io.capstan.orchestrator.security.Principal;
import io.capstan.orchestrator.security.TokenRegistry;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Objects;
import java.util.Optional;

/** Refuses every call without a valid bearer token and puts the caller's principal in the context. */
public final class AuthInterceptor implements ServerInterceptor {
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final Context.Key<Principal> PRINCIPAL = Context.key("capstan-principal");
    private final TokenRegistry tokens;

    public AuthInterceptor(TokenRegistry tokens) {
        this.tokens = Objects.requireNonNull(tokens);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String auth = headers.get(AUTHORIZATION);
        if (auth == null || !auth.startsWith("Bearer ")) {
            call.close(Status.UNAUTHENTICATED.withDescription("no token: every call needs \"authorization: Bearer <token>\""), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        Optional<Principal> p = tokens.lookup(auth.substring("Bearer ".length()).trim());
        if (p.isEmpty()) {
            call.close(Status.UNAUTHENTICATED.withDescription("the token is not valid"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(PRINCIPAL, p.get()), call, headers, next);
    }
}
