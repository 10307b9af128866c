package io.capstan.providers.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.testing.PlannedChange;
import io.capstan.provider.sdk.testing.PlannedChange.Action;
import io.capstan.provider.sdk.testing.ProviderHarness;
import io.capstan.provider.sdk.testing.ResourceUnderTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** time_static, time_offset and time_sleep through the SDK harness. */
class TimeProviderTest {
    private static ProviderHarness harness;

    @BeforeAll
    static void start() {
        harness = ProviderHarness.inProcess(TimeProvider.create()).configure(Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2024-02-29T23:59:58Z,      2024, 2, 29, 23, 59, 58, 1709251198",
        "1999-12-31T01:02:03+02:00, 1999, 12, 31, 1, 2, 3, 946594923",
    })
    void timeStaticWithAConfiguredTimestampIsKnownAtPlanTime(String rfc, long y, long mo, long d, long h, long mi,
                                                             long s, long unix) {
        ResourceUnderTest r = harness.resource("time_static");
        PlannedChange p = r.plan(Map.of("rfc3339", rfc));
        assertThat(p.planned().getLong("unix")).isEqualTo(unix);
        ObjectData st = r.apply(Map.of("rfc3339", rfc));
        assertThat(List.of(st.getLong("year"), st.getLong("month"), st.getLong("day"), st.getLong("hour"),
                st.getLong("minute"), st.getLong("second"))).containsExactly(y, mo, d, h, mi, s);
        assertThat(st.getString("id")).isEqualTo(rfc);
        r.assertNoChanges(Map.of("rfc3339", rfc));
        r.destroy();
    }

    @Test
    void timeStaticTakesTheTimeOnceAndKeepsItUntilTriggersChange() throws Exception {
        ResourceUnderTest r = harness.resource("time_static");
        assertThat(r.plan(Map.of()).planned().isKnown("rfc3339")).isFalse();
        String first = r.apply(Map.of("triggers", Map.of("v", "1"))).getString("rfc3339");
        assertThat(Timestamps.parse(first)).isNotNull();
        assertThat(first).endsWith("Z");
        r.assertNoChanges(Map.of("triggers", Map.of("v", "1")));
        PlannedChange p = r.plan(Map.of("triggers", Map.of("v", "2")));
        assertThat(p.action()).isEqualTo(Action.REPLACE);
        assertThat(p.replacePaths()).containsExactly("triggers");
        assertThat(r.importState("2020-01-02T03:04:05Z").getLong("year")).isEqualTo(2020);
        r.assertNoChanges(Map.of("rfc3339", "2020-01-02T03:04:05Z"));
    }

    static Stream<Arguments> offsets() {
        return Stream.of(
                Arguments.of("2024-01-01T00:00:00Z", Map.of("offset_days", 7), "2024-01-08T00:00:00Z"),
                Arguments.of("2024-01-31T10:00:00Z", Map.of("offset_months", 1), "2024-03-02T10:00:00Z"),
                Arguments.of("2023-01-31T10:00:00Z", Map.of("offset_months", 1), "2023-03-03T10:00:00Z"),
                Arguments.of("2024-02-29T00:00:00Z", Map.of("offset_years", 1), "2025-03-01T00:00:00Z"),
                Arguments.of("2024-01-01T00:00:00Z", Map.of("offset_hours", -1, "offset_seconds", 30),
                        "2023-12-31T23:00:30Z"),
                Arguments.of("2024-06-01T12:00:00+02:00", Map.of("offset_minutes", 90), "2024-06-01T13:30:00+02:00"));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("offsets")
    void timeOffsetFollowsGoDateArithmetic(String base, Map<String, ?> offsets, String expected) {
        Map<String, Object> cfg = new HashMap<>(offsets);
        cfg.put("base_rfc3339", base);
        ResourceUnderTest r = harness.resource("time_offset");
        assertThat(r.plan(cfg).planned().getString("rfc3339")).as("known at plan time").isEqualTo(expected);
        ObjectData s = r.apply(cfg);
        assertThat(s.getString("rfc3339")).isEqualTo(expected);
        assertThat(s.getString("id")).isEqualTo(base);
        r.assertNoChanges(cfg);
    }

    @Test
    void changingAnOffsetUpdatesInPlaceFromTheStoredBase() {
        ResourceUnderTest r = harness.resource("time_offset");
        ObjectData s = r.apply(Map.of("offset_days", 1));
        String base = s.getString("base_rfc3339");
        PlannedChange p = r.plan(Map.of("offset_days", 2));
        assertThat(p.action()).isEqualTo(Action.UPDATE);
        String expected = Timestamps.format(Timestamps.parse(base).plusDays(2));
        assertThat(p.planned().getString("rfc3339")).isEqualTo(expected);
        assertThat(r.apply(Map.of("offset_days", 2)).getString("rfc3339")).isEqualTo(expected);
        assertThat(r.state().getString("base_rfc3339")).isEqualTo(base);
        assertThat(r.importState(base + ",,,3,,,").getString("rfc3339"))
                .isEqualTo(Timestamps.format(Timestamps.parse(base).plusDays(3)));
        r.assertNoChanges(Map.of("base_rfc3339", base, "offset_days", 3));
    }

    @Test
    void timeSleepWaitsOnCreateAndDestroyButNotOnUpdate() {
        ResourceUnderTest r = harness.resource("time_sleep");
        Map<String, ?> cfg = Map.of("create_duration", "300ms", "destroy_duration", "0.2s");
        long t0 = System.nanoTime();
        ObjectData s = r.apply(cfg);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Timestamps.parse(s.getString("id"))).isNotNull();
        r.assertNoChanges(cfg);

        Map<String, ?> longer = Map.of("create_duration", "1h", "destroy_duration", "0.2s");
        assertThat(r.plan(longer).action()).isEqualTo(Action.UPDATE);
        t0 = System.nanoTime();
        assertThat(r.apply(longer).getString("id")).as("id kept").isEqualTo(s.getString("id"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));

        Map<String, ?> triggered = Map.of("create_duration", "1ms", "destroy_duration", "0.2s",
                "triggers", Map.of("a", "b"));
        assertThat(r.plan(triggered).replacePaths()).containsExactly("triggers");
        t0 = System.nanoTime();
        r.destroy();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        assertThat(r.importState("10s,").getString("create_duration")).isEqualTo("10s");
        r.assertNoChanges(Map.of("create_duration", "10s"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("time_sleep", Map.of("create_duration", "30 seconds"), "create_duration"),
                Arguments.of("time_sleep", Map.of("destroy_duration", "-1s"), "destroy_duration"),
                Arguments.of("time_static", Map.of("rfc3339", "yesterday"), "rfc3339"),
                Arguments.of("time_offset", Map.of("base_rfc3339", "2024-01-01T00:00:00Z"), "offset_days"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalid")
    void invalidArgumentsAreReportedAtTheAttribute(String type, Map<String, ?> cfg, String attr) {
        List<ProviderDiagnostic> d = harness.resource(type).tryApply(cfg);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.isError()).isTrue();
            assertThat(x.attribute()).hasToString(attr);
        });
    }

    @ParameterizedTest
    @CsvSource({"30s, 30000", "1m30s, 90000", "1.5h, 5400000", "300ms, 300", "0, 0", "2h45m, 9900000"})
    void goDurations(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
