package io.capstan.state.etcd;

import io.capstan.state.AbstractBackend;
import io.capstan.state.BackendConfig;
import io.capstan.state.BackendConfigException;
import io.capstan.state.HistoryCodec;
import io.capstan.state.HistoryEntry;
import io.capstan.state.LockHeldException;
import io.capstan.state.LockInfo;
import io.capstan.state.StateConflictException;
import io.capstan.state.StateException;
import io.capstan.state.StateMeta;
import io.capstan.state.WriteCondition;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.File;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * etcd v3 through jetcd. Keys: {@code PREFIX WS} (the state), {@code PREFIX WS/.lock} (the lock
 * info, attached to a lease kept alive while the lock is held, so a dead holder's lock expires
 * after {@code lock_ttl} seconds), {@code PREFIX WS/.history/SERIAL} and
 * {@code PREFIX WS/.history-meta/SERIAL}. Locks and writes are etcd transactions: the lock key
 * is created only if absent, the state is replaced only if its revision is the one read.
 * etcd refuses requests over {@code --max-request-bytes} (1.5 MiB by default): run it with a
 * larger limit for large states.
 */
public final class EtcdBackend extends AbstractBackend {
  static final Set<String> ARGUMENTS = Set.of("endpoints", "prefix", "username", "password", "lock", "lock_ttl",
      "cacert_path", "cert_path", "key_path", "max_request_bytes");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RETRY_FOR = Duration.ofSeconds(20);

  /**
   * A lock this client holds. jetcd renews its lease on a stream that it restarts by itself after
   * errors, but it drops the renewal for good when etcd answers nothing for a whole TTL, and it
   * reports a lease that etcd no longer has; neither may go unnoticed. A dropped renewal is taken
   * up again (the lease may still live: etcd extends leases when it changes leader); a lease that
   * is gone marks the lock lost, and the next write says so instead of writing.
   */
  private final class Held implements StreamObserver<LeaseKeepAliveResponse> {
    final String id;
    final long lease;
    final ByteSequence value;
    final AtomicReference<String> lost = new AtomicReference<>();
    private final AtomicReference<CloseableClient> renewal = new AtomicReference<>();
    private volatile boolean released;

    Held(String id, long lease, ByteSequence value) {
      this.id = id;
      this.lease = lease;
      this.value = value;
    }

    void renew() {
      if (!released && lost.get() == null) {
        renewal.set(client.getLeaseClient().keepAlive(lease, this));
      }
    }

    void release() {
      released = true;
      CloseableClient c = renewal.getAndSet(null);
      if (c != null) {
        c.close();
      }
    }

    @Override
    public void onNext(LeaseKeepAliveResponse r) {
    }

    @Override
    public void onError(Throwable t) {
      if (String.valueOf(t.getMessage()).contains("lease not found")) {
        lost.compareAndSet(null, "its lease expired in etcd");
      }
      // otherwise the stream failed (a member died, no leader): jetcd restarts it and keeps renewing
    }

    @Override
    public void onCompleted() {
      // jetcd stopped renewing (no answer for a whole TTL); it removes this renewal right after
      // calling here, so start a new one a moment later: etcd answers "lease not found" if it is gone
      CompletableFuture.runAsync(this::renew, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
    }
  }

  private final Client client;
  private final KV kv;
  private final String prefix;
  private final boolean locking;
  private final long lockTtl;
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  public EtcdBackend(BackendConfig config) {
    this(config, UnaryOperator.identity());
  }

