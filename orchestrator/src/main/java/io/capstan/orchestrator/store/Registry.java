package io.capstan.orchestrator.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Typed objects over the key-value {@link Store}: keys are {@code /Kind/namespace/name}, values
 * are protobuf {@link Object}s, and an object's resource version is its key's modification
 * revision. Used by the API server and by the in-process controllers.
 */
public final class Registry {
    private final Store store;
    /** Decoded objects by key, valid while the key's modification revision is unchanged (lists of 10,000 stay cheap). */
    private final java.util.concurrent.ConcurrentHashMap<String, ApiObject> decoded = new java.util.concurrent.ConcurrentHashMap<>();

    public Registry(Store store) {
        this.store = Objects.requireNonNull(store);
    }

    public Store store() {
        return store;
    }

    /** The outcome of a write. */
    public record Outcome(Status status, ApiObject object, String message) {
        public boolean ok() {
            return status == Status.OK;
        }
    }

    public enum Status { OK, CONFLICT, NOT_FOUND, EXISTS }

    public static Kind kindOf(ApiObject o) {
        // objects written by the control plane carry the wire name: no lower-casing (Kind.parse) per write
        for (Kind k : KINDS) {
            if (k.wireName().equals(o.getKind())) {
                return k;
            }
        }
        return Kind.parse(o.getKind()).orElseThrow(() -> new IllegalArgumentException("unknown kind " + o.getKind()));
    }

    private static final Kind[] KINDS = Kind.values();

    static ApiObject decode(KeyValue kv) {
        try {
            ApiObject o = ApiObject.parseFrom(kv.value());
            return o.toBuilder().setMetadata(o.getMetadata().toBuilder()
                    .setResourceVersion(kv.modRevision()).setCreateRevision(kv.createRevision())).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt object at " + kv.key(), e);
        }
    }

    private static byte[] encode(ApiObject o) {
        return o.toBuilder().setMetadata(o.getMetadata().toBuilder().setResourceVersion(0).setCreateRevision(0)).build().toByteArray();
    }

    private static ApiObject normalise(ApiObject o) {
        Kind k = kindOf(o);
        if (k.wireName().equals(o.getKind()) && k.namespaceOf(o.getMetadata().getNamespace()).equals(o.getMetadata().getNamespace())) {
            return o; // already normal (every binding the scheduler writes): no copy
        }
        return o.toBuilder().setKind(k.wireName())
                .setMetadata(o.getMetadata().toBuilder().setNamespace(k.namespaceOf(o.getMetadata().getNamespace()))).build();
    }

    public Optional<ApiObject> get(Kind kind, String namespace, String name) {
        return store.get(kind.key(namespace, name)).map(this::cached);
    }

    private ApiObject cached(KeyValue kv) {
        ApiObject o = decoded.get(kv.key());
        if (o != null && o.getMetadata().getResourceVersion() == kv.modRevision()) {
            return o;
        }
        o = decode(kv);
        decoded.put(kv.key(), o);
        return o;
    }

    /** Objects of a kind in a namespace ({@code null}: all namespaces), with the revision they are current at. */
    public record Listing(List<ApiObject> items, long revision) {}

    public Listing list(Kind kind, String namespace) {
        Range r = store.range(kind.prefix(namespace));
        List<ApiObject> out = new ArrayList<>(r.items().size());
        for (KeyValue kv : r.items()) {
            out.add(cached(kv));
        }
        return new Listing(out, r.revision());
    }

    public Outcome create(ApiObject o) {
        ApiObject n = normalise(o);
        Kind k = kindOf(n);
        n = n.toBuilder().setMetadata(n.getMetadata().toBuilder()
                .setUid(UUID.randomUUID().toString()).setCreatedMs(System.currentTimeMillis())).build();
        WriteResult r = store.put(k.key(n.getMetadata().getNamespace(), n.getMetadata().getName()), encode(n), Store.ABSENT);
        if (r instanceof WriteResult.Applied a) {
            return new Outcome(Status.OK, withRevs(n, a.revision(), a.createRevision()), "");
        }
        return new Outcome(Status.EXISTS, null, k.wireName() + " \"" + n.getMetadata().getName() + "\" already exists");
    }

    /** Compare-and-set update on {@code metadata.resource_version}; {@code force} ignores it. */
    public Outcome update(ApiObject o, boolean force) {
        ApiObject n = normalise(o);
        Kind k = kindOf(n);
        String key = k.key(n.getMetadata().getNamespace(), n.getMetadata().getName());
        Optional<KeyValue> cur = store.get(key);
        if (cur.isEmpty()) {
            return new Outcome(Status.NOT_FOUND, null, k.wireName() + " \"" + n.getMetadata().getName() + "\" not found");
        }
        ApiObject old = decode(cur.get());
        n = n.toBuilder().setMetadata(n.getMetadata().toBuilder()
                .setUid(old.getMetadata().getUid()).setCreatedMs(old.getMetadata().getCreatedMs())).build();
        long expect = force ? cur.get().modRevision() : n.getMetadata().getResourceVersion();
        WriteResult r = store.put(key, encode(n), expect);
        if (r instanceof WriteResult.Applied a) {
            return new Outcome(Status.OK, withRevs(n, a.revision(), a.createRevision()), "");
        }
        WriteResult.Conflict c = (WriteResult.Conflict) r;
        return c.actual() == 0
                    ? new Outcome(Status.NOT_FOUND, null, k.wireName() + " \"" + n.getMetadata().getName() + "\" not found")
                    : new Outcome(Status.CONFLICT, null, k.wireName() + " \"" + n.getMetadata().getName()
                            + "\" was modified (resource version " + c.actual() + ", you sent " + n.getMetadata().getResourceVersion()
                            + "); get it again and retry");
    }

