package io.capstan.orchestrator.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies a {@link SqliteStore}'s write-ahead log back into the database file on its own thread and
 * connection. SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, so
 * that unlucky commit also writes and fsyncs the database file — a latency spike for every write
 * waiting on it (scheduler bindings among them). A PASSIVE checkpoint here runs beside the writer
 * instead, and never blocks it; the store's commits only append to the log and fsync it.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final long PERIOD_MS = 1_000;

    /** How many past checkpoints {@link #windows} remembers. */
    private static final int KEEP = 4096;

    private final Connection db;
    private final Thread thread;
    private volatile boolean closed;
    /** Start and end ({@link System#nanoTime()}) of the last {@link #KEEP} checkpoints that copied pages; guarded by {@code this}. */
    private final java.util.ArrayDeque<long[]> windows = new java.util.ArrayDeque<>();

    private WalCheckpointer(Connection db) {
        this.db = db;
        this.thread = new Thread(this::run, "store-checkpoint");
        this.thread.setDaemon(true);
    }

    static WalCheckpointer start(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
        }
        WalCheckpointer w = new WalCheckpointer(c);
        w.thread.start();
        return w;
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MS);
                long t0 = System.nanoTime();
                try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    // columns: busy, frames in the log, frames checkpointed (copied back so far)
                    if (rs.next() && rs.getInt(3) > 0) {
                        record(t0, System.nanoTime());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                // busy or closing: the next period tries again
            }
        }
    }

    private synchronized void record(long start, long end) {
        if (windows.size() == KEEP) {
            windows.poll();
        }
        windows.add(new long[] {start, end});
    }

    /** Start and end of recent checkpoints that copied pages, oldest first (for latency attribution). */
    synchronized java.util.List<long[]> windows() {
        return java.util.List.copyOf(windows);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
