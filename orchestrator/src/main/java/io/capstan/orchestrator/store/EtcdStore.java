package io.capstan.orchestrator.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.Status;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The store on an etcd v3 cluster through jetcd: etcd's own global revision, compare-and-set as
 * a transaction on the key's modification revision, and native watches from a revision. Every
 * key lives under {@code root} so several things can share one cluster; values of sensitive keys
 * are sealed with the {@link SecretBox} before they leave the process, as with SQLite.
 */
public final class EtcdStore implements Store {
    private static final long KEEP_REVISIONS = 100_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_FOR = Duration.ofSeconds(20);

    private final Client client;
    private final KV kv;
    private final String root;
    private final Predicate<String> sensitive;
    private final SecretBox box;
    private final AtomicLong writes = new AtomicLong();
    private volatile long compacted;

    private EtcdStore(Client client, KV kv, String root, Predicate<String> sensitive, SecretBox box) {
        this.client = client;
        this.kv = kv;
        this.root = root;
        this.sensitive = sensitive;
        this.box = box;
    }

    /** Connects to the comma-separated {@code endpoints} (http://host:port); keys are stored under {@code root}. */
    public static EtcdStore connect(String endpoints, String root, Predicate<String> sensitive, SecretBox box) {
        return connect(endpoints, root, sensitive, box, UnaryOperator.identity());
    }

    /**
     * As {@link #connect(String, String, Predicate, SecretBox)}, with every key-value call going
     * through {@code kvCalls} applied to jetcd's KV client: tests wrap it to make a call fail the
     * way a dying member makes it fail, so no test hook sits on the write path.
     */
    static EtcdStore connect(String endpoints, String root, Predicate<String> sensitive, SecretBox box, UnaryOperator<KV> kvCalls) {
        Objects.requireNonNull(endpoints);
        Objects.requireNonNull(root);
        Client c = Client.builder().endpoints(endpoints.split(","))
                .connectTimeout(Duration.ofSeconds(5)).keepaliveTime(Duration.ofSeconds(10))
                .waitForReady(true).retryMaxDuration(Duration.ofSeconds(10)).build();
        EtcdStore s = new EtcdStore(c, Objects.requireNonNull(kvCalls.apply(c.getKVClient())), root,
                Objects.requireNonNull(sensitive), Objects.requireNonNull(box));
        s.revision();
        return s;
    }

    Client client() {
        return client;
    }

    String root() {
        return root;
    }

    private ByteSequence bytes(String key) {
        return ByteSequence.from(root + key, StandardCharsets.UTF_8);
    }