  /**
   * As {@link #EtcdBackend(BackendConfig)}, with every key-value call going through {@code kvCalls}
   * applied to jetcd's KV client: tests wrap it to make a transaction fail the way a dying member
   * makes it fail, so no test hook sits on the write path.
   */
  EtcdBackend(BackendConfig config, UnaryOperator<KV> kvCalls) {
    super(config);
    config.checkKnown(ARGUMENTS);
    config.required("endpoints", "ETCDV3_ENDPOINTS");
    String[] endpoints = config.list("endpoints", "ETCDV3_ENDPOINTS").stream()
        .map(e -> e.contains("://") ? e : "http://" + e).toArray(String[]::new);
    this.prefix = config.string("prefix", "capstan-state/");
    this.locking = config.bool("lock", true);
    this.lockTtl = config.integer("lock_ttl", 15);
    if (lockTtl < 2) {
      throw new BackendConfigException("lock_ttl", "lock_ttl must be at least 2 seconds");
    }
    long maxBytes = config.integer("max_request_bytes", 64L << 20);
    ClientBuilder b = Client.builder().endpoints(endpoints).maxInboundMessageSize((int) maxBytes)
        .connectTimeout(Duration.ofSeconds(5)).retryMaxDuration(Duration.ofSeconds(20));
    config.optional("username", "ETCDV3_USERNAME").ifPresent(u -> {
      b.user(bytes(u));
      b.password(bytes(config.required("password", "ETCDV3_PASSWORD")));
    });
    Optional<String> ca = config.optional("cacert_path");
    if (ca.isPresent()) {
      try {
        b.sslContext(s -> {
          s.trustManager(new File(ca.get()));
          config.optional("cert_path").ifPresent(cert ->
              s.keyManager(new File(cert), new File(config.required("key_path"))));
        });
      } catch (javax.net.ssl.SSLException e) {
        throw new BackendConfigException("cacert_path", "cannot set up TLS for etcd: " + e.getMessage());
      }
    }
    this.client = b.build();
    this.kv = Objects.requireNonNull(kvCalls.apply(client.getKVClient()));
  }

  @Override
  public String type() {
    return "etcd";
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private ByteSequence stateKey(String ws) {
    checkWorkspace(ws);
    return bytes(prefix + ws);
  }

  private ByteSequence lockKey(String ws) {
    return bytes(prefix + ws + "/.lock");
  }

  /**
   * Runs an etcd call, retrying for up to {@link #RETRY_FOR} while the cluster is between leaders or
   * the member this client talks to has died (jetcd retries reads by itself, never a transaction):
   * losing one member of three must not fail an operation. A retried write may have been applied
   * by the attempt whose answer was lost; the lock and write paths check for that.
   *
   * <p>The same loop, line for line, is {@code EtcdStore.await} in the orchestrator: the two
   * modules share no module they could both depend on (DESIGN.md keeps state-backends free of
   * the orchestrator and the other way round), and they report failures with their own exception
   * types. Change both together.
   */
  private <T> T await(Supplier<CompletableFuture<T>> call, String what) {
    long end = System.nanoTime() + RETRY_FOR.toNanos();
    long backoff = 50;
    while (true) {
      try {
        return call.get().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while trying to " + what, e);
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        // nanoTime may wrap: compare by difference
        if (!transientFailure(cause) || System.nanoTime() - end > 0) {
          throw new StateException("cannot " + what + " in etcd: " + cause.getMessage(), cause);
        }
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while trying to " + what, e);
      }
      backoff = Math.min(1000, backoff * 2);
    }
  }

  /** A failure that a later attempt can get past: a member died or the cluster is changing leader. */
  static boolean transientFailure(Throwable t) {
    String m = String.valueOf(t.getMessage());
    return t instanceof TimeoutException || Status.fromThrowable(t).getCode() == Status.Code.UNAVAILABLE
        || m.contains("UNAVAILABLE") || m.contains("no leader") || m.contains("leader changed")
        || m.contains("request timed out") || m.contains("DEADLINE_EXCEEDED") || m.contains("channel closed")
        || m.contains("proposal dropped") || m.contains("unhealthy cluster")
        // the member this client was connected to died under the call: jetcd reconnects to another
        || hasCause(t, ClosedChannelException.class);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> workspaces() {
    GetResponse r = await(() -> kv.get(bytes(prefix), GetOption.builder().isPrefix(true).withKeysOnly(true).build()),
        "list workspaces");
    TreeSet<String> names = new TreeSet<>();
    for (KeyValue k : r.getKvs()) {
      String rest = k.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length());
      if (!rest.contains("/") && !rest.isEmpty()) {
        names.add(rest);
      }
    }
    names.remove(DEFAULT_WORKSPACE);
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_WORKSPACE);
    out.addAll(names);
    return out;
  }