    /** Stored objects of a batch update in request order, or the indexes of the ones that conflicted (then none was written). */
    public record BatchOutcome(List<ApiObject> stored, java.util.Set<Integer> conflicted) {
        public boolean ok() {
            return conflicted.isEmpty();
        }
    }

    /**
     * Writes objects in one store transaction (one durable commit), each compare-and-set on its
     * {@code metadata.resource_version} (0: the object must not exist yet): all are written, or none.
     */
    public BatchOutcome updateAll(List<ApiObject> objects) {
        List<Store.Put> puts = new ArrayList<>(objects.size());
        List<ApiObject> normalised = new ArrayList<>(objects.size());
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (ApiObject o : objects) {
            ApiObject n = normalise(o);
            String key = kindOf(n).key(n.getMetadata().getNamespace(), n.getMetadata().getName());
            index.put(key, puts.size());
            long expect = n.getMetadata().getResourceVersion();
            puts.add(new Store.Put(key, encode(n), expect <= 0 ? Store.ABSENT : expect));
            normalised.add(n);
        }
        TxnResult r = store.txn(puts);
        if (r instanceof TxnResult.Conflicted c) {
            java.util.Set<Integer> bad = new java.util.TreeSet<>();
            c.actual().keySet().forEach(k -> bad.add(index.get(k)));
            return new BatchOutcome(List.of(), bad);
        }
        List<WriteResult.Applied> applied = ((TxnResult.Committed) r).applied();
        List<ApiObject> stored = new ArrayList<>(applied.size());
        for (int i = 0; i < applied.size(); i++) {
            stored.add(withRevs(normalised.get(i), applied.get(i).revision(), applied.get(i).createRevision()));
        }
        return new BatchOutcome(stored, java.util.Set.of());
    }

    public Outcome delete(Kind kind, String namespace, String name, long expect) {
        WriteResult r = store.delete(kind.key(namespace, name), expect <= 0 ? Store.ANY : expect);
        decoded.remove(kind.key(namespace, name));
        if (r instanceof WriteResult.Applied a) {
            ApiObject prev = decode(new KeyValue(kind.key(namespace, name), a.previous(), a.createRevision(), a.revision()));
            return new Outcome(Status.OK, prev, "");
        }
        WriteResult.Conflict c = (WriteResult.Conflict) r;
        return c.actual() == 0
                    ? new Outcome(Status.NOT_FOUND, null, kind.wireName() + " \"" + name + "\" not found")
                    : new Outcome(Status.CONFLICT, null, kind.wireName() + " \"" + name + "\" was modified (resource version " + c.actual() + ")");
    }

    /**
     * Read-modify-write with retries on conflict: {@code change} gets the current object and
     * returns the new one (or {@code null} to leave it alone). Returns the stored result, or empty.
     */
    public Optional<ApiObject> mutate(Kind kind, String namespace, String name, UnaryOperator<ApiObject> change) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<ApiObject> cur = get(kind, namespace, name);
            if (cur.isEmpty()) {
                return Optional.empty();
            }
            ApiObject next = change.apply(cur.get());
            if (next == null || next.equals(cur.get())) {
                return cur;
            }
            Outcome out = update(next, false);
            if (out.ok()) {
                return Optional.of(out.object());
            }
            if (out.status() == Status.NOT_FOUND) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A typed watch event. */
    public record Event(StoreEvent.Type type, ApiObject object, long revision) {}

    public Store.Watch watch(Kind kind, String namespace, long afterRevision, Consumer<Event> listener) {
        return watch(kind, namespace, afterRevision, listener, why -> { });
    }

    /** As {@link Store#watch(String, long, Consumer, Consumer)}: {@code ended} hears when the watch stops by itself. */
    public Store.Watch watch(Kind kind, String namespace, long afterRevision, Consumer<Event> listener,
                             Consumer<RuntimeException> ended) {
        return store.watch(kind.prefix(namespace), afterRevision, e -> {
            ApiObject o = decode(new KeyValue(e.key(), e.value(), e.createRevision(), e.revision()));
            listener.accept(new Event(e.type(), o, e.revision()));
        }, ended);
    }

    private static ApiObject withRevs(ApiObject o, long rev, long createRev) {
        return o.toBuilder().setMetadata(o.getMetadata().toBuilder().setResourceVersion(rev).setCreateRevision(createRev)).build();
    }
}
