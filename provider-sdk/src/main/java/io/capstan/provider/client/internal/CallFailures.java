package io.capstan.provider.client.internal;

import io.capstan.provider.client.ProviderDiagnostic;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Turns a failed RPC into the diagnostic a user sees: which provider, which call, what
 * happened (crashed, timed out, refused) and the provider's last output lines. Callers
 * never see a gRPC exception.
 */
public final class CallFailures {
    private final String providerName;
    private final Predicate<Duration> exitsWithin;
    private final Supplier<String> processState;

    /**
     * @param exitsWithin  whether the provider process has exited or exits within the given time
     * @param processState a description of the process (exit status, last output lines)
     */
    public CallFailures(String providerName, Predicate<Duration> exitsWithin, Supplier<String> processState) {
        this.providerName = Objects.requireNonNull(providerName, "providerName");
        this.exitsWithin = Objects.requireNonNull(exitsWithin, "exitsWithin");
        this.processState = Objects.requireNonNull(processState, "processState");
    }

    public String providerName() {
        return providerName;
    }

    /** Runs one RPC; a failure becomes a response built by {@code onFailure} from a diagnostic. */
    public <R> R call(String rpc, Supplier<R> body, Function<List<ProviderDiagnostic>, R> onFailure) {
        try {
            return body.get();
        } catch (StatusRuntimeException e) {
            return onFailure.apply(List.of(diagnostic(rpc, e)));
        } catch (IllegalArgumentException e) {
            return onFailure.apply(List.of(ProviderDiagnostic.error("Invalid response from provider " + providerName,
                    "The provider returned a response to the " + rpc + " call that Capstan cannot use: "
                            + e.getMessage() + "\nThis is a bug in the provider.")));
        }
    }

    ProviderDiagnostic diagnostic(String rpc, StatusRuntimeException e) {
        Status s = e.getStatus();
        String desc = s.getDescription() == null ? "" : ": " + s.getDescription();
        // A dying plugin drops its connection a moment before the OS reports its exit.
        boolean broken = s.getCode() == Status.Code.UNAVAILABLE || s.getCode() == Status.Code.CANCELLED
                || s.getCode() == Status.Code.INTERNAL || s.getCode() == Status.Code.UNKNOWN;
        if (exitsWithin.test(broken ? Duration.ofSeconds(2) : Duration.ZERO)) {
            return ProviderDiagnostic.error("Provider " + providerName + " crashed",
                    "The provider " + providerName + " stopped during the " + rpc + " call (" + s.getCode() + desc
                            + "). This is always a bug in the provider; please report it to its authors.\n"
                            + processState.get());
        }
        if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return ProviderDiagnostic.error("Provider " + providerName + " did not respond",
                    "The provider did not answer the " + rpc + " call in time" + desc + ".\n" + processState.get());
        }
        if (s.getCode() == Status.Code.UNIMPLEMENTED) {
            return ProviderDiagnostic.error("Provider " + providerName + " does not support " + rpc,
                    "The provider does not implement the " + rpc + " call" + desc
                            + ". It may be too old for this operation.");
        }
        return ProviderDiagnostic.error("Provider " + providerName + " failed",
                "The " + rpc + " call to the provider failed with " + s.getCode() + desc + ".\n" + processState.get());
    }
}
