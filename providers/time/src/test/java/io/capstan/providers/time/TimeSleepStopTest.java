package io.capstan.providers.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.StopProviderRequest;
import io.capstan.provider.sdk.testing.ProviderHarness;
import io.capstan.provider.sdk.testing.ResourceUnderTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * StopProvider (what Terraform and Capstan send on Ctrl-C) cancels a running time_sleep: the
 * apply of a ten-minute sleep returns with an error diagnostic instead of waiting, no object is
 * created, and the provider keeps serving later calls. In process and as a real plugin process
 * over gRPC (where the stop arrives on another connection thread while the apply blocks).
 */
class TimeSleepStopTest {
    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("in process", (Supplier<ProviderHarness>) () -> ProviderHarness.inProcess(TimeProvider.create())),
                Arguments.of("plugin process", (Supplier<ProviderHarness>) () -> ProviderHarness.javaProcess(
                        "registry.terraform.io/capstan/time", "io.capstan.providers.time.Main")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void stopProviderCancelsARunningSleep(String name, Supplier<ProviderHarness> start) throws Exception {
        try (ProviderHarness h = start.get().configure(Map.of())) {
            ResourceUnderTest sleep = h.resource("time_sleep");
            CompletableFuture<List<ProviderDiagnostic>> apply = CompletableFuture.supplyAsync(
                    () -> sleep.tryApply(Map.of("create_duration", "10m")));
            // The stop may arrive before the sleep starts (then it has nothing to cancel): repeat it
            // until the apply returns. A ten-minute bound would mean the stop never reached it.
            while (!apply.isDone()) {
                assertThat(h.client().stopProvider(StopProviderRequest.INSTANCE).error()).isEmpty();
                try {
                    apply.get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // not yet
                }
            }
            List<ProviderDiagnostic> diags = apply.get(1, TimeUnit.SECONDS);
            assertThat(diags).anySatisfy(d -> {
                assertThat(d.summary()).isEqualTo("Interrupted");
                assertThat(d.detail()).contains("create_duration sleep of 10m was cancelled");
            });
            assertThat(sleep.state()).as("no object was created").isNull();

            // The provider still works after a stop.
            assertThat(sleep.apply(Map.of("create_duration", "1ms")).getString("id")).isNotEmpty();
            sleep.destroy();
        }
    }
}
