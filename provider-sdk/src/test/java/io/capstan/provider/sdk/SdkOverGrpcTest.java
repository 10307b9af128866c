package io.capstan.provider.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.sdk.testing.PlannedChange.Action;
import io.capstan.provider.sdk.testing.ProviderHarness;
import io.capstan.provider.sdk.testing.ResourceUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example provider as a real plugin process, spoken to over protocol 6 and, forced,
 * protocol 5: schema, configure, plan, apply, refresh, replace, import and destroy all
 * cross the wire, and the process is gone afterwards.
 */
class SdkOverGrpcTest {

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {5, 6})
    void lifecycleOverTheWire(int protocol) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider("registry.terraform.io/capstan/example",
                Path.of(java)).withCommand(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), ExampleProvider.class.getName()))
                .withProtocolVersions(List.of(protocol));
        try (PluginProviderClient client = new PluginProviderClient(spec, Duration.ofSeconds(60));
             ProviderHarness h = ProviderHarness.of(client).configure(Map.of("region", "eu"))) {
            assertThat(client.process().protocolVersion()).isEqualTo(protocol);
            ResourceUnderTest r = h.resource("example_thing");
            ObjectData s = r.apply(Map.of("name", "a", "zone", "z1", "labels", Map.of("k", "v")));
            assertThat(s.getLong("size")).isEqualTo(1);
            r.assertNoChanges(Map.of("name", "a", "zone", "z1", "labels", Map.of("k", "v")));
            var p = r.plan(Map.of("name", "a", "zone", "z2"));
            assertThat(p.action()).isEqualTo(Action.REPLACE);
            assertThat(p.replacePaths()).containsExactly("zone");
            String id = r.apply(Map.of("name", "a", "zone", "z2")).getString("id");
            assertThat(h.resource("example_thing").importState(id).getString("name")).isEqualTo("a");
            assertThat(h.readDataSource("example_echo", Map.of("input", "x")).getString("upper")).isEqualTo("X");
            assertThat(r.tryApply(Map.of("name", ""))).singleElement()
                    .satisfies(d -> assertThat(d.attribute()).hasToString("name"));
            r.destroy();
        }
    }
}
