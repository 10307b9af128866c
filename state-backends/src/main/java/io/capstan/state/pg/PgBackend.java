package io.capstan.state.pg;

import io.capstan.state.AbstractBackend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendConfigException;
import io.capstan.state.HistoryEntry;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.WriteCondition;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL in Terraform's pg layout, so Terraform and Capstan share one state: schema
 * {@code terraform_remote_state} (or {@code schema_name}), table {@code states(id, name, data)}
 * with ids from {@code public.global_states_id_seq}, and session advisory locks keyed as
 * Terraform keys them (the row id; {@code -1} while a workspace is being created). The lock
 * lives as long as the session that took it, so a killed holder's lock is gone at once.
 *
 * <p>Capstan adds two tables of its own in the same schema: {@code capstan_locks} (the holder's
 * lock info, for the lock message) and {@code capstan_state_history}.
 */
public final class PgBackend extends AbstractBackend {
  static final Set<String> ARGUMENTS =
      Set.of("conn_str", "schema_name", "skip_schema_creation", "skip_table_creation", "skip_index_creation");

  private record Held(String id, long key, Connection session) {}

  private final PgConnectionString conn;
  private final String schema;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  /** Workspaces whose lock died with its session: writes are refused until the lock is taken again. */
  private final Set<String> lost = ConcurrentHashMap.newKeySet();
  private Connection main;

