package io.capstan.orchestrator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The binder's batch size: commits of a few ms, unless that would cost the throughput. */
class BatchSizerTest {
    private static final long MS = 1_000_000L;

    static Stream<Arguments> cases() {
        return Stream.of(
                // what happened: current, size, commit, cycle -> next batch size
                Arguments.of("full batch, 8 ms commit, 10,000/s: shrink by a quarter", 100, 100, 8 * MS, 10 * MS, 75),
                Arguments.of("shrinks no lower than the minimum", 20, 20, 8 * MS, 2 * MS, 16),
                Arguments.of("partial batch, slow commit: keep (a burst needs the room)", 100, 40, 8 * MS, 9 * MS, 100),
                Arguments.of("full batch slower than 4,000/s: grow whatever the commit took", 40, 40, 30 * MS, 31 * MS, 50),
                Arguments.of("growing stops at the maximum", 90, 90, 30 * MS, 40 * MS, 100),
                Arguments.of("full batch, fast commit: grow by an eighth", 40, 40, 1 * MS, 3 * MS, 45),
                Arguments.of("partial batch, fast commit: keep (nothing more was pending)", 40, 10, 2 * MS, 3 * MS, 40),
                Arguments.of("commit near the target: keep", 60, 60, 1800_000L, 5 * MS, 60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nextBatchSize(String what, int current, int size, long commit, long cycle, int expected) {
        assertThat(new BatchSizer(16, 100).next(current, size, commit, cycle)).isEqualTo(expected);
    }
}
