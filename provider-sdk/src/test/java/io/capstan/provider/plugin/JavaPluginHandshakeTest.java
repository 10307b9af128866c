package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.client.ApplyResourceChangeRequest;
import io.capstan.provider.client.CallFunctionRequest;
import io.capstan.provider.client.ClientCapabilities;
import io.capstan.provider.client.ConfigureProviderRequest;
import io.capstan.provider.client.ImportResourceStateRequest;
import io.capstan.provider.client.MoveResourceStateRequest;
import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.RawState;
import io.capstan.provider.client.ReadDataSourceRequest;
import io.capstan.provider.client.ReadResourceRequest;
import io.capstan.provider.client.UpgradeResourceStateRequest;
import io.capstan.provider.client.ValidateDataResourceConfigRequest;
import io.capstan.provider.client.ValidateProviderConfigRequest;
import io.capstan.provider.client.ValidateResourceConfigRequest;
import io.capstan.provider.client.CallFunctionResponse;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.GetFunctionsRequest;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.GetProviderSchemaResponse;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.client.StopProviderRequest;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.NestingMode;
import io.capstan.provider.schema.TypeExpr;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both sides of the handshake written here, in two JVMs: {@link TestProviderMain} serves
 * with {@link PluginServer}; the host side connects with {@link PluginLauncher} over
 * automatic mutual TLS, negotiates the protocol version and makes real calls.
 */
class JavaPluginHandshakeTest {

