package io.capstan.provider.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.sdk.testing.PlannedChange;
import io.capstan.provider.sdk.testing.PlannedChange.Action;
import io.capstan.provider.sdk.testing.ProviderHarness;
import io.capstan.provider.sdk.testing.ResourceUnderTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SDK's planning defaults, state upgrade and error handling, on {@link ExampleProvider} in process. */
class SdkProviderTest {
    private final ProviderHarness harness = ProviderHarness.inProcess(ExampleProvider.create()).configure(Map.of());

    private static Map<String, Object> cfg(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Starting from {@code name=a, zone=z1} applied: the next configuration and what the plan must say. */
    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("same configuration", cfg("name", "a", "zone", "z1"), Action.NO_OP, List.of(), true),
                Arguments.of("default written explicitly", cfg("name", "a", "zone", "z1", "size", 1), Action.NO_OP,
                        List.of(), true),
                Arguments.of("in-place change", cfg("name", "b", "zone", "z1"), Action.UPDATE, List.of(), false),
                Arguments.of("default changed", cfg("name", "a", "zone", "z1", "size", 3), Action.UPDATE, List.of(),
                        false),
                Arguments.of("requires-replace attribute", cfg("name", "a", "zone", "z2"), Action.REPLACE,
                        List.of("zone"), false),
                Arguments.of("requires-replace block", cfg("name", "a", "zone", "z1", "rule", List.of(Map.of("port", 80))),
                        Action.REPLACE, List.of("rule"), false),
                Arguments.of("two reasons", cfg("name", "a", "zone", "z3", "rule", List.of(Map.of("port", 1))),
                        Action.REPLACE, List.of("zone", "rule"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void planningDefaults(String name, Map<String, ?> next, Action action, List<String> replace, boolean etagKnown) {
        ResourceUnderTest r = harness.resource("example_thing");
        var created = r.plan(cfg("name", "a", "zone", "z1"));
        assertThat(created.planned().getLong("size")).as("default planned on create").isEqualTo(1);
        assertThat(created.planned().isKnown("id")).as("computed unknown on create").isFalse();
        String id = r.apply(cfg("name", "a", "zone", "z1")).getString("id");

        PlannedChange p = r.plan(next);
        assertThat(p.action()).isEqualTo(action);
        assertThat(p.replacePaths()).containsExactlyElementsOf(replace);
        assertThat(p.planned().isKnown("etag")).as("etag known").isEqualTo(etagKnown);
        if (action == Action.UPDATE) {
            assertThat(p.planned().getString("id")).as("use-state-for-unknown keeps id").isEqualTo(id);
        }
        r.apply(next);
        r.assertNoChanges(next);
    }

    @Test
    void objectGoneFromTheApiIsPlannedAgain() {
        ResourceUnderTest r = harness.resource("example_thing");
        String id = r.apply(cfg("name", "a")).getString("id");
        ExampleProvider.THINGS.remove(id);
        assertThat(r.plan(cfg("name", "a")).action()).isEqualTo(Action.CREATE);
    }

    @Test
    void importThenReadThenNoChanges() {
        ResourceUnderTest first = harness.resource("example_thing");
        String id = first.apply(cfg("name", "imp")).getString("id");
        ResourceUnderTest r = harness.resource("example_thing");
        assertThat(r.importState(id).getString("etag")).isEqualTo(id + "-imported");
        r.assertNoChanges(cfg("name", "imp"));
        assertThat(harness.resource("example_thing").tryImport("t-404"))
                .extracting(ProviderDiagnostic::detail).containsExactly("no thing t-404");
    }

    @Test
    void stateUpgradeRenamesThroughTheResourceAndDropsUnknownAttributes() {
        ResourceUnderTest r = harness.resource("example_thing");
        ObjectData s = r.upgrade(1, """
                {"title":"old","size":4,"id":"t-9","etag":"e","removed_long_ago":true,"rule":[{"port":22,"gone":1}]}""");
        assertThat(s.getString("name")).isEqualTo("old");
        assertThat(s.getLong("size")).isEqualTo(4);
        assertThat(s.getObjects("rule").get(0).getLong("port")).isEqualTo(22);
        assertThat(s.isNull("zone")).isTrue();
    }

    @Test
    void stateFromANewerProviderIsRefused() {
        assertThatThrownBy(() -> harness.resource("example_thing").upgrade(3, "{\"name\":\"x\"}"))
                .hasMessageContaining("Resource state is newer than the provider");
    }

    @Test
    void anExceptionInProviderCodeIsAnErrorDiagnosticNamingTheCall() {
        List<ProviderDiagnostic> d = harness.resource("example_thing").tryApply(cfg("name", "a", "explode", "create"));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.summary()).isEqualTo("Provider error in ApplyResourceChange");
            assertThat(x.detail()).contains("boom");
        });
    }

    @Test
    void validationAndConfigureDiagnosticsCarryAttributePaths() {
        List<ProviderDiagnostic> d = harness.resource("example_thing").tryApply(cfg("name", ""));
        assertThat(d).singleElement().satisfies(x -> assertThat(x.attribute()).hasToString("name"));
        assertThatThrownBy(() -> ProviderHarness.inProcess(ExampleProvider.create()).configure(cfg("region", "nowhere")))
                .hasMessageContaining("Unknown region").hasMessageContaining("(at region)");
    }

    /** A value for a computed-only attribute is rejected at validation, as terraform-plugin-sdk rejects it. */
    @Test
    void aValueForAComputedOnlyAttributeIsUnconfigurable() {
        PlannedChange p = harness.resource("example_thing").plan(cfg("name", "a", "zone", "z1", "etag", "x"));
        assertThat(p.action()).isEqualTo(Action.FAILED);
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.summary()).isEqualTo("Value for unconfigurable attribute");
            assertThat(d.detail()).isEqualTo("Can't configure a value for \"etag\": its value will be decided "
                    + "automatically based on the result of applying this configuration.");
            assertThat(d.attribute()).hasToString(io.capstan.provider.sdk.Diagnostics.path("etag").toString());
        });
        assertThat(harness.resource("example_thing").plan(cfg("name", "a", "zone", "z1")).action())
                .isEqualTo(Action.CREATE);
    }

    @Test
    void dataSourceRead() {
        assertThat(harness.readDataSource("example_echo", cfg("input", "abc")).getString("upper")).isEqualTo("ABC");
    }

    @Test
    void schemaCarriesFlagsDefaultsAndBlocks() {
        var s = harness.schema().resourceSchemas().get("example_thing");
        assertThat(s.version()).isEqualTo(2);
        var attrs = s.block().attributes();
        assertThat(attrs.get("size").optional() && attrs.get("size").computed()).as("a default is optional+computed")
                .isTrue();
        assertThat(attrs.get("secret").sensitive()).isTrue();
        assertThat(attrs.get("name").required()).isTrue();
        assertThat(s.block().blockTypes().get("rule").nesting()).hasToString("LIST");
    }
}
