package io.capstan.provider.sdk.testing;

import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.*;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.sdk.JavaValues;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.SdkProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drives a provider the way Terraform does, for provider authors' tests: in process (an SDK
 * {@link Provider}) or as a real plugin process over gRPC (any provider, Java or Go).
 * {@code var h = ProviderHarness.inProcess(RandomProvider.create()).configure(Map.of());
 * var r = h.resource("random_string"); r.apply(Map.of("length", 8)); r.assertNoChanges(...)}.
 * Values are written as plain Java maps, lists and scalars. Unexpected error diagnostics
 * fail the test with the diagnostics in the message.
 */
public final class ProviderHarness implements AutoCloseable {
    private final ProviderClient client;
    private final ProviderSchema schema;

    private ProviderHarness(ProviderClient client) {
        this.client = Objects.requireNonNull(client, "client");
        GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
        failOnErrors("GetProviderSchema", r.diagnostics());
        this.schema = r.schema();
    }

    public static ProviderHarness inProcess(Provider provider) {
        return new ProviderHarness(new SdkProvider(provider));
    }

    /** Any provider client, e.g. one already started. */
    public static ProviderHarness of(ProviderClient client) {
        return new ProviderHarness(client);
    }

    /** Starts {@code executable} as a plugin (go-plugin handshake, mutual TLS), as Terraform would. */
    public static ProviderHarness process(String address, Path executable) {
        return new ProviderHarness(new PluginProviderClient(PluginLaunchSpec.terraformProvider(address, executable),
                Duration.ofSeconds(60)));
    }

    /** Starts a Java provider's main class in a new JVM with this JVM's class path. */
    public static ProviderHarness javaProcess(String address, String mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider(address, Path.of(java)).withCommand(List.of(java,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        return new ProviderHarness(new PluginProviderClient(spec, Duration.ofSeconds(60)));
    }

    public ProviderClient client() {
        return client;
    }

    public ProviderSchema schema() {
        return schema;
    }

    /** ValidateProviderConfig then ConfigureProvider; fails on error diagnostics. */
    public ProviderHarness configure(Map<String, ?> config) {
        ObjectType t = SchemaTypes.impliedType(schema.provider());
        DynamicValue v = WireCodec.INSTANCE.encode(JavaValues.toValue(config, t), t);
        failOnErrors("ValidateProviderConfig",
                client.validateProviderConfig(new ValidateProviderConfigRequest(v)).diagnostics());
        failOnErrors("ConfigureProvider", client.configureProvider(
                new ConfigureProviderRequest("1.11.4", v, ClientCapabilities.CAPSTAN)).diagnostics());
        return this;
    }

    /** One instance of a managed resource type, starting with no state. */
    public ResourceUnderTest resource(String typeName) {
        Schema s = schema.resourceSchemas().get(typeName);
        if (s == null) {
            throw new AssertionError("the provider has no resource type " + typeName + "; it has "
                    + schema.resourceSchemas().keySet());
        }
        return new ResourceUnderTest(client, typeName, s);
    }

    /** Validates and reads a data source; fails on error diagnostics. */
    public ObjectData readDataSource(String typeName, Map<String, ?> config) {
        List<ProviderDiagnostic> diags = new ArrayList<>();
        ObjectData d = readDataSource(typeName, config, diags);
        failOnErrors("ReadDataSource " + typeName, diags);
        return d;
    }

    /** Validates and reads a data source, collecting diagnostics instead of failing; null on error. */
    public ObjectData readDataSource(String typeName, Map<String, ?> config, List<ProviderDiagnostic> diags) {
        Schema s = schema.dataSourceSchemas().get(typeName);
        if (s == null) {
            throw new AssertionError("the provider has no data source " + typeName);
        }
        ObjectType t = SchemaTypes.impliedType(s);
        DynamicValue cfg = WireCodec.INSTANCE.encode(JavaValues.toValue(config, t), t);
        diags.addAll(client.validateDataResourceConfig(new ValidateDataResourceConfigRequest(typeName, cfg))
                .diagnostics());
        if (diags.stream().anyMatch(ProviderDiagnostic::isError)) {
            return null;
        }
        ReadDataSourceResponse r = client.readDataSource(new ReadDataSourceRequest(typeName, cfg, null,
                ClientCapabilities.CAPSTAN));
        diags.addAll(r.diagnostics());
        if (r.hasErrors() || r.state() == null) {
            return null;
        }
        return ObjectData.of(WireCodec.INSTANCE.decode(r.state(), t), t);
    }

    static void failOnErrors(String call, List<ProviderDiagnostic> diags) {
        if (diags.stream().anyMatch(ProviderDiagnostic::isError)) {
            throw new AssertionError(call + " failed: " + diags);
        }
    }

    static Value decode(DynamicValue v, ObjectType t) {
        return v == null ? Value.nullOf(t) : WireCodec.INSTANCE.decode(v, t);
    }

    @Override
    public void close() {
        client.close();
    }
}
