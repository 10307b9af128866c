package io.capstan.orchestrator.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.kv.CompactResponse;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.TxnOption;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * jetcd's KV client with one fault a test can arm: the next transaction is committed by etcd, but
 * its answer is replaced by UNAVAILABLE — what a member dying between commit and answer does. The
 * store under test gets it through {@code EtcdStore.connect(..., LossyKv::new)}.
 */
final class LossyKv implements KV {
    private final KV real;
    private final AtomicBoolean loseNext = new AtomicBoolean();

    LossyKv(KV real) {
        this.real = real;
    }

    /** The next transaction commits, and its caller sees the answer lost. */
    void loseNextAnswer() {
        loseNext.set(true);
    }

    @Override
    public Txn txn() {
        return lossy(real.txn());
    }

    @Override
    public Txn txn(TxnOption option) {
        return lossy(real.txn(option));
    }

    private Txn lossy(Txn txn) {
        return new Txn() {
            @Override
            public Txn If(Cmp... cmps) {
                txn.If(cmps);
                return this;
            }

            @Override
            public Txn Then(Op... ops) {
                txn.Then(ops);
                return this;
            }

            @Override
            public Txn Else(Op... ops) {
                txn.Else(ops);
                return this;
            }

            @Override
            public CompletableFuture<TxnResponse> commit() {
                CompletableFuture<TxnResponse> f = txn.commit();
                return loseNext.getAndSet(false)
                        ? f.thenCompose(done -> CompletableFuture.failedFuture(
                                Status.UNAVAILABLE.withDescription("answer lost (test fault)").asRuntimeException()))
                        : f;
            }
        };
    }

    @Override
    public CompletableFuture<PutResponse> put(ByteSequence key, ByteSequence value) {
        return real.put(key, value);
    }

    @Override
    public CompletableFuture<PutResponse> put(ByteSequence key, ByteSequence value, PutOption option) {
        return real.put(key, value, option);
    }

    @Override
    public CompletableFuture<GetResponse> get(ByteSequence key) {
        return real.get(key);
    }

    @Override
    public CompletableFuture<GetResponse> get(ByteSequence key, GetOption option) {
        return real.get(key, option);
    }

    @Override
    public CompletableFuture<DeleteResponse> delete(ByteSequence key) {
        return real.delete(key);
    }

    @Override
    public CompletableFuture<DeleteResponse> delete(ByteSequence key, DeleteOption option) {
        return real.delete(key, option);
    }

    @Override
    public CompletableFuture<CompactResponse> compact(long rev) {
        return real.compact(rev);
    }

    @Override
    public CompletableFuture<CompactResponse> compact(long rev, CompactOption option) {
        return real.compact(rev, option);
    }

    @Override
    public void close() {
        real.close();
    }
}
