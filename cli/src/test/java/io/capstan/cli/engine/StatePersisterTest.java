package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.capstan.engine.journal.Journal;
import io.capstan.engine.state.StateFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code TF_STATE_PERSIST_INTERVAL} as terraform 1.11 reads it (command.Meta.StatePersistInterval), and the local writer's stop. */
class StatePersisterTest {
    @TempDir
    Path dir;

    /**
     * After a first interrupt the snapshot holds every change, and the last change is stored before the run
     * ends: the local writer then waits for the next record instead of spinning with its monitor held, so
     * close() returns (InterruptTest hung there about one run in eight).
     */
    @Test
    void closeReturnsAfterAnInterruptWhenEveryChangeIsStored() {
        // preemptive: the spinning writer held the monitor stopping() and close() take, so a regression hangs
        assertTimeoutPreemptively(Duration.ofSeconds(30), this::interruptThenClose);
    }

    private void interruptThenClose() throws Exception {
        try (StateStore store = StateStore.open(dir)) {
            store.lock("apply", Duration.ZERO);
            StateFile prior = store.read().value();
            Journal journal = Journal.open(store.journalFile(), prior.lineage(), prior.serial());
            StatePersister persister = new StatePersister(journal, store, prior, prior.serial(), 3, Map.of());
            persister.remove("terraform_data.a");
            persister.stopping(); // stores the snapshot at once
            assertThat(persister.written()).isEqualTo(1);
            persister.remove("terraform_data.b"); // the writer stores this one (forced: at once)
            long t0 = System.nanoTime();
            while (persister.written() < 2 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(10);
            }
            assertThat(persister.written()).isEqualTo(2);
            Thread.sleep(200); // the writer has found nothing new since
            persister.close();
            assertThat(persister.failure()).isNull();
            assertThat(store.current().serial()).isEqualTo(prior.serial() + 2);
            journal.close();
        }
    }

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
