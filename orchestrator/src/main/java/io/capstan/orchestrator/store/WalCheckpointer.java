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

    private final Connection db;
    private final Thread thread;
    private volatile boolean closed;

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
                try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    rs.next();
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                // busy or closing: the next period tries again
            }
        }
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
