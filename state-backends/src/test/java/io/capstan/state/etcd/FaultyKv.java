package io.capstan.state.etcd;

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
import java.util.concurrent.atomic.AtomicReference;

/**
 * jetcd's KV client with one fault a test can arm for the next transaction: it fails before
 * reaching etcd, or etcd commits it and its answer is replaced by UNAVAILABLE — what a member
 * dying before or after the commit does. The backend under test gets it through
 * {@code new EtcdBackend(config, FaultyKv::new)}.
 */
final class FaultyKv implements KV {
  /** Where the next transaction fails: before it reaches etcd, or after etcd committed it. */
  enum Fault { UNSENT, ANSWER_LOST }

  private final KV real;
  private final AtomicReference<Fault> next = new AtomicReference<>();

  FaultyKv(KV real) {
    this.real = real;
  }

  /** Makes the next transaction fail this way. */
  void inject(Fault fault) {
    next.set(fault);
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
        Fault f = next.getAndSet(null);
        if (f == null) {
          return txn.commit();
        }
        CompletableFuture<TxnResponse> failed = CompletableFuture.failedFuture(
            Status.UNAVAILABLE.withDescription("injected by a test: " + f).asRuntimeException());
        return f == Fault.ANSWER_LOST ? txn.commit().thenCompose(done -> failed) : failed;
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
