package io.capstan.orchestrator.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The default store: one SQLite file in WAL mode with full fsync on commit, so a write that
 * returned survives {@code kill -9}. Every write appends to a log table under the global
 * revision, which is what watches replay from. Reads are served from an in-memory mirror kept
 * in step with the database, so gets and lists never wait for a disk flush.
 */
public final class SqliteStore implements Store {
    private static final int KEEP_EVENTS = 100_000;

    private final Connection db;
    private final Predicate<String> sensitive;
    private final SecretBox box;
    private final Object writeLock = new Object();
    private final java.util.concurrent.ConcurrentLinkedQueue<Pending> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ReentrantReadWriteLock memLock = new ReentrantReadWriteLock();
    private final NavigableMap<String, KeyValue> mem = new ConcurrentSkipListMap<>();
    private final List<WatchStream> watchers = new CopyOnWriteArrayList<>();
    private volatile long revision;
    private volatile long compacted;
    private long writesSinceCompaction;
    private WalCheckpointer checkpointer;

    private SqliteStore(Connection db, Predicate<String> sensitive, SecretBox box) {
        this.db = db;
        this.sensitive = sensitive;
        this.box = box;
    }

    /** Opens (creating if needed) the store file; values of keys matching {@code sensitive} are sealed with {@code box}. */
    public static SqliteStore open(Path file, Predicate<String> sensitive, SecretBox box) {
        Objects.requireNonNull(sensitive);
        Objects.requireNonNull(box);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                // checkpoints run on their own thread (WalCheckpointer), not inside a commit
                s.execute("PRAGMA wal_autocheckpoint=0");
                s.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS log (rev INTEGER PRIMARY KEY, key TEXT NOT NULL, type INTEGER NOT NULL, value BLOB, create_rev INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
            }
            c.setAutoCommit(false);
            SqliteStore store = new SqliteStore(c, sensitive, box);
            store.load();
            store.checkpointer = WalCheckpointer.start(file);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open store " + file + ": " + e.getMessage(), e);
        }
    }

    private void load() throws SQLException {
        try (Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT key, value, create_rev, mod_rev FROM kv")) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    mem.put(key, new KeyValue(key, unseal(key, rs.getBytes(2)), rs.getLong(3), rs.getLong(4)));
                }
            }
            long rev = 0;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(rev), 0) FROM log")) {
                rs.next();
                rev = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT k, v FROM meta")) {
                while (rs.next()) {
                    if (rs.getString(1).equals("rev")) {
                        rev = Math.max(rev, rs.getLong(2));
                    } else if (rs.getString(1).equals("compacted")) {
                        compacted = rs.getLong(2);
                    }
                }
            }
            revision = rev;
        }
        db.commit();
    }

    private byte[] seal(String key, byte[] v) {
        return v != null && sensitive.test(key) ? box.seal(v) : v;
    }

    private byte[] unseal(String key, byte[] v) {
        return v != null && sensitive.test(key) ? box.open(v) : v;
    }

    /**
     * Start and end ({@link System#nanoTime()}) of recent WAL checkpoints that copied pages, oldest
     * first: they write and fsync the database file beside the commits, so benchmarks line slow
     * commits up with them.
     */
    public List<long[]> checkpointWindows() {
        return checkpointer == null ? List.of() : checkpointer.windows();
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public long compactedRevision() {
        return compacted;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        memLock.readLock().lock();
        try {
            return Optional.ofNullable(mem.get(key));
        } finally {
            memLock.readLock().unlock();
        }
    }

    @Override
    public Range range(String prefix) {
        memLock.readLock().lock();
        try {
            List<KeyValue> out = new ArrayList<>();
            for (Map.Entry<String, KeyValue> e : mem.tailMap(prefix, true).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                out.add(e.getValue());
            }
            return new Range(out, revision);
        } finally {
            memLock.readLock().unlock();
        }
    }

    @Override
    public WriteResult put(String key, byte[] value, long expect) {
        Objects.requireNonNull(value);
        return write(key, value, expect);
    }

    @Override
    public WriteResult delete(String key, long expect) {
        return write(key, null, expect);
    }

    /** One put or delete waiting for the group commit that will carry it. */
    private static final class Pending {
        final String key;
        final byte[] value;
        final long expect;
        WriteResult result;
        RuntimeException failure;
        boolean done;

        Pending(String key, byte[] value, long expect) {
            this.key = key;
            this.value = value;
            this.expect = expect;
        }
    }

    /**
     * Group commit: a writer queues its write, then takes the write lock; whoever holds it commits
     * every write queued so far in one SQLite transaction and one fsync, and the writers whose
     * writes it carried find them done. Under concurrent writers (heartbeats, status reports,
     * controllers) this turns N fsyncs into one without weakening durability: nobody returns
     * before the commit that holds their write.
     */
    private WriteResult write(String key, byte[] value, long expect) {
        Pending me = new Pending(key, value, expect);
        queue.add(me);
        synchronized (writeLock) {
            if (!me.done) {
                List<Pending> batch = new ArrayList<>();
                for (Pending p = queue.poll(); p != null; p = queue.poll()) {
                    batch.add(p);
                }
                commit(batch);
            }
        }
        if (me.failure != null) {
            throw me.failure;
        }
        return me.result;
    }

    private void commit(List<Pending> batch) {
        Map<String, KeyValue> overlay = new HashMap<>();
        List<StoreEvent> events = new ArrayList<>();
        long rev = revision;
        try (PreparedStatement del = db.prepareStatement("DELETE FROM kv WHERE key = ?");
             PreparedStatement put = db.prepareStatement("INSERT OR REPLACE INTO kv (key, value, create_rev, mod_rev) VALUES (?, ?, ?, ?)");
             PreparedStatement log = db.prepareStatement("INSERT INTO log (rev, key, type, value, create_rev) VALUES (?, ?, ?, ?, ?)")) {
            for (Pending w : batch) {
                KeyValue before = overlay.containsKey(w.key) ? overlay.get(w.key) : mem.get(w.key);
                long actual = before == null ? 0 : before.modRevision();
                if ((w.expect != ANY && w.expect != actual) || (w.value == null && before == null)) {
                    w.result = new WriteResult.Conflict(actual);
                    continue;
                }
                rev++;
                long createRev = before == null ? rev : before.createRevision();
                byte[] stored = seal(w.key, w.value == null ? before.value() : w.value);
                if (w.value == null) {
                    del.setString(1, w.key);
                    del.executeUpdate();
                    overlay.put(w.key, null);
                } else {
                    put.setString(1, w.key);
                    put.setBytes(2, stored);
                    put.setLong(3, createRev);
                    put.setLong(4, rev);
                    put.executeUpdate();
                    overlay.put(w.key, new KeyValue(w.key, w.value, createRev, rev));
                }
                log.setLong(1, rev);
                log.setString(2, w.key);
                log.setInt(3, w.value == null ? 1 : 0);
                log.setBytes(4, stored);
                log.setLong(5, createRev);
                log.executeUpdate();
                events.add(new StoreEvent(w.value == null ? StoreEvent.Type.DELETE : StoreEvent.Type.PUT, w.key,
                        w.value == null ? before.value() : w.value, rev, createRev));
                w.result = new WriteResult.Applied(rev, createRev, before == null ? null : before.value());
                if (++writesSinceCompaction >= 1000) {
                    compactLocked(rev);
                }
            }
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            for (Pending w : batch) {
                w.result = null;
                w.failure = new IllegalStateException("store write failed: " + e.getMessage(), e);
                w.done = true;
            }
            return;
        }
        memLock.writeLock().lock();
        try {
            for (var e : overlay.entrySet()) {
                if (e.getValue() == null) {
                    mem.remove(e.getKey());
                } else {
                    mem.put(e.getKey(), e.getValue());
                }
            }
            revision = rev;
        } finally {
            memLock.writeLock().unlock();
        }
        // offered under the write lock, so every watch sees revisions in order
        for (WatchStream w : watchers) {
            for (StoreEvent e : events) {
                w.offer(e);
            }
        }
        for (Pending w : batch) {
            w.done = true;
        }
    }

    @Override
    public TxnResult txn(List<Put> puts) {
        Objects.requireNonNull(puts);
        if (puts.stream().map(Put::key).distinct().count() != puts.size()) {
            throw new IllegalArgumentException("a txn must not put the same key twice");
        }
        List<StoreEvent> events = new ArrayList<>(puts.size());
        List<WriteResult.Applied> applied = new ArrayList<>(puts.size());
        synchronized (writeLock) {
            Map<String, Long> conflicts = new java.util.TreeMap<>();
            for (Put p : puts) {
                KeyValue before = mem.get(p.key());
                long actual = before == null ? 0 : before.modRevision();
                if (p.expect() != ANY && p.expect() != actual) {
                    conflicts.put(p.key(), actual);
                }
            }
            if (!conflicts.isEmpty()) {
                return new TxnResult.Conflicted(conflicts);
            }
            long rev = revision;
            List<KeyValue> after = new ArrayList<>(puts.size());
            try (PreparedStatement kv = db.prepareStatement("INSERT OR REPLACE INTO kv (key, value, create_rev, mod_rev) VALUES (?, ?, ?, ?)");
                 PreparedStatement log = db.prepareStatement("INSERT INTO log (rev, key, type, value, create_rev) VALUES (?, ?, 0, ?, ?)")) {
                for (Put p : puts) {
                    KeyValue before = mem.get(p.key());
                    rev++;
                    long createRev = before == null ? rev : before.createRevision();
                    byte[] stored = seal(p.key(), p.value());
                    kv.setString(1, p.key());
                    kv.setBytes(2, stored);
                    kv.setLong(3, createRev);
                    kv.setLong(4, rev);
                    kv.addBatch();
                    log.setLong(1, rev);
                    log.setString(2, p.key());
                    log.setBytes(3, stored);
                    log.setLong(4, createRev);
                    log.addBatch();
                    // the mirror keeps the key String it has: a new one per write would only be promoted with it
                    after.add(new KeyValue(before == null ? p.key() : before.key(), p.value(), createRev, rev));
                    events.add(new StoreEvent(StoreEvent.Type.PUT, p.key(), p.value(), rev, createRev));
                    applied.add(new WriteResult.Applied(rev, createRev, before == null ? null : before.value()));
                }
                kv.executeBatch();
                log.executeBatch();
                writesSinceCompaction += puts.size() - 1;
                if (++writesSinceCompaction >= 1000) {
                    compactLocked(rev);
                }
                db.commit();
            } catch (SQLException e) {
                try {
                    db.rollback();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
                throw new IllegalStateException("store txn failed: " + e.getMessage(), e);
            }
            memLock.writeLock().lock();
            try {
                for (KeyValue kv : after) {
                    mem.put(kv.key(), kv);
                }
                revision = rev;
            } finally {
                memLock.writeLock().unlock();
            }
            for (WatchStream w : watchers) {
                for (StoreEvent e : events) {
                    w.offer(e);
                }
            }
        }
        return new TxnResult.Committed(applied);
    }

    private void compactLocked(long rev) throws SQLException {
        writesSinceCompaction = 0;
        long keepAfter = rev - KEEP_EVENTS;
        if (keepAfter <= compacted) {
            return;
        }
        try (PreparedStatement p = db.prepareStatement("DELETE FROM log WHERE rev <= ?")) {
            p.setLong(1, keepAfter);
            p.executeUpdate();
        }
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO meta (k, v) VALUES ('compacted', ?), ('rev', ?)")) {
            p.setLong(1, keepAfter);
            p.setLong(2, rev);
            p.executeUpdate();
        }
        compacted = keepAfter;
    }

    /** Past events after {@code after} under {@code prefix}, read from the log table. */
    List<StoreEvent> history(String prefix, long after) {
        synchronized (writeLock) {
            if (after < compacted) {
                throw new CompactedException(after, compacted);
            }
            List<StoreEvent> out = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement(
                    "SELECT rev, key, type, value, create_rev FROM log WHERE rev > ? AND key >= ? AND key < ? ORDER BY rev")) {
                p.setLong(1, after);
                p.setString(2, prefix);
                p.setString(3, prefix + '\uffff');
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(2);
                        out.add(new StoreEvent(rs.getInt(3) == 1 ? StoreEvent.Type.DELETE : StoreEvent.Type.PUT, key,
                                unseal(key, rs.getBytes(4)), rs.getLong(1), rs.getLong(5)));
                    }
                }
                db.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("store history read failed: " + e.getMessage(), e);
            }
            return out;
        }
    }

    @Override
    public Watch watch(String prefix, long afterRevision, Consumer<StoreEvent> listener, Consumer<RuntimeException> ended) {
        if (afterRevision < compacted) {
            throw new CompactedException(afterRevision, compacted);
        }
        WatchStream w = new WatchStream(this, prefix, afterRevision, listener, ended);
        watchers.add(w);
        w.start();
        return w;
    }

    void remove(WatchStream w) {
        watchers.remove(w);
    }

    @Override
    public void close() {
        for (WatchStream w : watchers) {
            w.close();
        }
        if (checkpointer != null) {
            checkpointer.close();
        }
        synchronized (writeLock) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }
}