  @Override
  public void deleteWorkspace(String workspace) {
    refuseDefault(workspace);
    if (lockHolder(workspace).isPresent()) {
      throw new StateException("workspace \"" + workspace + "\" is locked; unlock it before deleting it");
    }
    await(() -> kv.delete(bytes(prefix + workspace + "/"), DeleteOption.builder().isPrefix(true).build()), "delete workspace");
    await(() -> kv.delete(stateKey(workspace)), "delete workspace");
  }

  private Optional<KeyValue> get(ByteSequence key) {
    List<KeyValue> kvs = await(() -> kv.get(key), "read " + key.toString(StandardCharsets.UTF_8)).getKvs();
    return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
  }

  @Override
  public Optional<byte[]> read(String workspace) {
    return get(stateKey(workspace)).map(k -> k.getValue().getBytes()).filter(b -> b.length > 0);
  }

  @Override
  public void write(String workspace, byte[] state, WriteCondition condition) {
    ByteSequence key = stateKey(workspace);
    StateMeta incoming = StateMeta.of(state);
    Optional<KeyValue> current = get(key);
    condition.check(current.map(k -> StateMeta.of(k.getValue().getBytes())).orElse(StateMeta.NONE), incoming);
    List<Op> ops = new ArrayList<>();
    ops.add(Op.put(key, ByteSequence.from(state), PutOption.DEFAULT));
    List<Long> drop = List.of();
    if (incoming.serial() >= 0) {
      String h = prefix + workspace + "/.history";
      ops.add(Op.put(bytes(h + "/" + incoming.serial()), ByteSequence.from(state), PutOption.DEFAULT));
      ops.add(Op.put(bytes(h + "-meta/" + incoming.serial()),
          ByteSequence.from(HistoryCodec.toJson(HistoryCodec.entry(incoming, config.who(), state.length))),
          PutOption.DEFAULT));
      List<HistoryEntry> entries = new ArrayList<>(history(workspace));
      entries.add(HistoryCodec.entry(incoming, config.who(), state.length));
      drop = HistoryCodec.beyondLimit(entries, historyLimit());
      for (long old : drop) {
        ops.add(Op.delete(bytes(h + "/" + old), DeleteOption.DEFAULT));
        ops.add(Op.delete(bytes(h + "-meta/" + old), DeleteOption.DEFAULT));
      }
    }
    List<Cmp> guards = new ArrayList<>();
    if (!(condition instanceof WriteCondition.Unconditional)) {
      guards.add(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(current.map(KeyValue::getModRevision).orElse(0L))));
    }
    Held lock = held.get(workspace);
    if (lock != null) {
      if (lock.lost.get() != null) {
        throw lockLost(workspace, lock);
      }
      // the write only lands while our lock key still exists: a lease that expired (a long pause)
      // must not let two holders write
      guards.add(new Cmp(lockKey(workspace), Cmp.Op.EQUAL, CmpTarget.value(lock.value)));
    }
    int[] attempts = {0};
    TxnResponse r = await(() -> {
      attempts[0]++;
      return kv.txn().If(guards.toArray(Cmp[]::new)).Then(ops.toArray(Op[]::new)).commit();
    }, "write the state");
    if (!r.isSucceeded()) {
      if (attempts[0] > 1 && get(key).map(k -> k.getValue().equals(ByteSequence.from(state))).orElse(false)) {
        return; // an attempt whose answer was lost did write this very state
      }
      if (lock != null && get(lockKey(workspace)).map(k -> !k.getValue().equals(lock.value)).orElse(true)) {
        lock.lost.compareAndSet(null, "its lease was not renewed within " + lockTtl + "s");
        throw lockLost(workspace, lock);
      }
      throw new StateConflictException("the state of workspace \"" + workspace + "\" changed while it was being "
          + "written; another writer got there first, refusing to lose its update");
    }
  }

  private StateException lockLost(String workspace, Held lock) {
    lock.release();
    return new StateException("the state lock on workspace \"" + workspace + "\" expired (" + lock.lost.get()
        + "); nothing was written, run the operation again");
  }

