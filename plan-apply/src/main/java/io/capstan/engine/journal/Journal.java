package io.capstan.engine.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.engine.plan.LiveState;
import io.capstan.engine.plan.StateRecorder;
import io.capstan.engine.state.InstanceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only log of completed changes (one JSON line per object written or removed), so
 * that a run killed midway loses nothing a provider acknowledged. Each line is in the file (a
 * {@code write} to the kernel, which a {@code kill -9} of this process cannot undo) before
 * {@code put} returns; a syncer thread fsyncs whatever was written since its last fsync, so the
 * lines also reach the disk while the walk goes on, N completions cost one fsync, not N, and
 * no walker thread waits for the disk. {@link #close} fsyncs what is left: a journal kept
 * because the state could not be saved is on disk when the run ends.
 *
 * <p>Walker threads used to wait for the fsync of their line: with the built-in provider, whose
 * changes take no time, an apply of count 1,000 made about 440 fsyncs of ~0.3 ms each, one
 * after another, while the walk waited on them.
 *
 * <p>The first line names the state lineage the records apply to; {@link #replay} applies a
 * journal left behind to the state it belongs to.
 */
public final class Journal implements StateRecorder, AutoCloseable {
    /** Created on first use: a plan loads this class but writes no journal, and an ObjectMapper's initialisation costs a cold JVM about 0.1 s CPU. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    private final FileChannel channel;
    private final Path file;
    private final java.util.concurrent.atomic.AtomicInteger syncs = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread syncer;
    /** Guarded by this: lines written since the syncer's last fsync began. */
    private boolean dirty;
    /** Guarded by this: no more lines; the syncer ends. */
    private boolean closing;
    /** Guarded by this: a failed write or fsync, thrown to the next append and by close. */
    private IOException failure;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.syncer = new Thread(this::syncLoop, "capstan-journal-sync");
        syncer.setDaemon(true);
    }

    /**
     * Starts a journal for a run against the stored state with this lineage and serial (truncating
     * an old one). The serial tells a later run whether the state changed after this run began.
     */
    public static Journal open(Path file, String lineage, long serial) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Journal j = new Journal(file, ch);
            j.syncer.start();
            ObjectNode head = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            head.put("lineage", lineage);
            head.put("serial", serial);
            j.append(head);
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many fsyncs the journal made: fewer than records when appends came faster than fsyncs. */
    public int syncs() {
        return syncs.get();
    }

    public Path file() {
        return file;
    }

    @Override
    public void put(LiveState.Entry e) {
        append(record("put", e));
    }

    /** One line, so a crash leaves either both halves of the swap or neither. */
    @Override
    public void depose(LiveState.Entry e, String key) {
        ObjectNode n = record("depose", e);
        n.put("deposed_key", key);
        append(n);
    }

    @Override
    public void removeDeposed(String address, String key) {
        ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("op", "remove_deposed");
        n.put("address", address);
        n.put("deposed_key", key);
        append(n);
    }

    /** A resource kept without instances: its address parts and provider, no instance. */
    @Override
    public void putHusk(io.capstan.engine.state.ResourceState r) {
        ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("op", HUSK);
        if (r.module() != null) {
            n.put("module", r.module());
        }
        n.put("mode", r.mode());
        n.put("type", r.type());
        n.put("name", r.name());
        n.put("provider", r.provider());
        append(n);
    }

    @Override
    public void clearHusks() {
        ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("op", CLEAR_HUSKS);
        append(n);
    }

    private static final String HUSK = "husk";
    private static final String CLEAR_HUSKS = "clear_husks";

    private static ObjectNode record(String op, LiveState.Entry e) {
        ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("op", op);
        if (e.module() != null) {
            n.put("module", e.module());
        }
        n.put("mode", e.mode());
        n.put("type", e.type());
        n.put("name", e.name());
        n.put("provider", e.provider());
        InstanceState i = e.instance();
        n.set("index_key", i.indexKey());
        if (i.status() != null) {
            n.put("status", i.status());
        }
        if (i.deposed() != null) {
            n.put("deposed", i.deposed());
        }
        n.put("schema_version", i.schemaVersion());
        n.set("attributes", i.attributes());
        n.set("sensitive_attributes", i.sensitiveAttributes());
        if (i.privateData() != null) {
            n.put("private", i.privateData());
        }
        var deps = n.putArray("dependencies");
        i.dependencies().forEach(deps::add);
        n.put("create_before_destroy", i.createBeforeDestroy());
        return n;
    }

    /**
     * Records that the state with {@code serial} is about to be stored holding every record before
     * this line (an intermediate snapshot), and makes the line durable before returning: a run
     * killed after that write is replayed from here on ({@link #replay(Path, LiveState, long)}).
     * The caller must keep records from being appended while it takes the snapshot and marks it.
     */
    public void markStored(long serial) {
        ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("op", STORED);
        n.put("serial", serial);
        append(n);
    }

    /** Fsyncs every line written so far (the syncer does this in the background; this waits for it). */
    public void force() {
        synchronized (this) {
            if (failure != null) {
                throw new UncheckedIOException(failure);
            }
        }
        if (!sync()) {
            synchronized (this) {
                throw new UncheckedIOException(failure);
            }
        }
    }

    private static final String STORED = "stored";

    @Override
    public void remove(String address) {
        ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("op", "remove");
        n.put("address", address);
        append(n);
    }

    private void append(JsonNode record) {
        byte[] line;
        try {
            String text = JsonLine.write(record); // no ObjectMapper in a cold apply, unless a node needs one
            line = ((text != null ? text : Mapper.INSTANCE.writeValueAsString(record)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer buf = ByteBuffer.wrap(line);
        synchronized (this) { // one line at a time: lines never interleave
            if (failure != null) {
                throw new UncheckedIOException(failure);
            }
            if (closing) {
                throw new IllegalStateException("journal " + file + " is closed");
            }
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException(e);
            }
            if (!dirty) {
                dirty = true;
                notifyAll();
            }
        }
    }

    /** The syncer: fsyncs while lines keep coming (each fsync covers every line written before it). */
    private void syncLoop() {
        while (true) {
            synchronized (this) {
                while (!dirty && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return; // close() fsyncs what is left
                    }
                }
                if (closing) {
                    return; // close() fsyncs what is left, when the journal is kept
                }
                dirty = false;
            }
            if (!sync()) {
                return;
            }
        }
    }

    private boolean sync() {
        try {
            channel.force(false);
            syncs.incrementAndGet();
            return true;
        } catch (IOException e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                }
            }
            return false;
        }
    }

    /** Closes and deletes the journal: the final snapshot holds everything it recorded. */
    public void finish() {
        close(false); // the state just saved holds every line: nothing to fsync
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fsyncs what the syncer has not and closes the file (a journal kept for the next run is on disk). */
    @Override
    public void close() {
        close(true);
    }

    private void close(boolean sync) {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (syncer.isAlive()) {
            try {
                syncer.join();
            } catch (InterruptedException e) {
                interrupted = true; // a Ctrl-C still closes the journal after its last fsync
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        IOException failed;
        boolean left;
        synchronized (this) {
            failed = failure;
            left = dirty;
            dirty = false;
        }
        // a write or fsync that failed before was thrown to an append (or the channel was closed
        // by an interrupt): not tried again here, as closing never reported it before either
        try {
            if (sync && failed == null && left) {
                channel.force(false);
                syncs.incrementAndGet();
            }
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the fsync's failure is the one to report
            }
            throw new UncheckedIOException(e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies the journal at {@code file} (if any) to {@code state}; true when it held records
     * for this state's lineage. A torn last line (killed mid-write) is ignored: its call had not
     * been acknowledged as durable.
     */
    public static boolean replay(Path file, LiveState state) {
        return replay(file, state, -1);
    }

    /**
     * As {@link #replay(Path, LiveState)}, onto a stored state with serial {@code storedSerial}: when
     * that is an intermediate snapshot the journal's run stored ({@link #markStored}), only the records
     * after its mark are applied, the others being in it already.
     */
    public static boolean replay(Path file, LiveState state, long storedSerial) {
        List<JsonNode> lines = lines(file);
        if (lines.isEmpty() || !state.lineage().equals(lines.get(0).path("lineage").asText())) {
            return false;
        }
        int from = 1;
        for (int k = lines.size() - 1; k > 0; k--) {
            JsonNode n = lines.get(k);
            if (STORED.equals(n.path("op").asText()) && n.path("serial").asLong() == storedSerial) {
                from = k + 1;
                break;
            }
        }
        boolean applied = false;
        for (int k = from; k < lines.size(); k++) {
            JsonNode n = lines.get(k);
            String op = n.path("op").asText();
            if (STORED.equals(op)) {
                continue;
            }
            if ("remove".equals(op)) {
                state.remove(n.path("address").asText());
            } else if ("remove_deposed".equals(op)) {
                state.removeDeposed(n.path("address").asText(), n.path("deposed_key").asText());
            } else if (HUSK.equals(op)) {
                state.putHusk(new io.capstan.engine.state.ResourceState(n.hasNonNull("module")
                        ? n.get("module").asText() : null, n.path("mode").asText(), n.path("type").asText(),
                        n.path("name").asText(), n.path("provider").asText(), List.of()));
            } else if (CLEAR_HUSKS.equals(op)) {
                state.clearHusks();
            } else {
                List<String> deps = new ArrayList<>();
                n.path("dependencies").forEach(d -> deps.add(d.asText()));
                JsonNode key = n.get("index_key");
                InstanceState i = new InstanceState(key == null || key.isNull() ? null : key,
                        n.hasNonNull("status") ? n.get("status").asText() : null,
                        n.hasNonNull("deposed") ? n.get("deposed").asText() : null,
                        n.path("schema_version").asLong(), n.get("attributes"), n.get("sensitive_attributes"),
                        n.hasNonNull("private") ? n.get("private").asText() : null, deps,
                        n.path("create_before_destroy").asBoolean());
                LiveState.Entry e = new LiveState.Entry(n.hasNonNull("module") ? n.get("module").asText() : null,
                        n.get("mode").asText(), n.get("type").asText(), n.get("name").asText(),
                        n.get("provider").asText(), i);
                if ("depose".equals(op)) {
                    state.depose(e, n.path("deposed_key").asText());
                } else {
                    state.put(e);
                }
            }
            applied = true;
        }
        return applied;
    }

    /**
     * The serials of the stored states a journal's records can be replayed onto: the one its run began
     * from (first) and those of the intermediate snapshots it stored. Empty when there is no journal.
     */
    public static List<Long> storedSerials(Path file) {
        List<Long> out = new ArrayList<>();
        List<JsonNode> lines = lines(file);
        for (int k = 0; k < lines.size(); k++) {
            JsonNode n = lines.get(k);
            if (k == 0 ? n.has("serial") : STORED.equals(n.path("op").asText())) {
                out.add(n.path("serial").asLong());
            }
        }
        return out;
    }

    /** The journal's lines up to a torn last one (killed mid-write: not acknowledged as durable). */
    private static List<JsonNode> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> out = new ArrayList<>(text.size());
        for (String line : text) {
            JsonNode n;
            try {
                n = Mapper.INSTANCE.readTree(line);
            } catch (IOException torn) {
                break;
            }
            if (n == null) {
                break;
            }
            out.add(n);
        }
        return out;
    }
}
