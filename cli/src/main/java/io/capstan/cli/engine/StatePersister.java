package io.capstan.cli.engine;

import io.capstan.engine.journal.Journal;
import io.capstan.engine.plan.LiveState;
import io.capstan.engine.plan.StateRecorder;
import io.capstan.engine.state.StateFile;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Stores the state while an apply runs, as terraform does, so that terraform and other readers
 * of the backend see the objects made so far (and a run killed with SIGKILL leaves them in the
 * state, not only in Capstan's journal).
 *
 * <p>Each completed change goes to the journal (durable, the source of truth for Capstan's
 * recovery) and to a copy of the live state. A snapshot of that copy is stored when one is due:
 * <ul>
 * <li>local backend: terraform rewrites {@code terraform.tfstate} after every change, raising the
 * serial once per change (prior+1, prior+2, ...). Capstan's writer thread rewrites it with the serial
 * terraform would have written for the changes so far, coalesced: at most one write every
 * {@link #LOCAL_GAP_MS} ms (and never more than a quarter of the time, when a write takes longer), so
 * that a large apply costs a few writes and not one per change (each write is a whole state: per
 * change that would be quadratic), and the walker threads never wait for one.</li>
 * <li>other backends: terraform uploads a snapshot at the first change after its persist interval
 * ({@code TF_STATE_PERSIST_INTERVAL} seconds, 20 at least and by default) has passed since the
 * first change or the last upload, in the call that reports that change; Capstan does the same
 * (one walker waits for one upload every 20 s at most; the others go on recording).</li>
 * </ul>
 * After a first interrupt (Ctrl-C) every new change is stored at once, as terraform's state hook
 * does while stopping. Before each snapshot is stored, the journal records that it is (with its
 * serial), so that the next run replays only the records after it.
 */
public final class StatePersister implements StateRecorder, AutoCloseable {
    /**
     * The local backend's shortest time between two writes, and before the first. 250 ms made count 1,000's
     * apply measurably slower (its apply phase is 0.25-0.7 s under load: one write of a 600-object state,
     * with its fsyncs, which the final write then waited for); at 1 s such applies write only their final
     * state, and a reader of a longer apply sees its progress a second late at most.
     */
    static final long LOCAL_GAP_MS = 1000;
    /** terraform's DefaultStatePersistInterval, in seconds: also the least it accepts. */
    static final long DEFAULT_INTERVAL_S = 20;

    private final Journal journal;
    private final StateStore store;
    private final LiveState live;
    /** Walker threads record under the read lock (concurrently); the writer copies under the write lock. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Records made (under the read lock), so exact while the write lock is held. */
    private final AtomicLong records = new AtomicLong();
    private final boolean local;
    private final long priorSerial;
    private final long plannedWrites;
    private final long intervalNanos;
    private final Thread writer;
    private final long started;
    /** Set by the writer before it waits for a record with nothing to do: the next record wakes it. */
    private volatile boolean idle;
    private volatile boolean forced;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    /** Held while a snapshot is taken and stored: by the local writer, a remote walker whose change made one due, or the interrupt handler. */
    private final Object storing = new Object();
    /** Guarded by storing: records in the last snapshot stored, snapshots stored, no more to store. */
    private long taken;
    private int written;
    private boolean closed;
    /** Remote: why the snapshot this thread's last update made due was refused, until {@link #takeFailure}. */
    private final ThreadLocal<String> unsaved = new ThreadLocal<>();
    /** Remote: when the first change came or the last snapshot was stored ({@link System#nanoTime}; 0: not yet). */
    private volatile long clock;

    /**
     * @param base the state the apply starts from (the plan's prior state, as the journal's records apply to it)
     * @param priorSerial the serial of the state read by this command
     * @param plannedWrites how many times terraform's local state manager would write during the apply
     *     (its final serial is priorSerial + this + 1): intermediate serials stay below that
     * @param env the command's environment ({@code TF_STATE_PERSIST_INTERVAL})
     */
    public StatePersister(Journal journal, StateStore store, StateFile base, long priorSerial, long plannedWrites,
                          Map<String, String> env) {
        this.journal = journal;
        this.store = store;
        this.live = LiveState.of(base);
        this.local = store.backendType().equals("local");
        this.priorSerial = priorSerial;
        this.plannedWrites = plannedWrites;
        this.intervalNanos = local ? TimeUnit.MILLISECONDS.toNanos(LOCAL_GAP_MS)
                : TimeUnit.SECONDS.toNanos(persistInterval(env.get("TF_STATE_PERSIST_INTERVAL")));
        this.started = System.nanoTime();
        this.writer = new Thread(this::run, "capstan-state-persist");
        writer.setDaemon(true);
        if (local) {
            writer.start();
        }
    }

    /**
     * The persist interval in seconds as terraform reads {@code TF_STATE_PERSIST_INTERVAL}: a decimal
     * integer (Go's {@code strconv.Atoi}) greater than the default 20 is taken, anything else gives 20.
     */
    static long persistInterval(String value) {
        if (value == null) {
            return DEFAULT_INTERVAL_S;
        }
        try {
            long v = Long.parseLong(value); // an optional sign and decimal digits, as Atoi; overflow is an error
            return v > DEFAULT_INTERVAL_S ? v : DEFAULT_INTERVAL_S;
        } catch (NumberFormatException e) {
            return DEFAULT_INTERVAL_S;
        }
    }

    @Override
    public void put(LiveState.Entry entry) {
        lock.readLock().lock();
        try {
            journal.put(entry);
            live.put(entry);
            records.incrementAndGet();
        } finally {
            lock.readLock().unlock();
        }
        after();
    }

    @Override
    public void putHusk(io.capstan.engine.state.ResourceState resource) {
        lock.readLock().lock();
        try {
            journal.putHusk(resource);
            live.putHusk(resource);
        } finally {
            lock.readLock().unlock();
        }
        // no snapshot of its own: terraform writes the state as its instances' hooks run, and this goes with the next
    }

    @Override
    public void clearHusks() {
        lock.readLock().lock();
        try {
            journal.clearHusks();
            live.clearHusks();
        } finally {
            lock.readLock().unlock();
        }
        // no snapshot of its own: terraform writes the state as its instances' hooks run, and this goes with the next
    }

    @Override
    public void remove(String address) {
        lock.readLock().lock();
        try {
            journal.remove(address);
            live.remove(address);
            records.incrementAndGet();
        } finally {
            lock.readLock().unlock();
        }
        after();
    }

    @Override
    public void depose(LiveState.Entry entry, String key) {
        lock.readLock().lock();
        try {
            journal.depose(entry, key);
            live.depose(entry, key);
            records.incrementAndGet();
        } finally {
            lock.readLock().unlock();
        }
        after();
    }

    @Override
    public void removeDeposed(String address, String key) {
        lock.readLock().lock();
        try {
            journal.removeDeposed(address, key);
            live.removeDeposed(address, key);
            records.incrementAndGet();
        } finally {
            lock.readLock().unlock();
        }
        after();
    }

    /**
     * After a record: a remote snapshot that is due is stored by this thread, as terraform's state hook
     * stores it in the call that reports the change (every 20 s at most, or after an interrupt); the local
     * backend's writer is woken when it waits for a record (once per snapshot at most, not per change).
     */
    private void after() {
        if (!local) {
            long now = System.nanoTime();
            if (clock == 0) {
                synchronized (storing) {
                    if (clock == 0) {
                        clock = now; // terraform's first state update starts the clock
                    }
                }
            } else if (forced || now - clock - intervalNanos >= 0) {
                try {
                    storeIfNew();
                } catch (RuntimeException e) {
                    // as terraform's state hook: the node whose update made the snapshot due fails (takeFailure),
                    // and the next update tries again (the clock stays); the journal has every change
                    unsaved.set(e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
            return;
        }
        wake();
    }

    @Override
    public String takeFailure() {
        String why = unsaved.get();
        if (why != null) {
            unsaved.remove();
        }
        return why;
    }

    private void wake() {
        if (idle) {
            synchronized (this) {
                if (idle) {
                    idle = false;
                    notifyAll();
                }
            }
        }
    }

    /**
     * The run is stopping (a first interrupt): what is done so far is stored now, before this returns
     * (terraform's state hook does so when told the run stops, in case a kill follows), and from here on
     * every change as soon as it is recorded.
     */
    public void stopping() {
        forced = true;
        try {
            storeIfNew();
        } catch (RuntimeException e) {
            if (local) {
                failure = e;
            }
            // remote: terraform logs the refused upload here and tries again at each update until the run stops
        }
        synchronized (this) {
            idle = false;
            notifyAll();
        }
    }

    /** How many intermediate snapshots were stored. */
    public int written() {
        synchronized (storing) {
            return written;
        }
    }

    /** Why storing a snapshot failed (no more were tried); null when none failed. */
    public RuntimeException failure() {
        return failure;
    }

    /** The local backend's writer: the latest state once the gap since the last write has passed. */
    private void run() {
        // before the first write the gap counts from the start: an apply shorter than it writes only its final state
        long last = started;
        long cost = 0;
        try {
            while (true) {
                synchronized (this) {
                    while (true) {
                        if (closing || failure != null) {
                            return; // the final write follows at once
                        }
                        long seen = records.get();
                        long now = System.nanoTime();
                        // at most one write per gap, and never more than a quarter of the time when writes are slow
                        long deadline = last + Math.max(intervalNanos, 3 * cost);
                        boolean more = seen > taken();
                        if (more && (forced || now - deadline >= 0)) {
                            break;
                        }
                        if (more) {
                            TimeUnit.NANOSECONDS.timedWait(this, deadline - now);
                            continue;
                        }
                        // nothing new (after a first interrupt too, once its snapshot holds everything): the next
                        // record, stopping() or close() wakes this. Not `|| forced` here: forced stays set, and this
                        // thread spun holding the monitor, so close() never got it and the apply never ended
                        idle = true;
                        if (records.get() != seen || closing) {
                            idle = false;
                            continue;
                        }
                        wait();
                    }
                }
                long began = System.nanoTime();
                if (!storeIfNew()) {
                    return; // nothing more can be stored with a serial below the final one
                }
                last = System.nanoTime();
                cost = last - began;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e; // the final write reports what is wrong with the backend; the journal has every change
        }
    }

    private long taken() {
        synchronized (storing) {
            return taken;
        }
    }

    /**
     * Stores a snapshot of every change recorded so far unless the last one holds them all; false when
     * no more can be stored (closed, failed, or no serial left below the final one).
     */
    private boolean storeIfNew() {
        synchronized (storing) {
            if (closed || failure != null) {
                return false;
            }
            if (records.get() <= taken) {
                return true;
            }
            LiveState copy;
            long k;
            long serial;
            lock.writeLock().lock();
            try {
                k = records.get();
                // terraform's local manager raises the serial once per write: k changes so far, below the final
                serial = local ? priorSerial + Math.min(k, plannedWrites) : store.current().serial() + 1;
                if (serial <= store.current().serial()) {
                    return false;
                }
                copy = live.copy();
                journal.markStored(serial);
            } finally {
                lock.writeLock().unlock();
            }
            journal.force(); // the mark is on disk before a state names its serial
            store.writeIntermediate(copy.snapshot(serial));
            taken = k;
            written++;
            clock = System.nanoTime();
            return true;
        }
    }

    /** Stops the writer, waiting for a snapshot being stored; the caller then writes the final state. */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // a Ctrl-C still lets the snapshot being stored finish
            }
        }
        synchronized (storing) {
            closed = true; // after a snapshot an interrupt is storing
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
