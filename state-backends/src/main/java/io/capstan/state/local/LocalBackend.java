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
 * <p>The lock is terraform's: an OS write lock (fcntl F_SETLK, which Java's {@code FileChannel.tryLock}
 * uses on Linux) on the state file itself ({@code terraform.tfstate}, or the workspace's), created
 * if missing and removed again at unlock if it stayed empty, held for the whole operation, with the
 * holder's lock info (terraform's JSON, plus PID and host) in {@code .terraform.tfstate.lock.info}.
 * So terraform refuses while Capstan holds the lock and Capstan refuses while terraform holds it.
 * While held, the state is written into the locked file in place (as terraform writes it; renaming
 * a new file over it would leave the lock on an unlinked inode) and read through the same
 * descriptor, since closing any other descriptor of the file would drop the lock.
 *
 * <p>Capstan also locks {@code .terraform.tfstate.lock.info} (fcntl) once it holds the state file;
 * the info file's content is the holder's lock info with PID and host. The OS drops the lock when the holder dies; the info it
 * leaves behind is how a crashed holder is recognised and reported as stale until
 * {@code force-unlock}. POSIX locks belong to the process and closing any descriptor of the file
 * drops them, so locks held in this JVM are tracked in a static table and their file is never
 * reopened while held.
 *
 * <p>Unlocking deletes the file, as terraform deletes its own. The fcntl lock lives on the file's
 * inode, so a waiter may win the lock on an inode that was just unlinked (it opened the file before
 * the holder deleted it) while another process creates and locks a new file at the path. Acquiring
 * therefore verifies, after locking and writing its info, that the path still names the locked file:
 * it opens the path a second time and compares the content with what it wrote (only the holder of
 * a file's lock writes to it, and each lock ID is unique). A mismatch, or no file, means the lock
 * won was on a dead inode: it is dropped and the attempt repeated. The holder unlinks the path only
 * while it holds the lock, after emptying the file, so a waiter that then wins the old inode finds
 * it empty (not "left behind") and fails the verification. The second descriptor stays open until
 * unlock: closing it would drop the process's lock on that same inode.
 */
public final class LocalBackend extends AbstractBackend {
  static final Set<String> ARGUMENTS = Set.of("path", "workspace_dir", "capstan.working_dir");

  private record Held(String id, LockInfo info, FileChannel channel, FileLock lock, FileChannel check,
      LocalBackend owner, StateFileLock state) {}

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
      return Optional.of(Files.readAllBytes(p));
    } catch (IOException e) {
      throw new StateException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void write(String workspace, byte[] state, WriteCondition condition) {
    Path p = statePath(workspace);
    StateMeta incoming = StateMeta.of(state);
    Optional<byte[]> current = read(workspace);
    // the stored snapshot's lineage and serial are all the check needs: not a second whole scan
    condition.check(current.map(StateMeta::header).orElse(StateMeta.NONE), incoming);
    try {
      Files.createDirectories(p.getParent());
      if (current.isPresent()) {
        atomicWrite(p.resolveSibling(p.getFileName() + ".backup"), current.get());
      }
      Held held = HELD.get(lockPath(workspace));
      if (held != null) {
        writeInPlace(held.state().channel(), state);
      } else {
        atomicWrite(p, state);
      }
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
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          ch.write(b);
        }
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
    ByteBuffer b = ByteBuffer.wrap(padded);
    long pos = 0;
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
    if (padded.length != data.length) {
      ch.force(false);
      ch.truncate(data.length);
    }
    ch.force(true);
  }

  /** The lock info file, created with mode 0600 as terraform writes it. */
  private static FileChannel openLockInfo(Path lp) throws IOException {
    java.util.Set<StandardOpenOption> options =
        java.util.EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return FileChannel.open(lp, options, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return FileChannel.open(lp, options);
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

  @Override
  protected String tryLock(String workspace, LockInfo requested) {
    Path lp = lockPath(workspace);
    // the state file's path as terraform writes it in its lock info: as configured, not made absolute
    LockInfo info = requested.withPath((DEFAULT_WORKSPACE.equals(workspace) ? shownStatePath
        : shownWorkspaceDir.resolve(workspace).resolve("terraform.tfstate")).toString());
    Held inJvm = HELD.get(lp);
    if (inJvm != null) {
      throw new LockHeldException("resource temporarily unavailable", inJvm.info(), false);
    }
    synchronized (HELD) {
      if (HELD.containsKey(lp)) {
        throw new LockHeldException("resource temporarily unavailable", HELD.get(lp).info(), false);
      }
      StateFileLock stateLock = null;
      boolean locked = false;
      try {
        Files.createDirectories(lp.getParent());
        stateLock = lockStateFile(statePath(workspace), lp);
        for (int attempt = 1; ; attempt++) {
          String id = attempt(lp, info, stateLock);
          if (id != null) {
            locked = true;
            return id;
          }
          if (attempt >= ATTEMPTS) {
            throw new LockHeldException("resource temporarily unavailable", readInfo(lp).orElse(null), false);
          }
        }
      } catch (IOException e) {
        throw new StateException("cannot lock " + lp + ": " + e.getMessage(), e);
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
   * One attempt: the lock ID when this process now holds the lock on the file the path names; null
   * when the lock won was on a file another process had just unlinked (try again); an exception when
   * someone holds the lock or a crashed holder left its info behind.
   */
  /**
   * Terraform's lock: a write lock on the whole state file, created if missing. Held by another
   * process (terraform or Capstan): terraform's error, "resource temporarily unavailable", with the
   * holder's info when it has written it.
   */
  private static StateFileLock lockStateFile(Path state, Path lp) throws IOException {
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
        throw new LockHeldException("resource temporarily unavailable", readInfo(lp).orElse(null), false);
      }
      if ((Files.exists(state) && !unlinkedDescriptorOf(state)) || attempt >= ATTEMPTS) {
        return new StateFileLock(state, ch, fl, created);
      }
      // won the lock on a file its holder removed at unlock (it had created it and left it empty)
      // while another process may have created and locked a new one: drop it and try again
      ch.close();
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

  private String attempt(Path lp, LockInfo info, StateFileLock stateLock) throws IOException {
    FileChannel ch = openLockInfo(lp);
    FileChannel check = null;
    boolean keep = false;
    try {
      FileLock fl;
      try {
        fl = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        fl = null;
      }
      if (fl == null) {
        throw new LockHeldException("resource temporarily unavailable", readInfo(lp).orElse(null), false);
      }
      Optional<LockInfo> left = readInfo(ch);
      if (left.isPresent()) {
        // this process holds the state file's lock, so whoever wrote this info (Capstan or terraform) is gone
        throw new LockHeldException("the lock was left behind by a process that is no longer running", left.get(), true);
      }
      byte[] mine = info.toJson();
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(mine), 0);
      ch.force(true);
      try {
        check = FileChannel.open(lp, StandardOpenOption.READ);
      } catch (java.nio.file.NoSuchFileException e) {
        return null; // unlinked since we opened it
      }
      if (!java.util.Arrays.equals(contents(check, mine.length + 1), mine)) {
        // the path names another file now: ours is a dead inode. No lock of ours lives on the
        // other file (this JVM holds none for this path), so closing its descriptor is safe.
        return null;
      }
      HELD.put(lp, new Held(info.id(), info, ch, fl, check, this, stateLock));
      keep = true;
      return info.id();
    } finally {
      if (!keep) {
        if (check != null) {
          check.close();
        }
        ch.close(); // also releases a lock won on a dead inode
      }
    }
  }

  private static byte[] contents(FileChannel ch, int max) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(max);
    while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
      // read until full or end of file
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
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
      // emptied first: a waiter that wins this inode after the unlink must not read a crashed holder
      h.channel().truncate(0);
      h.channel().force(true);
      Files.deleteIfExists(lp); // as terraform removes its lock info; only while the lock is held
      h.lock().release();
      h.channel().close();
      h.check().close();
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
      LockInfo current = readInfo(lp).orElseThrow(
          () -> new StateException("workspace \"" + workspace + "\" is not locked"));
      if (!current.id().equals(lockId)) {
        throw new StateException("lock ID \"" + lockId + "\" does not match the existing lock ID \"" + current.id() + "\"");
      }
      StateFileLock stateLock;
      try {
        stateLock = lockStateFile(statePath(workspace), lp);
      } catch (LockHeldException held) {
        // a live process (terraform or Capstan) holds the state file: as terraform, refuse to unlock another process's local lock
        throw new StateException("the lock " + lockId + " is held by a running process"
            + (current.pid() > 0 ? " (PID " + current.pid() + " on " + current.host() + ")" : "")
            + "; local state cannot be unlocked by another process: stop that process first");
      } catch (IOException e) {
        throw new StateException("cannot unlock " + lp + ": " + e.getMessage(), e);
      }
      try (StateFileLock sl = stateLock;
          FileChannel ch = FileChannel.open(lp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock fl = ch.tryLock();
        if (fl == null) {
          throw new StateException("the lock " + lockId + " is held by a running process"
              + (current.pid() > 0 ? " (PID " + current.pid() + " on " + current.host() + ")" : "")
              + "; stop that process first");
        }
        // the locked file still holds that dead holder's info: the path names it (only lock holders unlink)
        Optional<LockInfo> onFile = readInfo(ch);
        if (onFile.isEmpty() || !onFile.get().id().equals(lockId)) {
          fl.release();
          throw new StateException("workspace \"" + workspace + "\" is not locked");
        }
        ch.truncate(0);
        ch.force(true);
        Files.deleteIfExists(lp);
        fl.release();
      } catch (IOException e) {
        throw new StateException("cannot unlock " + lp + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public Optional<LockInfo> lockHolder(String workspace) {
    Path lp = lockPath(workspace);
    Held h = HELD.get(lp);
    return h != null ? Optional.of(h.info()) : readInfo(lp);
  }

  private static Optional<LockInfo> readInfo(Path lp) {
    try {
      if (!Files.exists(lp)) {
        return Optional.empty();
      }
      byte[] b = Files.readAllBytes(lp);
      return b.length == 0 ? Optional.empty() : Optional.of(LockInfo.fromJson(b));
    } catch (IOException | StateException e) {
      return Optional.empty();
    }
  }

  private static Optional<LockInfo> readInfo(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
    ch.read(b, 0);
    try {
      return Optional.of(LockInfo.fromJson(java.util.Arrays.copyOf(b.array(), b.position())));
    } catch (StateException e) {
      return Optional.empty();
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
