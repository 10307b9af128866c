package io.capstan.provider.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.value.ObjectType;
import io.capstan.provider.client.MoveResourceStateRequest;
import io.capstan.provider.client.MoveResourceStateResponse;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.RawState;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.sdk.testing.ProviderHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MoveResourceState in the SDK: which moves a {@link MovableResource} accepts, what state it
 * returns, the errors a user sees for the others, and the {@code move_resource_state}
 * capability, in process and over both protocol versions.
 */
class StateMoveTest {
    private static final String SHOP = "registry.terraform.io/capstan/shop";
    private static final String CATALOG = "registry.terraform.io/acme/catalog";

    private static MoveResourceStateRequest request(String provider, String type, long version, String json,
                                                    String target) {
        return new MoveResourceStateRequest(provider, type, version,
                RawState.ofJson(json.getBytes(StandardCharsets.UTF_8)), target, null, null, 0);
    }

    private static ObjectData state(ProviderClient c, String type, MoveResourceStateResponse r) {
        ObjectType t = SchemaTypes.impliedType(c.getProviderSchema(io.capstan.provider.client.GetProviderSchemaRequest.INSTANCE).schema().resourceSchemas().get(type));
        return ObjectData.of(WireCodec.INSTANCE.decode(r.targetState(), t), t);
    }

    @Test
    void renamedTypeOfTheSameProviderCarriesItsValues() {
        try (ProviderHarness h = ProviderHarness.inProcess(MovingProvider.create())) {
            var r = h.client().moveResourceState(request(SHOP, "shop_legacy_item", 0,
                    "{\"title\":\"lamp\",\"cost\":12.5,\"id\":\"legacy-lamp\"}", "shop_item"));
            assertThat(r.diagnostics()).isEmpty();
            ObjectData s = state(h.client(), "shop_item", r);
            assertThat(s.getString("name")).isEqualTo("lamp");
            assertThat(s.getNumber("price").toString()).isEqualTo("12.5");
            assertThat(s.getString("id")).isEqualTo("legacy-lamp");
        }
    }

    @Test
    void commonAttributesAreCopiedFromAnotherProviderAndUnknownOnesDropped() {
        try (ProviderHarness h = ProviderHarness.inProcess(MovingProvider.create())) {
            var r = h.client().moveResourceState(request("example.com/acme/catalog", "catalog_product", 1,
                    "{\"name\":\"desk\",\"price\":\"40\",\"id\":\"p-7\",\"sku\":\"D-1\"}", "shop_item"));
            assertThat(r.diagnostics()).isEmpty();
            ObjectData s = state(h.client(), "shop_item", r);
            assertThat(s.getString("name")).isEqualTo("desk");
            assertThat(s.getLong("price")).as("string converted to the number the schema says").isEqualTo(40);
            assertThat(s.getString("id")).isEqualTo("p-7");
        }
    }

    /** Moves the user gets an error for, and words the error must contain. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("source type not declared", request(SHOP, "shop_basket", 0, "{}", "shop_item"),
                        "Unsupported resource state move", List.of("shop_item", "shop_basket", SHOP)),
                Arguments.of("source schema version not declared",
                        request(CATALOG, "catalog_product", 2, "{\"id\":\"p\"}", "shop_item"),
                        "Unsupported resource state move", List.of("schema version 2")),
                Arguments.of("same type name from a provider not declared",
                        request("registry.terraform.io/other/shop", "shop_legacy_item", 0, "{}", "shop_item"),
                        "Unsupported resource state move", List.of("other/shop")),
                Arguments.of("target accepts no moves at all",
                        request(SHOP, "shop_item", 2, "{\"name\":\"a\"}", "shop_legacy_item"),
                        "Unsupported resource state move", List.of("shop_legacy_item")),
                Arguments.of("target type unknown", request(SHOP, "shop_legacy_item", 0, "{}", "shop_gadget"),
                        "Unknown resource type", List.of("shop_gadget")),
                Arguments.of("mover reports an error", request(CATALOG, "catalog_product", 1, "{\"name\":\"x\"}",
                        "shop_item"), "Missing id", List.of("catalog_product")),
                Arguments.of("flatmap state", request(SHOP, "shop_legacy_item", 0, "", "shop_item"),
                        "Unsupported source state", List.of("flatmap")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedMovesSayWhy(String name, MoveResourceStateRequest req, String summary, List<String> mentions) {
        try (ProviderHarness h = ProviderHarness.inProcess(MovingProvider.create())) {
            var r = h.client().moveResourceState(req);
            assertThat(r.targetState()).as("no state when refused").isNull();
            assertThat(r.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.isError()).isTrue();
                assertThat(d.summary()).isEqualTo(summary);
                assertThat(d.detail()).contains(mentions);
            });
        }
    }

    @Test
    void capabilityIsAdvertisedOnlyByProvidersWithAMovableResource() {
        try (ProviderHarness moving = ProviderHarness.inProcess(MovingProvider.create());
             ProviderHarness plain = ProviderHarness.inProcess(ExampleProvider.create())) {
            assertThat(moving.schema().serverCapabilities().moveResourceState()).isTrue();
            assertThat(plain.schema().serverCapabilities().moveResourceState()).isFalse();
            var r = plain.client().moveResourceState(request(SHOP, "shop_legacy_item", 0, "{}", "example_thing"));
            assertThat(r.diagnostics()).extracting(ProviderDiagnostic::summary)
                    .containsExactly("Unsupported resource state move");
        }
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {5, 6})
    void movesOverTheWire(int protocol) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider(SHOP, Path.of(java))
                .withCommand(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                        System.getProperty("java.class.path"), MovingProvider.class.getName()))
                .withProtocolVersions(List.of(protocol));
        try (PluginProviderClient client = new PluginProviderClient(spec, Duration.ofSeconds(60));
             ProviderHarness h = ProviderHarness.of(client).configure(Map.of())) {
            assertThat(client.process().protocolVersion()).isEqualTo(protocol);
            assertThat(h.schema().serverCapabilities().moveResourceState()).as("capability on the wire").isTrue();
            var ok = client.moveResourceState(request(SHOP, "shop_legacy_item", 0,
                    "{\"title\":\"lamp\",\"cost\":3,\"id\":\"legacy-lamp\"}", "shop_item"));
            assertThat(ok.diagnostics()).isEmpty();
            assertThat(state(client, "shop_item", ok).getString("name")).isEqualTo("lamp");
            var refused = client.moveResourceState(request(SHOP, "shop_basket", 0, "{}", "shop_item"));
            assertThat(refused.targetState()).isNull();
            assertThat(refused.diagnostics()).extracting(ProviderDiagnostic::summary)
                    .containsExactly("Unsupported resource state move");
        }
    }
}
