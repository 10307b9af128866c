package io.capstan.orchestrator.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * A store watch on etcd that outlives the failures of single etcd watch streams.
 *
 * <p>jetcd resumes a watcher by itself only after some errors (UNAVAILABLE, INTERNAL). After any
 * other status, after "etcdserver: no leader", or when the server ends the stream, it closes the
 * watcher and nothing more arrives; losing one member of a cluster can do that. The store
 * contract promises every event, so this class opens a new etcd watch from the first revision not
 * yet delivered whenever the current one ends without being closed by its owner. Events at
 * revisions already delivered are dropped, so the listener sees each revision once, in order.
 * Only compaction ends a watch for good: the history it would resume from is gone. Then, or when
 * the listener throws, the owner's {@code ended} callback is told once, so it can list again.
 */
final class EtcdWatch implements Store.Watch {
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 2_000;

    private final Client client;
    private final ByteSequence prefix;
    private final Consumer<StoreEvent> listener;
    private final Function<WatchEvent, StoreEvent> convert;
    private final LongConsumer compacted;
    private final Consumer<RuntimeException> ended;
    private final Object lock = new Object();
    private boolean closed;
    private boolean gone;
    /** The first revision not yet delivered: where a new etcd watch starts. */
    private long next;
    private int generation;
    private io.etcd.jetcd.Watch.Watcher current;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private int reopened;

    EtcdWatch(Client client, ByteSequence prefix, long afterRevision, Consumer<StoreEvent> listener,
            Function<WatchEvent, StoreEvent> convert, LongConsumer compacted, Consumer<RuntimeException> ended) {
        this.client = Objects.requireNonNull(client);
        this.prefix = Objects.requireNonNull(prefix);
        this.listener = Objects.requireNonNull(listener);
        this.convert = Objects.requireNonNull(convert);
        this.compacted = Objects.requireNonNull(compacted);
        this.ended = Objects.requireNonNull(ended);
        this.next = afterRevision + 1;
        this.generation = 1;
        this.current = open(1, next);
    }

    /**
     * Opens an etcd watch from revision {@code from}; callbacks of other generations are ignored.
     * Never called while holding {@link #lock}: jetcd calls back into this class while holding
     * its own lock, so taking them in the other order could deadlock.
     */
    private io.etcd.jetcd.Watch.Watcher open(int gen, long from) {
        WatchOption opt = WatchOption.builder().isPrefix(true).withRevision(from).withPrevKV(true).build();
        return client.getWatchClient().watch(prefix, opt, io.etcd.jetcd.Watch.listener(
                resp -> onResponse(gen, resp), err -> onError(gen, err), () -> onEnded(gen)));
    }

    private void onResponse(int gen, WatchResponse resp) {
        RuntimeException failed = null;
        synchronized (lock) {
            if (closed || gen != generation) {
                return;
            }
            long from = next;
            try {
                for (WatchEvent e : resp.getEvents()) {
                    StoreEvent ev = convert.apply(e);
                    // >= from, not >= next: the puts of one transaction are several events at one revision
                    if (ev.revision() >= from) {
                        listener.accept(ev);
                        next = Math.max(next, ev.revision() + 1);
                    }
                }
                retryMillis = FIRST_RETRY_MILLIS;
            } catch (RuntimeException e) {
                // a listener failure ends the watch, as it does on SQLite (the listener's owner went away)
                failed = e;
            }
        }
        if (failed != null) {
            end(failed);
        }
    }

    private void onError(int gen, Throwable err) {
        if (err instanceof io.etcd.jetcd.common.exception.CompactedException c) {
            compacted.accept(c.getCompactedRevision());
            long from;
            synchronized (lock) {
                if (gen != generation) {
                    return;
                }
                gone = true;
                from = next;
            }
            end(new Store.CompactedException(from - 1, c.getCompactedRevision()));
        }
    }

    /** Stops this watch for good and tells its owner why, unless the owner closed it first. */
    private void end(RuntimeException why) {
        if (stop()) {
            ended.accept(why);
        }
    }

    /** Closes the current etcd watcher unless this watch is already closed; true when this call closed it. */
    private boolean stop() {
        io.etcd.jetcd.Watch.Watcher w;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            w = current;
        }
        w.close();
        return true;
    }

    /** jetcd gave up on this watcher (or the server ended the stream): reopen after a pause. */
    private void onEnded(int gen) {
        long delay;
        synchronized (lock) {
            if (closed || gone || gen != generation) {
                return;
            }
            delay = retryMillis;
            retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        }
        CompletableFuture.runAsync(() -> reopen(gen), CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
    }

    private void reopen(int gen) {
        int gen2;
        long from;
        io.etcd.jetcd.Watch.Watcher old;
        synchronized (lock) {
            if (closed || gone || gen != generation) {
                return;
            }
            gen2 = ++generation;
            from = next;
            old = current;
            reopened++;
        }
        io.etcd.jetcd.Watch.Watcher w = open(gen2, from);
        boolean keep;
        synchronized (lock) {
            keep = !closed && gen2 == generation;
            if (keep) {
                current = w;
            }
        }
        old.close();
        if (!keep) {
            w.close();
        }
    }

    /** How many times a new etcd watch replaced one that ended (for tests). */
    int reopened() {
        synchronized (lock) {
            return reopened;
        }
    }

    /**
     * Ends the current etcd watcher the way jetcd does after an error it does not retry, without
     * closing this watch (for tests: the path a lost member can take).
     */
    void dropCurrentStream() {
        io.etcd.jetcd.Watch.Watcher w;
        synchronized (lock) {
            w = current;
        }
        w.close();
    }

    @Override
    public void close() {
        stop();
    }
}
