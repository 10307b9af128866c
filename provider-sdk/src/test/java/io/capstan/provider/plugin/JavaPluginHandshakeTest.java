package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.client.CallFunctionRequest;
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
import java.util.List;
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

            ProcessHandle handle = ProcessHandle.of(p.pid()).orElseThrow();
            client.close();
            // Controller.Shutdown makes the provider exit by itself, well before the kill deadline.
            assertThat(handle.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            client.close();
        }
        assertThat(JavaProviders.liveChildren()).isEqualTo(before);
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
