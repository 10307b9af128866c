package io.capstan.orchestrator.store;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One watch of a {@link SqliteStore}: it subscribes to live events first, then replays the log
 * after the requested revision, then drains the live queue, skipping what the replay already
 * delivered — so nothing is lost or delivered twice across the switch.
 */
final class WatchStream implements Store.Watch {
    private static final StoreEvent STOP = new StoreEvent(StoreEvent.Type.PUT, "", new byte[0], -1, -1);
    private final SqliteStore store;
    private final String prefix;
    private final Consumer<StoreEvent> listener;
    private final Consumer<RuntimeException> ended;
    private final LinkedBlockingQueue<StoreEvent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private long delivered;

    WatchStream(SqliteStore store, String prefix, long after, Consumer<StoreEvent> listener, Consumer<RuntimeException> ended) {
        this.store = store;
        this.prefix = prefix;
        this.listener = listener;
        this.ended = ended;
        this.delivered = after;
        this.thread = new Thread(this::run, "store-watch " + prefix);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void offer(StoreEvent e) {
        if (!closed && e.key().startsWith(prefix)) {
            queue.offer(e);
        }
    }

    private void run() {
        try {
            for (StoreEvent e : store.history(prefix, delivered)) {
                deliver(e);
            }
            while (!closed) {
                StoreEvent e = queue.take();
                if (e == STOP) {
                    break;
                }
                deliver(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a listener failure, history compacted before the replay read it, or a closed store ends the watch
            boolean tell;
            synchronized (this) {
                tell = !closed;
                closed = true;
            }
            if (tell) {
                store.remove(this);
                ended.accept(e);
            }
        } finally {
            store.remove(this);
        }
    }

    private void deliver(StoreEvent e) {
        if (e.revision() > delivered && !closed) {
            delivered = e.revision();
            listener.accept(e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        queue.offer(STOP);
        store.remove(this);
    }
}