    private String key(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8).substring(root.length());
    }

    private byte[] seal(String key, byte[] v) {
        return v != null && sensitive.test(key) ? box.seal(v) : v;
    }

    private byte[] unseal(String key, byte[] v) {
        return v != null && v.length > 0 && sensitive.test(key) ? box.open(v) : v;
    }

    private KeyValue kv(io.etcd.jetcd.KeyValue e) {
        String k = key(e.getKey());
        return new KeyValue(k, unseal(k, e.getValue().getBytes()), e.getCreateRevision(), e.getModRevision());
    }

    /**
     * Runs an etcd call, retrying for up to {@link #RETRY_FOR} while the cluster is between leaders
     * (a member died): the client then sees UNAVAILABLE, "request timed out", "leader changed" or,
     * when its own member died mid-call, a closed channel. A write whose answer was lost may have been
     * committed: {@link #retried}, {@link #deleteAt} and the compare-and-set path of {@link #put}
     * check for that before writing again, so a retry neither applies twice nor reports its own
     * write as a conflict.
     *
     * <p>The same loop, line for line, is {@code EtcdBackend.await} in state-backends: the two
     * modules share no module they could both depend on (DESIGN.md keeps state-backends free of
     * the orchestrator and the other way round), and they report failures with their own exception
     * types. Change both together.
     */
    private static <T> T await(Supplier<CompletableFuture<T>> call, String what) {
        long end = System.nanoTime() + RETRY_FOR.toNanos();
        long backoff = 50;
        while (true) {
            try {
                return call.get().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during etcd " + what, e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                // nanoTime may wrap: compare by difference
                if (!transientFailure(cause) || System.nanoTime() - end > 0) {
                    throw new IllegalStateException("etcd " + what + " failed: " + cause.getMessage(), cause);
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during etcd " + what, e);
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

    /** A write's answer; {@code earlier} when it is the read showing that an attempt whose answer was lost did apply. */
    private record Retried(TxnResponse response, boolean earlier) {}

    /**
     * Runs a write transaction with {@link #await}'s retries, without applying it twice. An attempt
     * that fails in transit (the member died, the cluster changed leader) may still have been
     * committed; so before any retry this reads {@code keys} in one transaction, and when every
     * one holds exactly the bytes this write puts, at one shared revision, the lost attempt did
     * apply: that read is the answer (the caller reports those revisions, with no previous values)
     * and nothing is written again. Sealed values carry a random nonce, so for them only this very
     * write can match; for plain values an identical write by someone else reads as ours, which
     * leaves the store as this write would have.
     */
    private Retried retried(List<ByteSequence> keys, List<ByteSequence> values, Supplier<CompletableFuture<TxnResponse>> attempt,
                            String what) {
        boolean[] earlier = {false};
        int[] attempts = {0};
        TxnResponse r = await(() -> {
            earlier[0] = false;
            if (attempts[0]++ == 0) {
                return attempt.get();
            }
            Op[] reads = keys.stream().map(k -> Op.get(k, GetOption.DEFAULT)).toArray(Op[]::new);
            return kv.txn().Then(reads).commit().thenCompose(read -> {
                if (holds(read, values)) {
                    earlier[0] = true;
                    return CompletableFuture.completedFuture(read);
                }
                return attempt.get();
            });
        }, what);
        return new Retried(r, earlier[0]);
    }

    private static boolean holds(TxnResponse read, List<ByteSequence> values) {
        var gets = read.getGetResponses();
        long rev = -1;
        for (int i = 0; i < values.size(); i++) {
            var kvs = gets.get(i).getKvs();
            if (kvs.isEmpty() || !kvs.get(0).getValue().equals(values.get(i))
                    || (rev != -1 && kvs.get(0).getModRevision() != rev)) {
                return false;
            }
            rev = kvs.get(0).getModRevision();
        }
        return true;
    }

    @Override
    public long revision() {
        GetResponse r = await(() -> kv.get(bytes("\0revision"), GetOption.builder().withCountOnly(true).build()), "read revision");
        return r.getHeader().getRevision();
    }

    @Override
    public long compactedRevision() {
        return compacted;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        GetResponse r = await(() -> kv.get(bytes(key)), "get " + key);
        return r.getKvs().isEmpty() ? Optional.empty() : Optional.of(kv(r.getKvs().get(0)));
    }

    @Override
    public Range range(String prefix) {
        GetResponse r = await(() -> kv.get(bytes(prefix), GetOption.builder().isPrefix(true)
                .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND).build()), "list " + prefix);
        List<KeyValue> out = new ArrayList<>(r.getKvs().size());
        for (io.etcd.jetcd.KeyValue e : r.getKvs()) {
            out.add(kv(e));
        }
        return new Range(out, r.getHeader().getRevision());
    }

    @Override
    public WriteResult put(String key, byte[] value, long expect) {
        Objects.requireNonNull(value);
        ByteSequence k = bytes(key);
        ByteSequence stored = ByteSequence.from(seal(key, value));
        Op put = Op.put(k, stored, PutOption.builder().withPrevKV().build());
        TxnResponse r;
        if (expect == ANY) {
            Retried w = retried(List.of(k), List.of(stored), () -> kv.txn().Then(put).commit(), "put " + key);
            if (w.earlier()) {
                io.etcd.jetcd.KeyValue now = w.response().getGetResponses().get(0).getKvs().get(0);
                return applied(now.getModRevision(), now.getCreateRevision(), null);
            }
            r = w.response();
        } else {
            int[] attempts = {0};
            r = await(() -> {
                attempts[0]++;
                return kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expect)))
                        .Then(put).Else(Op.get(k, GetOption.DEFAULT)).commit();
            }, "put " + key);
            if (!r.isSucceeded()) {
                var gets = r.getGetResponses();
                if (attempts[0] > 1 && !gets.isEmpty() && !gets.get(0).getKvs().isEmpty()
                        && gets.get(0).getKvs().get(0).getValue().equals(stored)) {
                    // an earlier attempt that timed out while etcd changed leader did apply: this very value is there
                    io.etcd.jetcd.KeyValue now = gets.get(0).getKvs().get(0);
                    return applied(now.getModRevision(), now.getCreateRevision(), null);
                }
                return conflict(r);
            }
        }
        long rev = r.getHeader().getRevision();
        var puts = r.getPutResponses();
        if (!puts.isEmpty() && puts.get(0).hasPrevKv()) {
            io.etcd.jetcd.KeyValue prev = puts.get(0).getPrevKv();
            return applied(rev, prev.getCreateRevision(), unseal(key, prev.getValue().getBytes()));
        }
        return applied(rev, rev, null);
    }

    /**
     * Deletes {@code key}. A delete of {@link #ANY} reads the key first and then deletes exactly
     * what it read (compare-and-set on its revision, read again if it moved on): a retry after an
     * attempt whose answer was lost then knows that the key it finds gone was deleted by that
     * attempt, and reports the deletion with the value it removed instead of "not found".
     */
    @Override
    public WriteResult delete(String key, long expect) {
        ByteSequence k = bytes(key);
        if (expect != ANY) {
            return deleteAt(key, k, expect, null);
        }
        while (true) {
            GetResponse now = await(() -> kv.get(k), "delete " + key);
            if (now.getKvs().isEmpty()) {
                return new WriteResult.Conflict(0);
            }
            io.etcd.jetcd.KeyValue read = now.getKvs().get(0);
            WriteResult w = deleteAt(key, k, read.getModRevision(), read);
            if (!(w instanceof WriteResult.Conflict c) || c.actual() == 0) {
                return w;
            }
            // rewritten between the read and the delete: delete the new value
        }
    }

    /**
     * Deletes {@code k} if its modification revision is {@code expect}. When {@code read} (the
     * key as read at {@code expect}) is given and a retried attempt finds the key gone, an earlier
     * attempt whose answer was lost deleted it: that is reported as applied, at the revision the
     * retry saw (the deletion's own revision is at or before it).
     */
    private WriteResult deleteAt(String key, ByteSequence k, long expect, io.etcd.jetcd.KeyValue read) {
        Op del = Op.delete(k, DeleteOption.builder().withPrevKV(true).build());
        int[] attempts = {0};
        TxnResponse r = await(() -> {
            attempts[0]++;
            return kv.txn().If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expect)))
                    .Then(del).Else(Op.get(k, GetOption.DEFAULT)).commit();
        }, "delete " + key);
        if (!r.isSucceeded()) {
            var gets = r.getGetResponses();
            boolean gone = gets.isEmpty() || gets.get(0).getKvs().isEmpty();
            if (gone && read != null && attempts[0] > 1) {
                return applied(r.getHeader().getRevision(), read.getCreateRevision(), unseal(key, read.getValue().getBytes()));
            }
            return conflict(r);
        }
        var dels = r.getDeleteResponses();
        if (dels.isEmpty() || dels.get(0).getPrevKvs().isEmpty()) {
            return new WriteResult.Conflict(0);
        }
        io.etcd.jetcd.KeyValue prev = dels.get(0).getPrevKvs().get(0);
        return applied(r.getHeader().getRevision(), prev.getCreateRevision(), unseal(key, prev.getValue().getBytes()));
    }

    /**
     * One etcd Txn: If every key's mod revision equals its expect, Then all puts, Else read the
     * keys to name the ones that moved on. All puts share the transaction's revision. etcd
     * refuses more than {@code --max-txn-ops} (default 128) operations in one Txn.
     */
    @Override
    public TxnResult txn(List<Put> puts) {
        Objects.requireNonNull(puts);
        if (puts.stream().map(Put::key).distinct().count() != puts.size()) {
            throw new IllegalArgumentException("a txn must not put the same key twice");
        }
        if (puts.isEmpty()) {
            return new TxnResult.Committed(List.of());
        }
        List<Cmp> cmps = new ArrayList<>();
        List<Op> thens = new ArrayList<>();
        List<Op> elses = new ArrayList<>();
        List<ByteSequence> keys = new ArrayList<>();
        List<ByteSequence> values = new ArrayList<>();
        for (Put p : puts) {
            ByteSequence k = bytes(p.key());
            if (p.expect() != ANY) {
                cmps.add(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(p.expect())));
                elses.add(Op.get(k, GetOption.DEFAULT));
            }
            ByteSequence v = ByteSequence.from(seal(p.key(), p.value()));
            keys.add(k);
            values.add(v);
            thens.add(Op.put(k, v, PutOption.builder().withPrevKV().build()));
        }
        Retried w = retried(keys, values, () -> kv.txn().If(cmps.toArray(Cmp[]::new)).Then(thens.toArray(Op[]::new))
                .Else(elses.toArray(Op[]::new)).commit(), "txn of " + puts.size() + " puts");
        TxnResponse r = w.response();
        if (w.earlier()) {
            List<WriteResult.Applied> applied = new ArrayList<>(puts.size());
            for (var g : r.getGetResponses()) {
                io.etcd.jetcd.KeyValue now = g.getKvs().get(0);
                applied.add(new WriteResult.Applied(now.getModRevision(), now.getCreateRevision(), null));
            }
            return new TxnResult.Committed(applied);
        }
        if (!r.isSucceeded()) {
            java.util.Map<String, Long> actual = new java.util.TreeMap<>();
            var gets = r.getGetResponses();
            int g = 0;
            for (Put p : puts) {
                if (p.expect() == ANY) {
                    continue;
                }
                var kvs = gets.get(g++).getKvs();
                long mod = kvs.isEmpty() ? 0 : kvs.get(0).getModRevision();
                if (mod != p.expect()) {
                    actual.put(p.key(), mod);
                }
            }
            return new TxnResult.Conflicted(actual);
        }
        long rev = r.getHeader().getRevision();
        var putResponses = r.getPutResponses();
        List<WriteResult.Applied> applied = new ArrayList<>(puts.size());
        for (int i = 0; i < puts.size(); i++) {
            var pr = putResponses.get(i);
            if (pr.hasPrevKv()) {
                io.etcd.jetcd.KeyValue prev = pr.getPrevKv();
                applied.add(new WriteResult.Applied(rev, prev.getCreateRevision(), unseal(puts.get(i).key(), prev.getValue().getBytes())));
            } else {
                applied.add(new WriteResult.Applied(rev, rev, null));
            }
        }
        applied(rev, rev, null);
        return new TxnResult.Committed(applied);
    }

    private static WriteResult conflict(TxnResponse r) {
        var gets = r.getGetResponses();
        long actual = gets.isEmpty() || gets.get(0).getKvs().isEmpty() ? 0 : gets.get(0).getKvs().get(0).getModRevision();
        return new WriteResult.Conflict(actual);
    }

    private WriteResult applied(long rev, long createRev, byte[] previous) {
        if (writes.incrementAndGet() % 1000 == 0 && rev - KEEP_REVISIONS > compacted) {
            long to = rev - KEEP_REVISIONS;
            kv.compact(to, CompactOption.DEFAULT).whenComplete((ok, err) -> {
                if (err == null || String.valueOf(err.getMessage()).contains("compacted")) {
                    compacted = Math.max(compacted, to);
                }
            });
        }
        return new WriteResult.Applied(rev, createRev, previous);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, Consumer<StoreEvent> listener, Consumer<RuntimeException> ended) {
        if (afterRevision < compacted) {
            throw new CompactedException(afterRevision, compacted);
        }
        return new EtcdWatch(client, bytes(prefix), afterRevision, listener, this::event,
                rev -> compacted = Math.max(compacted, rev), ended);
    }

    private StoreEvent event(WatchEvent e) {
        io.etcd.jetcd.KeyValue cur = e.getKeyValue();
        String k = key(cur.getKey());
        if (e.getEventType() == WatchEvent.EventType.DELETE) {
            io.etcd.jetcd.KeyValue prev = e.getPrevKV();
            byte[] last = prev == null || prev.getKey().isEmpty() ? new byte[0] : unseal(k, prev.getValue().getBytes());
            long created = prev == null ? 0 : prev.getCreateRevision();
            return new StoreEvent(StoreEvent.Type.DELETE, k, last, cur.getModRevision(), created);
        }
        return new StoreEvent(StoreEvent.Type.PUT, k, unseal(k, cur.getValue().getBytes()), cur.getModRevision(), cur.getCreateRevision());
    }

    @Override
    public void close() {
        client.close();
    }
}
