package io.capstan.orchestrator.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store that passes every call to another: tests extend it and override the one call whose
 * behaviour they change or watch (a slow commit, the watches opened).
 */
public abstract class ForwardingStore implements Store {
    protected final Store inner;

    protected ForwardingStore(Store inner) {
        this.inner = Objects.requireNonNull(inner);
    }

    @Override
    public long revision() {
        return inner.revision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return inner.get(key);
    }

    @Override
    public Range range(String prefix) {
        return inner.range(prefix);
    }

    @Override
    public WriteResult put(String key, byte[] value, long expect) {
        return inner.put(key, value, expect);
    }

    @Override
    public TxnResult txn(List<Put> puts) {
        return inner.txn(puts);
    }

    @Override
    public WriteResult delete(String key, long expect) {
        return inner.delete(key, expect);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, Consumer<StoreEvent> listener, Consumer<RuntimeException> ended) {
        return inner.watch(prefix, afterRevision, listener, ended);
    }

    @Override
    public long compactedRevision() {
        return inner.compactedRevision();
    }

    @Override
    public void close() {
        inner.close();
    }
}