    @Test
    void hostConnectsToJavaProviderOverMtlsAndCallsIt() throws Exception {
        String network = "tcp";
        long before = JavaProviders.liveChildren();
        PluginProviderClient client = new PluginProviderClient(JavaProviders.spec("", network), Duration.ofSeconds(20));
        try {
            GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            assertThat(r.diagnostics()).isEmpty();
            PluginProcess p = client.process();
            assertThat(p.protocolVersion()).as("highest common version").isEqualTo(6);
            assertThat(p.handshake().network()).isEqualTo(network);
            assertThat(p.handshake().serverCertDer()).as("server certificate from the handshake").isNotNull();

            var thing = r.schema().resourceSchemas().get("capstan_thing");
            assertThat(thing.version()).isEqualTo(2);
            Attribute rules = thing.block().attributes().get("rules");
            assertThat(rules.nestedType().nesting()).isEqualTo(NestingMode.LIST);
            assertThat(rules.nestedType().attributes().get("cidrs").type())
                    .isEqualTo(new TypeExpr.Collection("set", TypeExpr.STRING));
            assertThat(thing.block().attributes().get("secret").sensitive()).isTrue();
            assertThat(thing.block().blockTypes().get("timeouts").nesting()).isEqualTo(NestingMode.SINGLE);
            assertThat(r.schema().provider().block().attributes().get("endpoint").descriptionKind())
                    .isEqualTo(DescriptionKind.MARKDOWN);

            DynamicValue arg = DynamicValue.ofMsgpack(new byte[] {(byte) 0xa2, 'h', 'i'});
            CallFunctionResponse echoed = client.callFunction(new CallFunctionRequest("echo", List.of(arg)));
            assertThat(echoed.diagnostics()).isEmpty();
            assertThat(echoed.result()).isEqualTo(arg);
            CallFunctionResponse bad = client.callFunction(new CallFunctionRequest("echo", List.of(arg, arg)));
            assertThat(bad.error().functionArgument()).isEqualTo(1L);
            assertThat(bad.diagnostics()).singleElement().satisfies(d ->
                    assertThat(d.detail()).contains("argument 2", "echo takes exactly one argument"));
            assertThat(client.getFunctions(GetFunctionsRequest.INSTANCE).functions()).containsKey("echo");
            assertThat(client.stopProvider(StopProviderRequest.INSTANCE).diagnostics()).isEmpty();
            assertUnimplementedCallsAreReportedByName(client, arg);

            ProcessHandle handle = ProcessHandle.of(p.pid()).orElseThrow();
            client.close();
            // Controller.Shutdown makes the provider exit by itself, well before the kill deadline.
            assertThat(handle.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            client.close();
        }
        assertThat(JavaProviders.liveChildren()).isEqualTo(before);
    }

    /** The test provider implements few RPCs; every other call must come back as a named diagnostic. */
    private static void assertUnimplementedCallsAreReportedByName(PluginProviderClient c, DynamicValue v) {
        Map<String, List<ProviderDiagnostic>> byRpc = new LinkedHashMap<>();
        byRpc.put("ValidateProviderConfig", c.validateProviderConfig(new ValidateProviderConfigRequest(v)).diagnostics());
        byRpc.put("ValidateResourceConfig", c.validateResourceConfig(
                new ValidateResourceConfigRequest("capstan_thing", v, ClientCapabilities.CAPSTAN)).diagnostics());
        byRpc.put("ValidateDataResourceConfig", c.validateDataResourceConfig(
                new ValidateDataResourceConfigRequest("capstan_thing", v)).diagnostics());
        byRpc.put("UpgradeResourceState", c.upgradeResourceState(new UpgradeResourceStateRequest("capstan_thing", 1,
                RawState.ofJson("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).diagnostics());
        byRpc.put("ConfigureProvider", c.configureProvider(
                new ConfigureProviderRequest("1.11.4", v, ClientCapabilities.CAPSTAN)).diagnostics());
        byRpc.put("ReadResource", c.readResource(
                new ReadResourceRequest("capstan_thing", v, null, null, null, null)).diagnostics());
        byRpc.put("PlanResourceChange", c.planResourceChange(new PlanResourceChangeRequest("capstan_thing", v, v, v,
                null, null, ClientCapabilities.CAPSTAN, null)).diagnostics());
        byRpc.put("ApplyResourceChange", c.applyResourceChange(new ApplyResourceChangeRequest("capstan_thing", v, v, v,
                new byte[] {1}, null, null)).diagnostics());
        byRpc.put("ImportResourceState", c.importResourceState(
                new ImportResourceStateRequest("capstan_thing", "id-1", null, null)).diagnostics());
        byRpc.put("MoveResourceState", c.moveResourceState(new MoveResourceStateRequest("registry.terraform.io/a/b",
                "b_thing", 0, RawState.ofJson(new byte[0]), "capstan_thing", null, null, 0)).diagnostics());
        byRpc.put("ReadDataSource", c.readDataSource(
                new ReadDataSourceRequest("capstan_thing", v, null, null)).diagnostics());
        byRpc.forEach((rpc, diags) -> assertThat(diags).as(rpc).singleElement().satisfies(d ->
                assertThat(d.summary()).isEqualTo("Provider capstan/test does not support " + rpc)));
    }

    /**
     * Capstan hosting a provider on its own SDK: the plugin takes the host's offer of a private
     * directory and serves plaintext on a unix socket in it (PrivateSocket), even when told to
     * use TCP; the directory is the host's, mode 0700, and gone after shutdown with the socket.
     */
    @Test
    void capstanHostAndSdkProviderTalkPlaintextOverASocketInAPrivateDirectory() throws Exception {
        long before = JavaProviders.liveChildren();
        PluginProviderClient client = new PluginProviderClient(JavaProviders.privateSocketSpec("tcp"),
                Duration.ofSeconds(20));
        java.nio.file.Path dir;
        try {
            GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            assertThat(r.diagnostics()).isEmpty();
            assertThat(r.schema().resourceSchemas()).containsKey("capstan_thing");
            HandshakeLine hs = client.process().handshake();
            assertThat(hs.network()).isEqualTo("unix");
            assertThat(hs.serverCertDer()).as("no TLS on the private socket").isNull();
            java.nio.file.Path socket = java.nio.file.Path.of(hs.address());
            dir = socket.getParent();
            assertThat(java.nio.file.Files.getPosixFilePermissions(dir))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
            assertThat(socket).exists();
            DynamicValue arg = DynamicValue.ofMsgpack(new byte[] {(byte) 0xa2, 'h', 'i'});
            assertThat(client.callFunction(new CallFunctionRequest("echo", List.of(arg))).result()).isEqualTo(arg);
            client.close();
        } finally {
            client.close();
        }
        assertThat(dir).doesNotExist();
        assertThat(JavaProviders.liveChildren()).isEqualTo(before);
    }

    /** -Dcapstan.plugin.plaintext=false: no offer, so the SDK provider serves mutual TLS as with any host. */
    @Test
    void offerSwitchedOffKeepsMutualTls() {
        System.setProperty(PrivateSocket.SWITCH, "false");
        try (PluginProviderClient client = new PluginProviderClient(JavaProviders.privateSocketSpec("tcp"),
                Duration.ofSeconds(20))) {
            assertThat(client.getProviderSchema(GetProviderSchemaRequest.INSTANCE).diagnostics()).isEmpty();
            assertThat(client.process().handshake().network()).isEqualTo("tcp");
            assertThat(client.process().handshake().serverCertDer()).isNotNull();
        } finally {
            System.clearProperty(PrivateSocket.SWITCH);
        }
    }

    @Test
    void hostOfferingOnlyProtocol5GetsProtocol5OverAUnixSocket() {
        try (PluginProviderClient client = new PluginProviderClient(
                JavaProviders.spec("", "unix").withProtocolVersions(List.of(5)), Duration.ofSeconds(20))) {
            GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            assertThat(r.diagnostics()).isEmpty();
            assertThat(client.process().protocolVersion()).isEqualTo(5);
            assertThat(client.process().handshake().network()).isEqualTo("unix");
            assertThat(client.process().handshake().serverCertDer()).isNotNull();
            Attribute name = r.schema().resourceSchemas().get("capstan_thing").block().attributes().get("name");
            assertThat(name.required()).isTrue();
            assertThat(name.writeOnly()).as("protocol-5 field numbers decoded").isTrue();
        }
    }
}
