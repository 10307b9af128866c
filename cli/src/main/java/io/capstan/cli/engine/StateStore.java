package io.capstan.cli.engine;

import io.capstan.cli.backend.CurrentBackend;
import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.engine.journal.Journal;
import io.capstan.engine.plan.LiveState;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.diag.Result;
import io.capstan.state.BackendWarning;
import io.capstan.state.LockInfo;
import io.capstan.state.WriteCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The state of the selected workspace for one command: read (replaying a journal a killed run
 * left behind), locked while the command runs, written back with the lost-update guard. The
 * journal lives in {@code .terraform/capstan/journal-WORKSPACE.jsonl} beside the working
 * directory's other data.
 */
public final class StateStore implements AutoCloseable {
    private final CurrentBackend.Opened opened;
    private final Path workdir;
    private String lockId;
    private StateFile stored;
    private boolean present;
    /** The backend's warnings of this command's writes (a state stored, its history not kept), until taken. */
    private final Warnings warnings = new Warnings();

    private StateStore(CurrentBackend.Opened opened, Path workdir) {
        this.opened = opened;
        this.workdir = workdir;
    }

    public static StateStore open(Path workdir) {
        return new StateStore(CurrentBackend.open(workdir), workdir);
    }

    public String workspace() {
        return opened.workspace();
    }

    /** The backend's type as the {@code backend} block names it ({@code local}, {@code pg}...). */
    public String backendType() {
        return opened.backend().type();
    }

    public Path journalFile() {
        return workdir.resolve(".terraform").resolve("capstan").resolve("journal-" + opened.workspace() + ".jsonl");
    }

    public void lock(String operation, Duration timeout) {
        lockId = opened.backend().lock(opened.workspace(), LockInfo.forThisProcess(operation, StateFile.TERRAFORM_VERSION),
                timeout);
    }

