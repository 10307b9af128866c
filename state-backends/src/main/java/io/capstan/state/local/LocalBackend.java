package io.capstan.state.local;

import io.capstan.state.AbstractBackend;
import io.capstan.state.BackendConfig;
import io.capstan.state.HistoryEntry;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.RandomUuid;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.WriteCondition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The default backend: state files on disk in Terraform's layout ({@code terraform.tfstate},
 * {@code terraform.tfstate.d/WS/terraform.tfstate}), with the previous version kept as
 * {@code .backup} (written atomically: temp file, fsync, rename) and in a history folder. The state
 * file is written in place while locked ({@link #writeInPlace}, crash-safe by padding), atomically
 * by rename otherwise ({@code -lock=false}).
 *
 * <p>The lock is terraform's (statemgr.Filesystem): an OS write lock (fcntl F_SETLK, which Java's
 * {@code FileChannel.tryLock} uses on Linux) on the state file itself, created if missing and
 * removed again at unlock if it stayed empty, held for the whole operation, and the holder's lock
 * info (terraform's JSON, plus PID and host) written to {@code .terraform.tfstate.lock.info} (mode
 * 0600) once the lock is held, removed before it is released. So terraform refuses while Capstan
 * holds the lock and Capstan refuses while terraform holds it, with the holder's info when it has
 * written it and terraform's error for the info file when it has not. The OS drops the lock when the
 * holder dies: the info a crashed holder leaves is simply overwritten by the next holder, as
 * terraform overwrites it. While held, the state is written into the locked file in place (renaming
 * a new file over it would leave the lock on an unlinked inode) and read through the same
 * descriptor: POSIX locks belong to the process and closing any descriptor of the file drops them,
 * so locks held in this JVM are tracked in a static table and their file is never reopened while held.
 *
 * <p>A state file created only to be locked is deleted at unlock (as terraform deletes it), so a
 * waiter may win the lock on that unlinked, empty inode while another process creates and locks a
 * new file at the path. So when the file won is empty, acquiring checks that it is not an unlinked
 * file (Linux's /proc/self/fd) and tries again if it is. A state with content is never unlinked by
 * a lock holder, so a non-empty file needs no check.
 */
public final class LocalBackend extends AbstractBackend {
  static final Set<String> ARGUMENTS = Set.of("path", "workspace_dir", "capstan.working_dir");

  private record Held(String id, LockInfo info, LocalBackend owner, StateFileLock state) {}

  /** The fcntl lock on the state file itself, terraform's lock; {@code created}: the file did not exist before. */
  private record StateFileLock(Path path, FileChannel channel, FileLock lock, boolean created) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      release();
    }

    void release() throws IOException {
      try {
        // as terraform's Unlock: a state file created only to be locked goes again (while still locked)
        if (created && channel.size() == 0) {
          Files.deleteIfExists(path);
        }
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  /** Attempts at winning a lock on the file the path names before reporting it held (each loss is a race with an unlock). */
  private static final int ATTEMPTS = 100;

  private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();

  private final Path statePath;
  private final Path workspaceDir;
  private final Path historyDir;
  /** Guarded by this: workspaces whose stored state is an intermediate snapshot of a run still going on. */
  private final Set<String> midRun = new java.util.HashSet<>();
  /** The state file and workspace folder as configured (relative to the working directory, usually): terraform's lock info Path. */
  private final Path shownStatePath;
  private final Path shownWorkspaceDir;

  public LocalBackend(BackendConfig config) {
    super(config);
    config.checkKnown(ARGUMENTS);
    Path wd = Path.of(config.string("capstan.working_dir", ".")).toAbsolutePath().normalize();
    this.statePath = wd.resolve(config.string("path", "terraform.tfstate")).normalize();
    this.workspaceDir = wd.resolve(config.string("workspace_dir", "terraform.tfstate.d")).normalize();
    this.shownStatePath = Path.of(config.string("path", "terraform.tfstate")).normalize();
    this.shownWorkspaceDir = Path.of(config.string("workspace_dir", "terraform.tfstate.d")).normalize();
    this.historyDir = statePath.resolveSibling("." + statePath.getFileName() + ".history");
  }

  @Override
  public String type() {
    return "local";
  }

  /** The state file of a workspace, as Terraform lays it out. */
  public Path statePath(String workspace) {
    checkWorkspace(workspace);
    return DEFAULT_WORKSPACE.equals(workspace) ? statePath : workspaceDir.resolve(workspace).resolve("terraform.tfstate");
  }

  Path lockPath(String workspace) {
    Path s = statePath(workspace);
    return s.resolveSibling("." + s.getFileName() + ".lock.info");
  }

  @Override
  public List<String> workspaces() {
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_WORKSPACE);
    if (Files.isDirectory(workspaceDir)) {
      try (Stream<Path> s = Files.list(workspaceDir)) {
        s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.equals(DEFAULT_WORKSPACE))
            .sorted().forEach(out::add);
      } catch (IOException e) {
        throw new StateException("cannot list workspaces in " + workspaceDir + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public void deleteWorkspace(String workspace) {
    refuseDefault(workspace);
    if (HELD.containsKey(lockPath(workspace))) {
      throw new StateException("workspace \"" + workspace + "\" is locked; unlock it before deleting it");
    }
    deleteTree(workspaceDir.resolve(workspace));
    deleteTree(historyDir.resolve(workspace));
  }

  @Override
  public Optional<byte[]> read(String workspace) {
    Path p = statePath(workspace);
    Held held = HELD.get(lockPath(workspace));
    try {
      if (held != null) {
        // never open and close another descriptor of the locked file: that drops the lock
        FileChannel ch = held.state().channel();
        byte[] b = contents(ch, Math.toIntExact(ch.size()));
        return b.length == 0 ? Optional.empty() : Optional.of(b);
      }
      if (!Files.exists(p) || Files.size(p) == 0) {
        return Optional.empty();
      }
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        byte[] b = contents(ch, Math.toIntExact(ch.size()));
        return b.length == 0 ? Optional.empty() : Optional.of(b);
      }
    } catch (IOException e) {
      throw new StateException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void write(String workspace, byte[] state, WriteCondition condition) {
    store(workspace, state, condition, false);
  }

  /**
   * As terraform's local state manager writes during an apply: in place (while locked), the state from
   * before the run in {@code .backup} (made by the run's first write, and left alone by the later ones
   * and by the final {@link #write}), and not in the history, which keeps the run's final state.
   */
  @Override
  public synchronized void writeIntermediate(String workspace, byte[] state, WriteCondition condition) {
    store(workspace, state, condition, true);
  }

  private void store(String workspace, byte[] state, WriteCondition condition, boolean intermediate) {
    Path p = statePath(workspace);
    StateMeta incoming = StateMeta.of(state);
    Optional<byte[]> current = read(workspace);
    // the stored snapshot's lineage and serial are all the check needs: not a second whole scan
    condition.check(current.map(StateMeta::header).orElse(StateMeta.NONE), incoming);
    try {
      Files.createDirectories(p.getParent());
      // after an intermediate snapshot, .backup already holds the state from before the run
      if (current.isPresent() && !midRun.contains(workspace)) {
        atomicWrite(p.resolveSibling(p.getFileName() + ".backup"), current.get());
      }
      Held held = HELD.get(lockPath(workspace));
      if (held != null) {
        writeInPlace(held.state().channel(), state);
      } else {
        atomicWrite(p, state);
      }
      if (intermediate) {
        midRun.add(workspace);
        return;
      }
      midRun.remove(workspace);
      if (incoming.serial() >= 0) {
        LocalHistory.record(historyDir.resolve(workspace), state, incoming, config.who(), historyLimit());
      }
    } catch (IOException e) {
      throw new StateException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  static void atomicWrite(Path target, byte[] data) throws IOException {
    Path tmp = null;
    try {
      FileChannel opened = null;
      while (opened == null) {
        // Files.createTempFile's name and mode (owner read/write), without its SecureRandom, whose
        // set-up costs a cold JVM about 0.1 s CPU on every apply
        tmp = target.resolveSibling("." + target.getFileName()
            + Long.toUnsignedString(RandomUuid.uuid().getLeastSignificantBits()) + ".tmp");
        try {
          opened = openNew(tmp);
        } catch (java.nio.file.FileAlreadyExistsException taken) {
          tmp = null;
        }
      }
      try (FileChannel ch = opened) {
        writeAt(ch, data, 0);
        ch.force(true);
      }
      Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException ignored) {
        // some file systems cannot fsync a directory; the rename is still atomic
      }
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** The most one channel write takes from a state's bytes: see {@link #writeAt}. */
  private static final int WRITE_SLICE = 64 * 1024;

  /**
   * Writes all of {@code data} at {@code pos}, at most {@link #WRITE_SLICE} bytes per call. A channel
   * copies a heap buffer into a temporary direct buffer as large as what is left of it (native memory the
   * JDK then keeps for the thread), so writing a state in one call added the state's size to the process's
   * peak RSS: NMT's "Other" 614 KB at the end of an apply of 1,000 resources (a 600 KB state), against
   * 64 KB now.
   */
  static void writeAt(FileChannel ch, byte[] data, long pos) throws IOException {
    for (int off = 0; off < data.length; ) {
      ByteBuffer b = ByteBuffer.wrap(data, off, Math.min(WRITE_SLICE, data.length - off));
      while (b.hasRemaining()) {
        off += ch.write(b, pos + off);
      }
    }
  }

  /**
   * Replaces the content of the locked state file through its descriptor, as terraform does: the
   * file (and the lock on it) stays the one the path names. A rename would be atomic but cannot be
   * used here: the lock would stay on the unlinked file, and a terraform waiting with
   * {@code -lock-timeout} keeps its descriptor of that old file, so it would then win a lock on a
   * file no one reads and write its state there. So that a kill midway leaves a state that still
   * parses, a shorter state is first written padded to the old length with spaces (JSON allows
   * trailing whitespace) in one write, made durable, and only then cut to its length; the file is
   * never seen empty, and the previous state is in {@code .backup} (written atomically before).
   */
  static void writeInPlace(FileChannel ch, byte[] data) throws IOException {
    long old = ch.size();
    byte[] padded = data;
    if (old > data.length) {
      padded = java.util.Arrays.copyOf(data, Math.toIntExact(old));
      java.util.Arrays.fill(padded, data.length, padded.length, (byte) ' ');
    }
    writeAt(ch, padded, 0);
    if (padded.length != data.length) {
      ch.force(false);
      ch.truncate(data.length);
    }
    ch.force(true);
  }

  /**
   * Writes the lock info file as terraform's writeLockInfo does (truncated and written, mode 0600 when
   * created, not synced: the fcntl lock is the lock, the file only names its holder).
   */
  private static void writeLockInfo(Path lp, byte[] json) throws IOException {
    java.util.Set<StandardOpenOption> options = java.util.EnumSet.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    FileChannel ch;
    try {
      ch = FileChannel.open(lp, options, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      ch = FileChannel.open(lp, options);
    }
    try (FileChannel c = ch) {
      ByteBuffer b = ByteBuffer.wrap(json);
      while (b.hasRemaining()) {
        c.write(b);
      }
    }
  }

  private static FileChannel openNew(Path p) throws IOException {
    java.util.Set<StandardOpenOption> options = java.util.EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return FileChannel.open(p, options, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return FileChannel.open(p, options);
    }
  }

  /** The state file's path as terraform writes it in its lock info and errors: as configured, not made absolute. */
  private Path shownStatePath(String workspace) {
    return DEFAULT_WORKSPACE.equals(workspace) ? shownStatePath
        : shownWorkspaceDir.resolve(workspace).resolve("terraform.tfstate");
  }

  @Override
  protected String tryLock(String workspace, LockInfo requested) {
    Path lp = lockPath(workspace);
    Path shown = shownStatePath(workspace);
    LockInfo info = requested.withPath(shown.toString());
    synchronized (HELD) {
      Held inJvm = HELD.get(lp);
      if (inJvm != null) {
        throw new LockHeldException("resource temporarily unavailable", inJvm.info(), false);
      }
      StateFileLock stateLock = null;
      boolean locked = false;
      try {
        stateLock = lockStateFile(statePath(workspace), lp, shown);
        // whatever info is there was left by a holder that is gone (the OS dropped its lock): overwritten
        writeLockInfo(lp, info.toJson());
        HELD.put(lp, new Held(info.id(), info, this, stateLock));
        locked = true;
        return info.id();
      } catch (IOException e) {
        throw new StateException("cannot lock " + statePath(workspace) + ": " + e.getMessage(), e);
      } finally {
        if (!locked && stateLock != null) {
          try {
            stateLock.release();
          } catch (IOException ignored) {
            // the descriptor is closed, which drops the lock
          }
        }
      }
    }
  }

  /**
   * Terraform's lock: a write lock on the whole state file, created if missing. Held by another
   * process (terraform or Capstan): terraform's LockError, "resource temporarily unavailable" with
   * the holder's info, or with why it could not be read ({@link #heldBy}).
   */
  private static StateFileLock lockStateFile(Path state, Path lp, Path shown) throws IOException {
    Files.createDirectories(state.getParent());
    for (int attempt = 1; ; attempt++) {
      boolean created = !Files.exists(state);
      FileChannel ch = FileChannel.open(state, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock fl;
      try {
        fl = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        fl = null;
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      if (fl == null) {
        ch.close();
        throw heldBy(lp, shown);
      }
      // only an empty file can be one a holder unlinked at unlock (it had created it and left it empty)
      if (ch.size() > 0 || attempt >= ATTEMPTS || (Files.exists(state) && !unlinkedDescriptorOf(state))) {
        return new StateFileLock(state, ch, fl, created);
      }
      // won the lock on that unlinked file while another process may have created and locked a new one: again
      ch.close();
    }
  }

  /**
   * The lock is held by another process: terraform's LockError text. Its info when the holder has
   * written it; when it has not yet (or it is being written), no table and the reason joined with
   * terraform's error for the info file (Go's errors.Join: one per line), with the paths as configured.
   */
  private static LockHeldException heldBy(Path lp, Path shownState) {
    String busy = "resource temporarily unavailable";
    byte[] b;
    try {
      b = Files.readAllBytes(lp);
    } catch (java.nio.file.NoSuchFileException e) {
      Path shownInfo = shownState.resolveSibling(lp.getFileName());
      return new LockHeldException(busy + "\nopen " + shownInfo + ": no such file or directory", null, false);
    } catch (IOException e) {
      return new LockHeldException(busy + "\n" + e.getMessage(), null, false);
    }
    try {
      return new LockHeldException(busy, LockInfo.fromJson(b), false);
    } catch (StateException e) {
      String why = new String(b, java.nio.charset.StandardCharsets.UTF_8).isBlank()
          || e.getCause() instanceof com.fasterxml.jackson.core.io.JsonEOFException
          ? "unexpected end of JSON input" : e.getMessage();
      return new LockHeldException(busy + "\nstate file \"" + shownState
          + "\" locked, but could not unmarshal lock info: " + why, null, false);
    }
  }

  /**
   * Whether this process has a descriptor open on a file that was at {@code state} and has been
   * unlinked (Linux's /proc/self/fd names it "PATH (deleted)"). No other descriptor of the path is
   * open in this JVM while it locks (the HELD table), so such a descriptor is the one just locked.
   */
  private static boolean unlinkedDescriptorOf(Path state) {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return false;
    }
    String dead = state + " (deleted)";
    try (Stream<Path> s = Files.list(fds)) {
      return s.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().equals(dead);
        } catch (IOException | UnsupportedOperationException e) {
          return false; // closed meanwhile
        }
      });
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** Up to {@code max} bytes from the start, read {@link #WRITE_SLICE} at a time (as {@link #writeAt} writes). */
  private static byte[] contents(FileChannel ch, int max) throws IOException {
    byte[] out = new byte[max];
    int n = 0;
    while (n < max) {
      int got = ch.read(ByteBuffer.wrap(out, n, Math.min(WRITE_SLICE, max - n)), n);
      if (got <= 0) {
        break; // end of file
      }
      n += got;
    }
    return n == max ? out : java.util.Arrays.copyOf(out, n);
  }

  @Override
  public void unlock(String workspace, String lockId) {
    Path lp = lockPath(workspace);
    synchronized (HELD) {
      Held h = HELD.get(lp);
      if (h == null || !h.id().equals(lockId) || h.owner() != this) {
        throw new StateException("cannot unlock workspace \"" + workspace + "\": lock ID \"" + lockId
            + "\" is not held by this client" + (h == null ? "" : " (held: " + h.id() + ")"));
      }
      release(lp, h);
    }
  }

  private static void release(Path lp, Held h) {
    try {
      Files.deleteIfExists(lp); // as terraform removes its lock info, while the lock is still held
    } catch (IOException e) {
      throw new StateException("cannot unlock " + lp + ": " + e.getMessage(), e);
    } finally {
      HELD.remove(lp);
      try {
        h.state().release(); // last, as terraform unlocks the state file after removing its info
      } catch (IOException e) {
        // the descriptor is closed, which drops the lock
      }
    }
  }

  /**
   * Terraform's force-unlock of local state can only release a lock this process holds (its
   * Filesystem.Unlock: "LocalState not locked" otherwise): here, one held in this JVM (the resident
   * server). Any other state, locked by a live process or not, is "not locked", as terraform says.
   */
  @Override
  public void forceUnlock(String workspace, String lockId) {
    Path lp = lockPath(workspace);
    synchronized (HELD) {
      Held h = HELD.get(lp);
      if (h != null) {
        if (!h.id().equals(lockId)) {
          throw new StateException("lock ID \"" + lockId + "\" does not match the existing lock ID \"" + h.id() + "\"");
        }
        release(lp, h);
        return;
      }
      throw new StateException("LocalState not locked");
    }
  }

  /** The holder of the lock: this JVM's, or another process's while it holds the state file (its info, if written). */
  @Override
  public Optional<LockInfo> lockHolder(String workspace) {
    Path lp = lockPath(workspace);
    synchronized (HELD) {
      Held h = HELD.get(lp);
      if (h != null) {
        return Optional.of(h.info());
      }
      if (!Files.exists(statePath(workspace))) {
        return Optional.empty();
      }
      try (StateFileLock probe = lockStateFile(statePath(workspace), lp, shownStatePath(workspace))) {
        return Optional.empty();
      } catch (LockHeldException held) {
        return Optional.ofNullable(held.holder());
      } catch (IOException e) {
        throw new StateException("cannot read the lock of " + statePath(workspace) + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public List<HistoryEntry> history(String workspace) {
    checkWorkspace(workspace);
    return LocalHistory.list(historyDir.resolve(workspace));
  }

  @Override
  public Optional<byte[]> historyVersion(String workspace, long serial) {
    checkWorkspace(workspace);
    return LocalHistory.version(historyDir.resolve(workspace), serial);
  }

  @Override
  public void close() {
    // locks outlive the object only if the caller forgot to unlock; the OS drops them at exit
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> {
        try {
          Files.delete(x);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new StateException("cannot delete " + p + ": " + e.getMessage(), e);
    }
  }

}
