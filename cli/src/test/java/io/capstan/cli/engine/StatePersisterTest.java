package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code TF_STATE_PERSIST_INTERVAL} as terraform 1.11 reads it (command.Meta.StatePersistInterval). */
class StatePersisterTest {
    @Test
    void thePersistIntervalIsTakenOnlyAboveTerraformsDefault() {
        assertThat(StatePersister.persistInterval(null)).isEqualTo(20);
        assertThat(StatePersister.persistInterval("45")).isEqualTo(45);
        assertThat(StatePersister.persistInterval("+45")).isEqualTo(45); // strconv.Atoi takes a sign
        assertThat(StatePersister.persistInterval("21")).isEqualTo(21);
        // not above 20, or not an integer: the default
        assertThat(StatePersister.persistInterval("20")).isEqualTo(20);
        assertThat(StatePersister.persistInterval("5")).isEqualTo(20);
        assertThat(StatePersister.persistInterval("0")).isEqualTo(20);
        assertThat(StatePersister.persistInterval("-30")).isEqualTo(20);
        assertThat(StatePersister.persistInterval("30s")).isEqualTo(20);
        assertThat(StatePersister.persistInterval(" 30")).isEqualTo(20);
        assertThat(StatePersister.persistInterval("1_000")).isEqualTo(20);
        assertThat(StatePersister.persistInterval("")).isEqualTo(20);
        assertThat(StatePersister.persistInterval("99999999999999999999")).isEqualTo(20); // out of range
    }
}