    /**
     * The current state: what the backend holds, plus whatever a journal left by an interrupted
     * run recorded (written back at once, so the journal can go).
     */
    public Result<StateFile> read() {
        Optional<byte[]> bytes = opened.backend().read(opened.workspace());
        present = bytes.isPresent() && bytes.get().length > 0;
        StateFile s;
        if (present) {
            Result<StateFile> r = StateCodec.read(bytes.get());
            if (r.hasErrors() || r.value() == null) {
                return r;
            }
            s = r.value();
        } else {
            s = StateFile.empty();
            String lineage = journalLineage();
            if (lineage != null) {
                s = new StateFile(s.terraformVersion(), 0, lineage, s.outputs(), s.resources(), null);
            }
        }
        stored = s;
        Path j = journalFile();
        long began = journalSerial();
        // the run may have stored intermediate snapshots: the journal replays onto any of them
        if (present && began >= 0 && !Journal.storedSerials(j).contains(s.serial())) {
            // The state was written after the journal's run began (e.g. `state push` of the
            // errored.tfstate that run left): its records may be older than what is stored now,
            // and replaying them could undo later changes. Kept aside, never applied.
            Path aside = j.resolveSibling(j.getFileName() + ".stale");
            try {
                Files.move(j, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Result<StateFile> result = Result.of(stored);
            result.diagnostics().add(io.capstan.hcl.diag.Diagnostic.warning("Journal of an earlier run not replayed",
                    "An earlier apply recorded its completed changes in a journal because it could not save the state. "
                            + "The state has been written since that run began (serial " + began + ", now " + s.serial()
                            + "), for example by pushing errored.tfstate, so the journal was not applied: replaying it "
                            + "could undo those later changes. It was kept as " + aside
                            + "; check the state (capstan state list, capstan plan) and remove the file.", null));
            return result;
        }
        LiveState live = LiveState.of(s);
        if (Journal.replay(j, live, s.serial())) {
            StateFile recovered = live.snapshot(s.serial() + 1);
            write(recovered);
        }
        try {
            Files.deleteIfExists(j);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Result.of(stored); // what write(recovered) stored, when a journal was replayed
    }

    /** The stored serial the journal's run began from; -1 when there is no journal or it does not say. */
    private long journalSerial() {
        JsonNode head = journalHead();
        return head == null || !head.has("serial") ? -1 : head.get("serial").asLong(-1);
    }

    private String journalLineage() {
        JsonNode head = journalHead();
        return head == null ? null : head.path("lineage").asText(null);
    }

    /** The journal's first line (lineage and the serial its run began from); null when there is none. */
    private JsonNode journalHead() {
        Path j = journalFile();
        if (!Files.isRegularFile(j)) {
            return null;
        }
        try (var r = Files.newBufferedReader(j, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first == null ? null : StateCodec.parse(first);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes {@code s} unless it equals what is stored; the stored serial must not have moved meanwhile. */
    public void write(StateFile s) {
        write(s, false);
    }

    /**
     * As {@link #write(StateFile)}; with {@code evenIfEmpty} an empty state is written where there was
     * none (terraform's {@code refresh} leaves a state file, serial 1, however empty).
     */
    public void write(StateFile s, boolean evenIfEmpty) {
        if (!present && s.isEmpty() && !evenIfEmpty) {
            return;
        }
        byte[] bytes = StateCodec.write(s); // once: compared, then written
        // every resource and instance is written, so states of different sizes cannot encode alike:
        // encoding the stored one as well held a second state-sized buffer at the write's peak
        // (a 1,000-long chain's state is 18 MB: its transitive dependencies)
        if (present && stored != null && sameSize(stored, s)
                && Arrays.equals(StateCodec.write(stored.withSerial(s.serial())), bytes)) {
            return;
        }
        WriteCondition cond = present ? new WriteCondition.Expect(stored.lineage(), stored.serial())
                : new WriteCondition.ExpectAbsent();
        opened.backend().write(opened.workspace(), bytes, cond, warnings);
        stored = s;
        present = true;
    }

    /**
     * Stores a snapshot of an apply still running (terraform's intermediate state persistence), with the
     * lost-update guard of {@link #write}. Called by one thread at a time, not while {@link #write} runs.
     */
    public void writeIntermediate(StateFile s) {
        WriteCondition cond = present ? new WriteCondition.Expect(stored.lineage(), stored.serial())
                : new WriteCondition.ExpectAbsent();
        opened.backend().writeIntermediate(opened.workspace(), StateCodec.write(s), cond, warnings);
        stored = s;
        present = true;
    }

    /** The backend's warnings of the writes so far (a state stored, what it keeps beside it not), emptied. */
    public List<BackendWarning> takeWarnings() {
        synchronized (warnings) {
            List<BackendWarning> out = new ArrayList<>(warnings);
            warnings.clear();
            return out;
        }
    }

    /** {@link #takeWarnings} as diagnostics without a source, to print with a command's own. */
    public io.capstan.hcl.diag.Diagnostics takeWarningDiagnostics() {
        io.capstan.hcl.diag.Diagnostics d = new io.capstan.hcl.diag.Diagnostics();
        for (BackendWarning w : takeWarnings()) {
            d.add(io.capstan.hcl.diag.Diagnostic.warning(w.summary(), w.detail(), null));
        }
        return d;
    }

    /** Collects warnings from the persister's thread and the command's. */
    private static final class Warnings extends ArrayList<BackendWarning> implements Consumer<BackendWarning> {
        @Override
        public void accept(BackendWarning w) {
            synchronized (this) {
                add(w);
            }
        }
    }

    private static boolean sameSize(StateFile a, StateFile b) {
        if (a.resources().size() != b.resources().size()) {
            return false;
        }
        long instances = 0;
        for (var r : a.resources()) {
            instances += r.instances().size();
        }
        for (var r : b.resources()) {
            instances -= r.instances().size();
        }
        return instances == 0;
    }

    /** The state as stored now (after {@link #read} and any {@link #write}). */
    public StateFile current() {
        return stored;
    }

    @Override
    public void close() {
        try {
            if (lockId != null) {
                opened.backend().unlock(opened.workspace(), lockId);
            }
        } finally {
            opened.close();
        }
    }
}
