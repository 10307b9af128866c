package io.capstan.providers.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.CallFunctionRequest;
import io.capstan.provider.client.CallFunctionResponse;
import io.capstan.provider.client.GetFunctionsRequest;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.schema.FunctionSignature;
import io.capstan.provider.schema.TypeExpr;
import io.capstan.provider.sdk.SdkProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code provider::time::rfc3339_parse} through the SDK's function serving: in process, and as
 * a plugin process spoken to over tfplugin5 and over tfplugin6. The signature is listed in both
 * GetProviderSchema and GetFunctions; a call returns the parts hashicorp/time returns; a string
 * that is not a timestamp fails with a FunctionError naming argument 0.
 */
class Rfc3339ParseFunctionTest {
    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("in process", (Supplier<ProviderClient>) () -> new SdkProvider(TimeProvider.create())),
                Arguments.of("tfplugin5", (Supplier<ProviderClient>) () -> process(5)),
                Arguments.of("tfplugin6", (Supplier<ProviderClient>) () -> process(6)));
    }

    private static ProviderClient process(int protocol) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider("registry.terraform.io/capstan/time", Path.of(java))
                .withCommand(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                        System.getProperty("java.class.path"), "io.capstan.providers.time.Main"))
                .withProtocolVersions(List.of(protocol));
        return new PluginProviderClient(spec, Duration.ofSeconds(60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void servesRfc3339Parse(String name, Supplier<ProviderClient> start) {
        try (ProviderClient client = start.get()) {
            FunctionSignature inSchema = client.getProviderSchema(new GetProviderSchemaRequest()).schema().functions()
                    .get("rfc3339_parse");
            FunctionSignature listed = client.getFunctions(new GetFunctionsRequest()).functions().get("rfc3339_parse");
            assertThat(inSchema).isNotNull().isEqualTo(listed);
            assertThat(inSchema.parameters()).hasSize(1);
            assertThat(inSchema.parameters().get(0).name()).isEqualTo("timestamp");
            assertThat(inSchema.parameters().get(0).type()).isEqualTo(TypeExpr.STRING);
            assertThat(inSchema.parameters().get(0).allowNullValue()).isFalse();
            assertThat(inSchema.variadicParameter()).isNull();
            assertThat(inSchema.summary()).isEqualTo("Parse an RFC3339 timestamp string");
            Type ret = SchemaTypes.type(inSchema.returnType());
            assertThat(((io.capstan.hcl.value.ObjectType) ret).attributes().keySet()).containsExactlyInAnyOrder(
                    "year", "year_day", "day", "month", "month_name", "weekday", "weekday_name", "hour", "minute",
                    "second", "unix", "iso_year", "iso_week");

            CallFunctionResponse ok = client.callFunction(new CallFunctionRequest("rfc3339_parse",
                    List.of(WireCodec.INSTANCE.encode(Value.of("2023-07-25T23:43:16Z"), Type.STRING))));
            assertThat(ok.error()).isNull();
            Map<String, Value> parts = WireCodec.INSTANCE.decode(ok.result(), ret).entries();
            assertThat(parts.get("weekday_name")).isEqualTo(Value.of("Tuesday"));
            assertThat(parts.get("weekday")).isEqualTo(Value.of(2));
            assertThat(parts.get("month_name")).isEqualTo(Value.of("July"));
            assertThat(parts.get("year_day")).isEqualTo(Value.of(206));
            assertThat(parts.get("unix")).isEqualTo(Value.of(1690328596L));
            assertThat(parts.get("iso_week")).isEqualTo(Value.of(30));

            CallFunctionResponse bad = client.callFunction(new CallFunctionRequest("rfc3339_parse",
                    List.of(WireCodec.INSTANCE.encode(Value.of("yesterday"), Type.STRING))));
            assertThat(bad.error()).isNotNull();
            assertThat(bad.error().text()).isEqualTo("\"yesterday\" is not a valid RFC3339 timestamp");
            assertThat(bad.error().functionArgument()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("offsets")
    void partsAreInTheTimestampsOwnOffset(String timestamp, String expected) {
        Map<String, Value> p = Rfc3339ParseFunction.parts(timestamp).entries();
        String got = p.get("year").asNumber() + "-" + p.get("month").asNumber() + "-" + p.get("day").asNumber() + " "
                + p.get("hour").asNumber() + "h " + p.get("weekday_name").asString() + " iso "
                + p.get("iso_year").asNumber() + "w" + p.get("iso_week").asNumber() + " unix " + p.get("unix").asNumber();
        assertThat(got).isEqualTo(expected);
    }

    static Stream<Arguments> offsets() {
        return Stream.of(
                Arguments.of("2024-12-30T01:02:03-05:00", "2024-12-30 1h Monday iso 2025w1 unix 1735538523"),
                Arguments.of("2000-01-01T00:00:00+14:00", "2000-1-1 0h Saturday iso 1999w52 unix 946634400"),
                Arguments.of("2021-01-03T23:59:59.999Z", "2021-1-3 23h Sunday iso 2020w53 unix 1609718399"));
    }
}