  public PgBackend(BackendConfig config) {
    super(config);
    config.checkKnown(ARGUMENTS);
    this.conn = PgConnectionString.parse(config.required("conn_str", "PG_CONN_STR"), config.environment());
    this.schema = config.string("schema_name", "terraform_remote_state", "PG_SCHEMA_NAME");
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new BackendConfigException("schema_name", "schema_name \"" + schema + "\" is not a plain SQL identifier");
    }
    try {
      setUp();
    } catch (SQLException e) {
      throw failure("cannot prepare the PostgreSQL state schema", e);
    }
  }

  private void setUp() throws SQLException {
    Connection c = main();
    boolean skipSchema = config.bool("skip_schema_creation", false, "PG_SKIP_SCHEMA_CREATION");
    boolean skipTable = config.bool("skip_table_creation", false, "PG_SKIP_TABLE_CREATION");
    boolean skipIndex = config.bool("skip_index_creation", false, "PG_SKIP_INDEX_CREATION");
    for (int attempt = 0; ; attempt++) {
      try (Statement st = c.createStatement()) {
        if (!skipSchema) {
          boolean exists;
          try (PreparedStatement ps =
              c.prepareStatement("select count(1) from information_schema.schemata where schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              exists = rs.getInt(1) > 0;
            }
          }
          if (!exists) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
          }
        }
        if (!skipTable) {
          st.execute("CREATE SEQUENCE IF NOT EXISTS public.global_states_id_seq AS bigint");
          st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".states (id bigint NOT NULL DEFAULT "
              + "nextval('public.global_states_id_seq') PRIMARY KEY, name text UNIQUE, data text)");
        }
        if (!skipIndex) {
          st.execute("CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON " + schema + ".states (name)");
        }
        st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".capstan_locks (name text PRIMARY KEY, info text NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".capstan_state_history (name text NOT NULL, "
            + "serial bigint NOT NULL, lineage text NOT NULL, created timestamptz NOT NULL, who text NOT NULL, "
            + "resources integer NOT NULL, size bigint NOT NULL, data text NOT NULL, PRIMARY KEY (name, serial))");
        return;
      } catch (SQLException e) {
        // concurrent CREATE ... IF NOT EXISTS from several processes can collide in the catalog
        if (attempt >= 4 || !"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
          throw e;
        }
      }
    }
  }

  @Override
  public String type() {
    return "pg";
  }

  private synchronized Connection main() throws SQLException {
    if (main != null && !main.isValid(5)) {
      closeQuietly(main);
      main = null;
    }
    if (main == null) {
      main = DriverManager.getConnection(conn.jdbcUrl(), conn.properties());
    }
    return main;
  }

  private synchronized StateException failure(String what, SQLException e) {
    // a broken session is dropped so the next call reconnects (PostgreSQL restarted, network)
    if (main != null) {
      try {
        if (!main.isValid(1)) {
          main.close();
          main = null;
        }
      } catch (SQLException ignored) {
        main = null;
      }
    }
    return new StateException(what + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized List<String> workspaces() {
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_WORKSPACE);
    try (PreparedStatement ps = main().prepareStatement(
        "SELECT name FROM " + schema + ".states WHERE name != 'default' ORDER BY name");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw failure("cannot list workspaces", e);
    }
  }

  @Override
  public synchronized void deleteWorkspace(String workspace) {
    refuseDefault(workspace);
    try {
      Connection c = main();
      c.setAutoCommit(false);
      try {
        for (String table : List.of("states", "capstan_state_history", "capstan_locks")) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema + "." + table + " WHERE name = ?")) {
            ps.setString(1, workspace);
            ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("cannot delete workspace \"" + workspace + "\"", e);
    }
  }

  @Override
  public synchronized Optional<byte[]> read(String workspace) {
    checkWorkspace(workspace);
    try (PreparedStatement ps = main().prepareStatement("SELECT data FROM " + schema + ".states WHERE name = ?")) {
      ps.setString(1, workspace);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null || rs.getString(1).isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(rs.getString(1).getBytes(StandardCharsets.UTF_8));
      }
    } catch (SQLException e) {
      throw failure("cannot read the state of workspace \"" + workspace + "\" from PostgreSQL", e);
    }
  }

  @Override
  public synchronized void write(String workspace, byte[] state, WriteCondition condition) {
    checkWorkspace(workspace);
    verifyLockAlive(workspace);
    StateMeta incoming = StateMeta.of(state);
    String text = new String(state, StandardCharsets.UTF_8);
    try {
      Connection c = main();
      c.setAutoCommit(false);
      try {
        StateMeta stored = StateMeta.NONE;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT data FROM " + schema + ".states WHERE name = ? FOR UPDATE")) {
          ps.setString(1, workspace);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getString(1) != null) {
              stored = StateMeta.of(rs.getString(1).getBytes(StandardCharsets.UTF_8));
            }
          }
        }
        condition.check(stored, incoming);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".states (name, data) VALUES (?, ?) "
            + "ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data")) {
          ps.setString(1, workspace);
          ps.setString(2, text);
          ps.executeUpdate();
        }
        if (incoming.serial() >= 0) {
          recordHistory(c, workspace, incoming, text, state.length);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the session is gone; the transaction died with it
        }
        throw e;
      } finally {
        try {
          c.setAutoCommit(true);
        } catch (SQLException ignored) {
          // reconnect on next use
        }
      }
    } catch (SQLException e) {
      throw failure("cannot write the state of workspace \"" + workspace + "\" to PostgreSQL (nothing was changed)", e);
    }
  }

  private void recordHistory(Connection c, String ws, StateMeta meta, String text, long size) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".capstan_state_history "
        + "(name, serial, lineage, created, who, resources, size, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (name, serial) DO UPDATE SET lineage = EXCLUDED.lineage, created = EXCLUDED.created, "
        + "who = EXCLUDED.who, resources = EXCLUDED.resources, size = EXCLUDED.size, data = EXCLUDED.data")) {
      ps.setString(1, ws);
      ps.setLong(2, meta.serial());
      ps.setString(3, meta.lineage());
      ps.setTimestamp(4, Timestamp.from(Instant.now()));
      ps.setString(5, config.who());
      ps.setInt(6, meta.resources());
      ps.setLong(7, size);
      ps.setString(8, text);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema + ".capstan_state_history WHERE name = ? "
        + "AND serial NOT IN (SELECT serial FROM " + schema + ".capstan_state_history WHERE name = ? "
        + "ORDER BY serial DESC LIMIT ?)")) {
      ps.setString(1, ws);
      ps.setString(2, ws);
      ps.setInt(3, historyLimit());
      ps.executeUpdate();
    }
  }

  /** Writing after the lock's session died would defeat the lock: refuse instead. */
  private void verifyLockAlive(String workspace) {
    Held h = held.get(workspace);
    if (h == null) {
      if (lost.contains(workspace)) {
        throw new StateException("the state lock on workspace \"" + workspace + "\" was lost when its PostgreSQL "
            + "session ended; nothing was written, run the operation again");
      }
      return;
    }
    try (Statement st = h.session().createStatement()) {
      st.execute("SELECT 1");
    } catch (SQLException e) {
      held.remove(workspace);
      lost.add(workspace);
      closeQuietly(h.session());
      throw new StateException("the state lock on workspace \"" + workspace + "\" was lost: its PostgreSQL session "
          + "ended (" + e.getMessage() + "); nothing was written, run the operation again");
    }
  }

  @Override
  protected String tryLock(String workspace, LockInfo requested) {
    if (held.containsKey(workspace)) {
      throw new LockHeldException("Workspace is already locked: " + workspace, holderInfo(workspace), false);
    }
    Connection s = null;
    try {
      s = DriverManager.getConnection(conn.jdbcUrl(), conn.properties());
      long key;
      try (PreparedStatement ps = s.prepareStatement("SELECT states.id, pg_try_advisory_lock(states.id), "
          + "pg_try_advisory_lock(-1) FROM " + schema + ".states WHERE states.name = ?")) {
        ps.setString(1, workspace);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            try (Statement st = s.createStatement(); ResultSet r2 = st.executeQuery("SELECT pg_try_advisory_lock(-1)")) {
              r2.next();
              if (!r2.getBoolean(1)) {
                throw new LockHeldException("Already locked for workspace creation: " + workspace,
                    holderInfo(workspace), false);
              }
            }
            key = -1;
          } else {
            long id = rs.getLong(1);
            boolean didLock = rs.getBoolean(2);
            boolean didLockCreate = rs.getBoolean(3);
            if (!didLock) {
              if (didLockCreate) {
                advisoryUnlock(s, -1);
              }
              throw new LockHeldException("Workspace is already locked: " + workspace, holderInfo(workspace), false);
            }
            if (!didLockCreate) {
              advisoryUnlock(s, id);
              throw new LockHeldException("Cannot lock workspace; already locked for workspace creation: " + workspace,
                  holderInfo(workspace), false);
            }
            advisoryUnlock(s, -1);
            key = id;
          }
        }
      }
      LockInfo info = requested.withPath(Long.toString(key));
      try (PreparedStatement ps = s.prepareStatement("INSERT INTO " + schema + ".capstan_locks (name, info) VALUES (?, ?) "
          + "ON CONFLICT (name) DO UPDATE SET info = EXCLUDED.info")) {
        ps.setString(1, workspace);
        ps.setString(2, new String(info.toJson(), StandardCharsets.UTF_8));
        ps.executeUpdate();
      }
      held.put(workspace, new Held(info.id(), key, s));
      lost.remove(workspace);
      s = null;
      return info.id();
    } catch (SQLException e) {
      throw new StateException("cannot lock workspace \"" + workspace + "\" in PostgreSQL: " + e.getMessage(), e);
    } finally {
      closeQuietly(s);
    }
  }

  private static void advisoryUnlock(Connection s, long key) throws SQLException {
    try (Statement st = s.createStatement()) {
      st.execute("SELECT pg_advisory_unlock(" + key + ")");
    }
  }

  /** The holder's info: Capstan's lock row, or for a Terraform holder what PostgreSQL knows of its session. */
  private LockInfo holderInfo(String workspace) {
    try {
      Optional<LockInfo> row = lockHolder(workspace);
      if (row.isPresent()) {
        return row.get();
      }
      Optional<Long> pid = holderPid(workspace);
      if (pid.isEmpty()) {
        return null;
      }
      try (PreparedStatement ps = main().prepareStatement(
          "SELECT usename, coalesce(client_addr::text, 'local'), application_name, backend_start "
              + "FROM pg_stat_activity WHERE pid = ?")) {
        ps.setLong(1, pid.get());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return new LockInfo("", "", "PostgreSQL session " + pid.get() + " (" + rs.getString(3) + ")",
                rs.getString(1) + "@" + rs.getString(2), "", rs.getTimestamp(4).toInstant(), "", 0, "");
          }
        }
      }
    } catch (SQLException | StateException e) {
      // the message still names the workspace
    }
    return null;
  }

  /** The backend process that holds the workspace's advisory lock (its row id, or -1). */
  private Optional<Long> holderPid(String workspace) throws SQLException {
    try (PreparedStatement ps = main().prepareStatement("SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' "
        + "AND l.granted AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = coalesce("
        + "(SELECT id FROM " + schema + ".states WHERE name = ?), -1) "
        + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      ps.setString(1, workspace);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  @Override
  public void unlock(String workspace, String lockId) {
    if (!held.containsKey(workspace) && lost.remove(workspace)) {
      return; // the lock already ended with its session
    }
    Held h = held.get(workspace);
    if (h == null || !h.id().equals(lockId)) {
      throw new StateException("cannot unlock workspace \"" + workspace + "\": lock ID \"" + lockId
          + "\" is not held by this client");
    }
    held.remove(workspace);
    try {
      try (PreparedStatement ps = h.session().prepareStatement(
          "DELETE FROM " + schema + ".capstan_locks WHERE name = ? AND info::jsonb ->> 'ID' = ?")) {
        ps.setString(1, workspace);
        ps.setString(2, lockId);
        ps.executeUpdate();
      }
      advisoryUnlock(h.session(), h.key());
    } catch (SQLException e) {
      // the session is gone, and the advisory lock with it
    } finally {
      closeQuietly(h.session());
    }
  }

  @Override
  public void forceUnlock(String workspace, String lockId) {
    Held mine = held.get(workspace);
    if (mine != null && mine.id().equals(lockId)) {
      unlock(workspace, lockId);
      return;
    }
    try {
      Optional<LockInfo> row = lockHolder(workspace);
      if (row.isPresent() && !row.get().id().equals(lockId)) {
        throw new StateException("lock ID \"" + lockId + "\" does not match the existing lock ID \"" + row.get().id() + "\"");
      }
      Optional<Long> pid = holderPid(workspace);
      if (pid.isEmpty() && row.isEmpty()) {
        throw new StateException("workspace \"" + workspace + "\" is not locked");
      }
      synchronized (this) {
        if (pid.isPresent()) {
          try (PreparedStatement ps = main().prepareStatement("SELECT pg_terminate_backend(?::int)")) {
            ps.setLong(1, pid.get());
            ps.execute();
          }
        }
        try (PreparedStatement ps = main().prepareStatement("DELETE FROM " + schema + ".capstan_locks WHERE name = ?")) {
          ps.setString(1, workspace);
          ps.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw failure("cannot force-unlock workspace \"" + workspace + "\"", e);
    }
  }

  /** Capstan's lock row, if an advisory lock still backs it (a row left by a dead session is ignored). */
  @Override
  public synchronized Optional<LockInfo> lockHolder(String workspace) {
    try {
      if (holderPid(workspace).isEmpty()) {
        return Optional.empty();
      }
      try (PreparedStatement ps = main().prepareStatement("SELECT info FROM " + schema + ".capstan_locks WHERE name = ?")) {
        ps.setString(1, workspace);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(LockInfo.fromJson(rs.getString(1))) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read the lock of workspace \"" + workspace + "\"", e);
    }
  }

  @Override
  public synchronized List<HistoryEntry> history(String workspace) {
    checkWorkspace(workspace);
    List<HistoryEntry> out = new ArrayList<>();
    try (PreparedStatement ps = main().prepareStatement("SELECT serial, lineage, created, who, resources, size FROM "
        + schema + ".capstan_state_history WHERE name = ? ORDER BY serial DESC")) {
      ps.setString(1, workspace);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
              rs.getInt(5), rs.getLong(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("cannot read the history of workspace \"" + workspace + "\"", e);
    }
  }

  @Override
  public synchronized Optional<byte[]> historyVersion(String workspace, long serial) {
    checkWorkspace(workspace);
    try (PreparedStatement ps = main().prepareStatement(
        "SELECT data FROM " + schema + ".capstan_state_history WHERE name = ? AND serial = ?")) {
      ps.setString(1, workspace);
      ps.setLong(2, serial);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1).getBytes(StandardCharsets.UTF_8)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("cannot read the history of workspace \"" + workspace + "\"", e);
    }
  }

  @Override
  public synchronized void close() {
    held.values().forEach(h -> closeQuietly(h.session()));
    held.clear();
    closeQuietly(main);
    main = null;
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing
      }
    }
  }
}
