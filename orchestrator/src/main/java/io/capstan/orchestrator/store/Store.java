package io.capstan.orchestrator.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The orchestrator's key-value contract, the one etcd offers: a global revision counter that
 * every write advances, compare-and-set on a key's modification revision, and watches that
 * resume from a revision. SQLite is the default implementation; etcd can sit behind it later.
 */
public interface Store extends AutoCloseable {

    /** Expect-revision meaning "write whatever is there". */
    long ANY = -1;
    /** Expect-revision meaning "only if the key does not exist". */
    long ABSENT = 0;

    long revision();

    Optional<KeyValue> get(String key);

    Range range(String prefix);

    /** Writes the value if the key's modification revision equals {@code expect} (or {@link #ANY}). */
    WriteResult put(String key, byte[] value, long expect);

    /**
     * Multi-key compare-and-set: writes every put in one atomic, durable commit if each key's
     * modification revision equals its {@code expect} (or {@link #ANY}); otherwise writes nothing
     * and names the keys that had moved on. Keys must be distinct. Every put gets a revision
     * greater than the store's revision before the call (SQLite: consecutive ones; etcd: one shared).
     */
    TxnResult txn(List<Put> puts);

    /** One put of a {@link #txn}. */
    record Put(String key, byte[] value, long expect) {
        public Put {
            Objects.requireNonNull(key);
            Objects.requireNonNull(value);
        }
    }

    /** Deletes the key if its modification revision equals {@code expect} (or {@link #ANY}). */
    WriteResult delete(String key, long expect);

    /**
     * Delivers every event under {@code prefix} with a revision greater than {@code afterRevision},
     * first the past ones then live ones, in revision order, on a thread of the watch.
     *
     * @throws CompactedException when the history before {@code afterRevision} is gone
     */
    default Watch watch(String prefix, long afterRevision, Consumer<StoreEvent> listener) {
        return watch(prefix, afterRevision, listener, why -> { });
    }

    /**
     * As {@link #watch(String, long, Consumer)}, and calls {@code ended} once if the watch stops
     * without its owner closing it: with a {@link CompactedException} when the history it would
     * resume from is gone (a watch that fell too far behind), or with what the listener threw.
     * Nothing more is delivered after that; the owner lists again and starts a new watch, as a
     * Kubernetes informer does after "too old resource version". Never called after {@link Watch#close()}.
     *
     * @throws CompactedException when the history before {@code afterRevision} is already known to be gone
     */
    Watch watch(String prefix, long afterRevision, Consumer<StoreEvent> listener, Consumer<RuntimeException> ended);

    /** The oldest revision a watch can still resume after. */
    long compactedRevision();

    @Override
    void close();

    /** A running watch; closing it stops delivery. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** The requested history has been compacted away; the watcher must list again. */
    final class CompactedException extends RuntimeException {
        public CompactedException(long requested, long compacted) {
            super("revision " + requested + " is compacted (oldest available " + compacted + "); list again");
        }
    }
}