  @Override
  protected String tryLock(String workspace, LockInfo requested) {
    if (!locking) {
      return requested.id();
    }
    ByteSequence key = lockKey(workspace);
    LockInfo info = requested.withPath(prefix + workspace);
    ByteSequence value = ByteSequence.from(info.toJson());
    long lease = 0;
    TxnResponse r = null;
    for (int attempt = 0; r == null; attempt++) {
      long granted = await(() -> client.getLeaseClient().grant(lockTtl), "create a lease for the lock").getID();
      lease = granted;
      try {
        r = await(() -> kv.txn().If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
            .Then(Op.put(key, value, PutOption.builder().withLeaseId(granted).build()))
            .Else(Op.get(key, GetOption.DEFAULT)).commit(), "lock the state");
      } catch (StateException e) {
        // a lease can expire before it is used when this process is starved of CPU; take a new one
        if (attempt >= 3 || e.getMessage() == null || !e.getMessage().contains("lease not found")) {
          throw e;
        }
      }
    }
    List<KeyValue> kvs = r.isSucceeded() || r.getGetResponses().isEmpty() ? List.of() : r.getGetResponses().get(0).getKvs();
    // the holder may be this very request: an attempt whose answer was lost did take the lock
    boolean ours = r.isSucceeded() || !kvs.isEmpty() && kvs.get(0).getValue().equals(value) && kvs.get(0).getLease() == lease;
    if (!ours) {
      client.getLeaseClient().revoke(lease);
      LockInfo holder = kvs.isEmpty() ? null : LockInfo.fromJson(kvs.get(0).getValue().getBytes());
      throw new LockHeldException("etcd lock " + key.toString(StandardCharsets.UTF_8) + " is held; it expires "
          + lockTtl + "s after its holder stops renewing it", holder, false);
    }
    Held h = new Held(info.id(), lease, value);
    h.renew();
    held.put(workspace, h);
    return info.id();
  }

  @Override
  public void unlock(String workspace, String lockId) {
    if (!locking) {
      return;
    }
    Held h = held.get(workspace);
    if (h == null || !h.id.equals(lockId)) {
      throw new StateException("cannot unlock workspace \"" + workspace + "\": lock ID \"" + lockId
          + "\" is not held by this client");
    }
    held.remove(workspace);
    h.release();
    try {
      await(() -> client.getLeaseClient().revoke(h.lease), "unlock the state");
    } catch (StateException e) {
      // a lease that is gone (expired, or revoked by a retried attempt whose answer was lost) left no lock behind
      if (!String.valueOf(e.getMessage()).contains("lease not found")) {
        throw e;
      }
    }
  }

  @Override
  public void forceUnlock(String workspace, String lockId) {
    Held mine = held.get(workspace);
    if (mine != null && mine.id.equals(lockId)) {
      unlock(workspace, lockId);
      return;
    }
    Optional<KeyValue> current = get(lockKey(workspace));
    if (current.isEmpty()) {
      throw new StateException("workspace \"" + workspace + "\" is not locked");
    }
    LockInfo info = LockInfo.fromJson(current.get().getValue().getBytes());
    if (!info.id().equals(lockId)) {
      throw new StateException("lock ID \"" + lockId + "\" does not match the existing lock ID \"" + info.id() + "\"");
    }
    long lease = current.get().getLease();
    if (lease != 0) {
      await(() -> client.getLeaseClient().revoke(lease), "force-unlock the state");
    } else {
      await(() -> kv.delete(lockKey(workspace)), "force-unlock the state");
    }
  }

  @Override
  public Optional<LockInfo> lockHolder(String workspace) {
    return get(lockKey(workspace)).map(k -> LockInfo.fromJson(k.getValue().getBytes()));
  }

  @Override
  public List<HistoryEntry> history(String workspace) {
    checkWorkspace(workspace);
    GetResponse r = await(() -> kv.get(bytes(prefix + workspace + "/.history-meta/"),
        GetOption.builder().isPrefix(true).build()), "read history");
    List<HistoryEntry> out = new ArrayList<>();
    for (KeyValue k : r.getKvs()) {
      out.add(HistoryCodec.fromJson(k.getValue().getBytes()));
    }
    return HistoryCodec.newestFirst(out);
  }

  @Override
  public Optional<byte[]> historyVersion(String workspace, long serial) {
    checkWorkspace(workspace);
    return get(bytes(prefix + workspace + "/.history/" + serial)).map(k -> k.getValue().getBytes());
  }

  @Override
  public void close() {
    held.values().forEach(Held::release);
    client.close();
  }
}
