package io.capstan.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.capstan.engine.plan.LiveState;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.StateFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: concurrent appends are group-committed, and replay restores what was recorded. */
class JournalTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    private static LiveState.Entry entry(String name, String id) {
        var attrs = F.objectNode().put("id", id);
        return new LiveState.Entry(null, "managed", "terraform_data", name,
                "provider[\"terraform.io/builtin/terraform\"]",
                new InstanceState(null, null, null, 0, attrs, null, null, List.of(), false));
    }

    @Test
    void concurrentAppendsShareFsyncsAndAllReplay() throws Exception {
        StateFile empty = StateFile.empty();
        Path file = dir.resolve("j.jsonl");
        Journal j = Journal.open(file, empty.lineage(), 0);
        int threads = 16;
        int each = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    j.put(entry("r" + tt + "_" + i, "id-" + tt + "-" + i));
                }
            });
            th.start();
            ts.add(th);
        }
        go.countDown();
        for (Thread th : ts) {
            th.join();
        }
        j.remove("terraform_data.r0_0");
        int records = threads * each + 1;
        assertTrue(j.syncs() < records, "group commit: " + j.syncs() + " fsyncs for " + records + " records");
        j.close();
        LiveState state = LiveState.of(empty);
        assertTrue(Journal.replay(file, state));
        assertEquals(threads * each - 1, state.entries().size());
        assertNull(state.get("terraform_data.r0_0"));
        assertEquals("id-3-7", state.get("terraform_data.r3_7").instance().attributes().get("id").asText());
    }

    /** What replay does with a journal in each condition a killed run may leave. */
    record Case(String name, boolean sameLineage, String tail, int expected, boolean applied) {
    }

    @Test
    void replayCases() throws Exception {
        List<Case> cases = List.of(
                new Case("complete", true, "", 2, true),
                new Case("torn last line (killed mid-write)", true, "{\"op\":\"put\",\"mo", 2, true),
                new Case("journal of another state", false, "", 0, false));
        for (Case c : cases) {
            StateFile s = StateFile.empty();
            Path file = dir.resolve(c.name().replace(' ', '_') + ".jsonl");
            Journal j = Journal.open(file, c.sameLineage() ? s.lineage() : "other-lineage", 0);
            j.put(entry("a", "1"));
            j.put(entry("b", "2"));
            j.close();
            Files.writeString(file, c.tail(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            LiveState live = LiveState.of(s);
            assertEquals(c.applied(), Journal.replay(file, live), c.name());
            assertEquals(c.expected(), live.entries().size(), c.name());
        }
    }

    /**
     * What a {@code kill -9} right after a change leaves: its line is in the file when {@code put}
     * returns (no walker thread waits for the fsync, so the line must not wait in this process).
     */
    @Test
    void aLineIsInTheFileWhenPutReturnsAndClosingEndsItsSyncs() throws Exception {
        StateFile s = StateFile.empty();
        Path file = dir.resolve("open.jsonl");
        Journal j = Journal.open(file, s.lineage(), 0);
        j.put(entry("a", "1"));
        LiveState live = LiveState.of(s);
        assertTrue(Journal.replay(file, live), "replayed while the journal is still open");
        assertEquals("1", live.get("terraform_data.a").instance().attributes().get("id").asText());
        j.close();
        assertTrue(j.syncs() >= 1, "the lines were fsynced by the syncer or by close: " + j.syncs());
        assertThrows(IllegalStateException.class, () -> j.put(entry("b", "2")));
        assertEquals(2, Files.readAllLines(file).size(), "the lineage line and a's");
    }

    /**
     * A resource kept without instances (a failed apply's husk) is a journal record: a state recovered from the
     * journal holds it as the final write would have; a later clear (an apply that ended without errors) drops
     * it, and one with an object again is not shown without instances.
     */
    @Test
    void huskRecordsReplayIntoTheRecoveredState() {
        StateFile s = StateFile.empty();
        Path file = dir.resolve("husk.jsonl");
        Journal j = Journal.open(file, s.lineage(), 0);
        j.put(entry("a", "1"));
        j.putHusk(new io.capstan.engine.state.ResourceState(null, "managed", "terraform_data", "y",
                "provider[\"terraform.io/builtin/terraform\"]", List.of()));
        j.force();
        LiveState live = LiveState.of(s);
        assertTrue(Journal.replay(file, live));
        StateFile recovered = live.snapshot(1);
        assertEquals(2, recovered.resources().size(), recovered.resources().toString());
        assertEquals("terraform_data.y", recovered.resources().get(1).address());
        assertTrue(recovered.resources().get(1).instances().isEmpty());
        // read again from the state written: still there
        assertEquals(2, LiveState.of(recovered).snapshot(2).resources().size());
        j.clearHusks();
        j.close();
        LiveState again = LiveState.of(s);
        assertTrue(Journal.replay(file, again));
        assertEquals(1, again.snapshot(1).resources().size());
    }

    @Test
    void finishDeletesTheJournal() {
        Path file = dir.resolve("done.jsonl");
        Journal j = Journal.open(file, "l", 0);
        j.put(entry("a", "1"));
        assertTrue(Files.exists(file));
        j.finish();
        assertFalse(Files.exists(file));
        assertNotNull(j.file());
    }

    /**
     * A run that stored intermediate snapshots: replaying onto one of them applies only the records after
     * its mark (a depose replayed onto a state that has it already would depose the new object too), and
     * the serials a journal replays onto are the run's start and its marks.
     */
    @Test
    void replayOntoAnIntermediateSnapshotStartsAfterItsMark() {
        StateFile empty = StateFile.empty();
        Path file = dir.resolve("j.jsonl");
        Journal j = Journal.open(file, empty.lineage(), 7);
        j.put(entry("a", "old"));
        LiveState.Entry replacement = entry("a", "new");
        j.depose(replacement, "k1");
        j.markStored(8); // the snapshot holds: a=new, a deposed k1=old
        j.put(entry("b", "b1"));
        j.markStored(9); // written to the journal, then killed before the state was stored
        j.put(entry("c", "c1"));
        j.force();
        j.close();
        assertEquals(List.of(7L, 8L, 9L), Journal.storedSerials(file));

        LiveState stored = LiveState.of(empty);
        stored.put(entry("a", "old"));
        stored.depose(replacement, "k1");
        assertTrue(Journal.replay(file, stored, 8));
        assertEquals("old", stored.getDeposed("terraform_data.a", "k1").instance().attributes().path("id").asText());
        assertEquals("new", stored.get("terraform_data.a").instance().attributes().path("id").asText());
        assertNotNull(stored.get("terraform_data.b"));
        assertNotNull(stored.get("terraform_data.c"));
        assertEquals(1, stored.deposed().size());

        // onto the state the run began from: every record
        LiveState begun = LiveState.of(empty);
        assertTrue(Journal.replay(file, begun, 7));
        assertEquals("old", begun.getDeposed("terraform_data.a", "k1").instance().attributes().path("id").asText());
        assertEquals(3, begun.entries().size());
        // a journal without marks replays onto its start only
        assertEquals(List.of(), Journal.storedSerials(dir.resolve("none.jsonl")));
    }
}
