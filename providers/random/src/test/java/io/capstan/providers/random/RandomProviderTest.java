package io.capstan.providers.random;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.testing.PlannedChange;
import io.capstan.provider.sdk.testing.ProviderHarness;
import io.capstan.provider.sdk.testing.ResourceUnderTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every random_* resource through the SDK harness: plan, apply, refresh, no-op plan, replace, import, destroy. */
class RandomProviderTest {
    private static ProviderHarness harness;

    @BeforeAll
    static void start() {
        harness = ProviderHarness.inProcess(RandomProvider.create()).configure(Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static Map<String, Object> with(Map<String, ?> config, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(config);
        m.put(key, value);
        return m;
    }

    static Stream<Arguments> lifecycles() {
        return Stream.of(
                Arguments.of("random_id", Map.of("byte_length", 8), (Consumer<ObjectData>) s -> {
                    assertThat(s.getString("hex")).hasSize(16);
                    assertThat(s.getString("id")).isEqualTo(s.getString("b64_url"));
                }),
                Arguments.of("random_id", Map.of("byte_length", 4, "prefix", "web-"), (Consumer<ObjectData>) s -> {
                    assertThat(s.getString("hex")).startsWith("web-").hasSize(12);
                    assertThat(s.getString("dec")).startsWith("web-");
                    assertThat(s.getString("b64_url")).isEqualTo("web-" + s.getString("id"));
                }),
                Arguments.of("random_string", Map.of("length", 16), (Consumer<ObjectData>) s -> {
                    assertThat(s.getString("result")).hasSize(16).isEqualTo(s.getString("id"));
                    assertThat(s.getBool("special")).isTrue();
                    assertThat(s.getLong("min_upper")).isZero();
                }),
                Arguments.of("random_string", Map.of("length", 12, "special", false, "upper", false, "numeric", false),
                        (Consumer<ObjectData>) s -> assertThat(s.getString("result")).matches("[a-z]{12}")),
                Arguments.of("random_string", Map.of("length", 6, "min_numeric", 6),
                        (Consumer<ObjectData>) s -> assertThat(s.getString("result")).matches("[0-9]{6}")),
                Arguments.of("random_string", Map.of("length", 20, "override_special", "#", "upper", false,
                        "lower", false, "numeric", false),
                        (Consumer<ObjectData>) s -> assertThat(s.getString("result")).isEqualTo("#".repeat(20))),
                Arguments.of("random_password", Map.of("length", 24), (Consumer<ObjectData>) s -> {
                    assertThat(s.getString("result")).hasSize(24);
                    assertThat(s.getString("id")).isEqualTo("none");
                    assertThat(BCrypt.verifyer().verify(s.getString("result").getBytes(StandardCharsets.UTF_8),
                            s.getString("bcrypt_hash").getBytes(StandardCharsets.UTF_8)).verified).isTrue();
                }),
                Arguments.of("random_integer", Map.of("min", 1, "max", 6), (Consumer<ObjectData>) s -> {
                    assertThat(s.getLong("result")).isBetween(1L, 6L);
                    assertThat(s.getString("id")).isEqualTo(String.valueOf(s.getLong("result")));
                }),
                Arguments.of("random_integer", Map.of("min", 7, "max", 7),
                        (Consumer<ObjectData>) s -> assertThat(s.getLong("result")).isEqualTo(7)),
                Arguments.of("random_shuffle", Map.of("input", List.of("a", "b", "c", "d")),
                        (Consumer<ObjectData>) s -> assertThat(s.getStringList("result"))
                                .containsExactlyInAnyOrder("a", "b", "c", "d")),
                Arguments.of("random_shuffle", Map.of("input", List.of("a", "b"), "result_count", 5),
                        (Consumer<ObjectData>) s -> assertThat(s.getStringList("result")).hasSize(5)
                                .containsOnly("a", "b")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lifecycles")
    void lifecycle(String type, Map<String, ?> config, Consumer<ObjectData> check) {
        ResourceUnderTest r = harness.resource(type);
        PlannedChange create = r.plan(config);
        assertThat(create.action()).isEqualTo(PlannedChange.Action.CREATE);
        assertThat(create.planned().isKnown("id")).as("id is known after apply").isFalse();

        ObjectData state = r.apply(config);
        check.accept(state);
        r.assertNoChanges(config);
        assertThat(r.refresh().toValue()).as("refresh keeps the value").isEqualTo(state.toValue());

        Map<String, Object> kept = with(config, "keepers", Map.of("image", "v2"));
        PlannedChange replace = r.plan(kept);
        assertThat(replace.action()).isEqualTo(PlannedChange.Action.REPLACE);
        assertThat(replace.replacePaths()).containsExactly("keepers");
        ObjectData replaced = r.apply(kept);
        check.accept(replaced);
        assertThat(replaced.getStringMap("keepers")).containsEntry("image", "v2");
        r.assertNoChanges(kept);

        r.destroy();
        assertThat(r.state()).isNull();
    }

    @Test
    void changingAnArgumentReplacesAndRegenerates() {
        ResourceUnderTest r = harness.resource("random_string");
        String first = r.apply(Map.of("length", 32)).getString("result");
        PlannedChange p = r.plan(Map.of("length", 33));
        assertThat(p.action()).isEqualTo(PlannedChange.Action.REPLACE);
        assertThat(p.replacePaths()).containsExactly("length");
        assertThat(p.planned().isKnown("result")).isFalse();
        String second = r.apply(Map.of("length", 33)).getString("result");
        assertThat(second).hasSize(33).isNotEqualTo(first);
    }

    static Stream<Arguments> imports() {
        return Stream.of(
                Arguments.of("random_string", "hello-world", Map.of("length", 11), "result", "hello-world"),
                Arguments.of("random_password", "s3cr3t!", Map.of("length", 7), "result", "s3cr3t!"),
                Arguments.of("random_id", "p-9hUg", Map.of("byte_length", 4), "hex", "a7ef6152"),
                Arguments.of("random_id", "srv-,p-9hUg", Map.of("byte_length", 4, "prefix", "srv-"), "dec",
                        "srv-2817483090"),
                Arguments.of("random_integer", "15,1,50", Map.of("min", 1, "max", 50), "id", "15"),
                Arguments.of("random_integer", "3,1,9,abc", Map.of("min", 1, "max", 9, "seed", "abc"), "result",
                        "3"));
    }

    @ParameterizedTest(name = "import {0} {1}")
    @MethodSource("imports")
    void importThenPlanShowsNoChanges(String type, String id, Map<String, ?> config, String attr, String expected) {
        ResourceUnderTest r = harness.resource(type);
        ObjectData s = r.importState(id);
        assertThat(s.get(attr).toString()).contains(expected);
        r.assertNoChanges(config);
    }

    @Test
    void shuffleCannotBeImported() {
        List<ProviderDiagnostic> d = harness.resource("random_shuffle").tryImport("x");
        assertThat(d).extracting(ProviderDiagnostic::summary).containsExactly("Resource Import Not Implemented");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("random_integer", Map.of("min", 10, "max", 1), "max", "greater than or equal"),
                Arguments.of("random_string", Map.of("length", 0), "length", "at least 1"),
                Arguments.of("random_string", Map.of("length", 3, "min_upper", 2, "min_lower", 2), "length",
                        "sum of min_upper"),
                Arguments.of("random_id", Map.of("byte_length", 0), "byte_length", "at least 1"),
                Arguments.of("random_shuffle", Map.of("input", List.of("a"), "result_count", -1), "result_count",
                        "negative"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalid")
    void invalidConfigurationsAreRejectedAtTheAttribute(String type, Map<String, ?> config, String attr, String msg) {
        ResourceUnderTest r = harness.resource(type);
        List<ProviderDiagnostic> d = r.tryApply(config);
        assertThat(d).hasSize(1);
        assertThat(d.get(0).isError()).isTrue();
        assertThat(d.get(0).attribute()).hasToString(attr);
        assertThat(d.get(0).detail()).contains(msg);
        assertThat(r.state()).isNull();
    }

    @Test
    void seededResultsRepeat() {
        Map<String, ?> cfg = Map.of("min", 1, "max", 1_000_000, "seed", "capstan");
        long a = harness.resource("random_integer").apply(cfg).getLong("result");
        long b = harness.resource("random_integer").apply(cfg).getLong("result");
        assertThat(a).isEqualTo(b);
        Map<String, ?> sh = Map.of("input", List.of("a", "b", "c", "d", "e", "f"), "seed", "x");
        assertThat(harness.resource("random_shuffle").apply(sh).getStringList("result"))
                .isEqualTo(harness.resource("random_shuffle").apply(sh).getStringList("result"));
    }

    @Test
    void passwordResultIsSensitiveInTheSchema() {
        var attrs = harness.schema().resourceSchemas().get("random_password").block().attributes();
        assertThat(attrs.get("result").sensitive()).isTrue();
        assertThat(attrs.get("bcrypt_hash").sensitive()).isTrue();
        assertThat(harness.schema().resourceSchemas().get("random_string").block().attributes().get("result")
                .sensitive()).isFalse();
    }

    @Test
    void theSameLifecycleWorksAgainstTheProviderProcessOverGrpc() {
        try (ProviderHarness process = ProviderHarness.javaProcess("registry.terraform.io/capstan/random",
                Main.class.getName()).configure(Map.of())) {
            ResourceUnderTest r = process.resource("random_password");
            ObjectData s = r.apply(Map.of("length", 10, "keepers", Map.of("k", "1")));
            assertThat(s.getString("result")).hasSize(10);
            r.assertNoChanges(Map.of("length", 10, "keepers", Map.of("k", "1")));
            assertThat(r.plan(Map.of("length", 10, "keepers", Map.of("k", "2"))).replacePaths())
                    .containsExactly("keepers");
            assertThat(r.importState("abc").getString("result")).isEqualTo("abc");
            r.destroy();
        }
    }
}
