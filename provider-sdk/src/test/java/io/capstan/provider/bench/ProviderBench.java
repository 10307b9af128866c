package io.capstan.provider.bench;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ClientCapabilities;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.GetProviderSchemaResponse;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.plugin.HandshakeConfig;
import io.capstan.provider.plugin.PluginLaunchSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * bench/provider.sh's driver. {@code roundtrip N}: N PlanResourceChange calls to
 * {@link BenchProviderMain} (raw protocol) in its own JVM, {@code roundtrip-sdk N} the same to
 * {@link SdkBenchProviderMain} (written on the SDK), printing p50/p99 in milliseconds (after 2,000
 * warm-up calls). {@code schema BINARY}: start a provider and load its whole schema through
 * {@link PluginProviderClient}, printing the wall time.
 */
public final class ProviderBench {
    private ProviderBench() {
    }

    public static void main(String[] args) {
        if (args[0].equals("roundtrip")) {
            roundTrip(Integer.parseInt(args[1]), BenchProviderMain.class.getName());
        } else if (args[0].equals("roundtrip-sdk")) {
            roundTrip(Integer.parseInt(args[1]), SdkBenchProviderMain.class.getName());
        } else {
            schema(Path.of(args[1]));
        }
    }

    static void roundTrip(int n, String mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        PluginLaunchSpec spec = new PluginLaunchSpec("capstan/bench",
                List.of(java, "-cp", System.getProperty("java.class.path"), mainClass),
                Map.of("CAPSTAN_PROVIDER_NETWORK", "unix"), null, HandshakeConfig.TERRAFORM, List.of(6),
                Duration.ofSeconds(60), true);
        try (PluginProviderClient client = new PluginProviderClient(spec, Duration.ofSeconds(60))) {
            client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            Value config = Value.object(Map.of("id", Value.nullOf(Type.STRING), "name", Value.of("thing"),
                    "tags", Value.map(Type.STRING, Map.of("env", Value.of("bench")))));
            DynamicValue cfg = WireCodec.INSTANCE.encode(config, BenchProviderMain.TYPE);
            DynamicValue prior = WireCodec.INSTANCE.encode(Value.nullOf(BenchProviderMain.TYPE), BenchProviderMain.TYPE);
            PlanResourceChangeRequest req = new PlanResourceChangeRequest("bench_thing", prior, cfg, cfg, null, null,
                    ClientCapabilities.CAPSTAN, null);
            for (int i = 0; i < 2000; i++) {
                call(client, req);
            }
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                call(client, req);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("plan_roundtrip_calls=%d p50_ms=%.3f p99_ms=%.3f%n", n,
                    nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6);
        }
    }

    private static void call(PluginProviderClient client, PlanResourceChangeRequest req) {
        PlanResourceChangeResponse r = client.planResourceChange(req);
        Value planned = WireCodec.INSTANCE.decode(r.plannedState(), BenchProviderMain.TYPE);
        if (planned.attr("id").isKnown() || r.hasErrors()) {
            throw new IllegalStateException("unexpected plan: " + planned + " " + r.diagnostics());
        }
    }

    static void schema(Path binary) {
        long t0 = System.nanoTime();
        try (PluginProviderClient client = new PluginProviderClient(
                PluginLaunchSpec.terraformProvider("registry.terraform.io/hashicorp/aws", binary), Duration.ofMinutes(3))) {
            GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            System.out.printf("schema_ms=%d resource_types=%d%n", (System.nanoTime() - t0) / 1_000_000,
                    r.schema().resourceSchemas().size());
        }
    }
}
