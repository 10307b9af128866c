package io.capstan.orchestrator.controller;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.scheduler.Scheduler;
import io.capstan.orchestrator.store.Store;
import io.capstan.orchestrator.store.StoreEvent;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the control loops — deployments, endpoints, nodes — on one thread, level triggered: a
 * pass runs soon after any change in the store and at least every {@code periodMs} (for
 * time-based rules: heartbeats, min-ready, progress deadlines). The scheduler runs on its own
 * thread under the same gate, woken by its watch-fed cache as soon as an instance is pending,
 * so a placement never waits for a controllers' pass nor a pass for the placements.
 */
public final class ControllerLoop implements AutoCloseable {
    private final Store store;
    private final DeploymentController deployments;
    private final Scheduler scheduler;
    private final EndpointsController endpoints;
    private final NodeController nodes;
    private final long periodMs;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile BooleanSupplier active = () -> true;
    private Store.Watch watch;
    private volatile boolean rewatch;
    private volatile int rewatched;

    public ControllerLoop(Store store, DeploymentController deployments, Scheduler scheduler,
                          EndpointsController endpoints, NodeController nodes, long periodMs) {
        this.store = Objects.requireNonNull(store);
        this.deployments = Objects.requireNonNull(deployments);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.endpoints = Objects.requireNonNull(endpoints);
        this.nodes = Objects.requireNonNull(nodes);
        this.periodMs = periodMs;
        this.thread = new Thread(this::run, "controllers");
        this.thread.setDaemon(true);
    }

    /** Passes run only while {@code active} holds (the leader of a replicated control plane). */
    public void gate(BooleanSupplier active) {
        this.active = Objects.requireNonNull(active);
    }

    /** Asks for a pass now (e.g. on becoming leader). */
    public void wake() {
        wake.release();
    }

    public void start() {
        openWatch();
        thread.start();
        scheduler.start(() -> !stopped && active.getAsBoolean());
    }

    /**
     * Watches the store to wake a pass on changes. If the watch stops by itself (its history was
     * compacted while it lagged), the loop opens a new one from the current revision and runs a
     * full pass, which sees whatever the lost events would have announced.
     */
    private void openWatch() {
        String nodes = Kind.NODE.prefix(null);
        Store.Watch w = store.watch("/", store.revision(), e -> {
            if (e.key().startsWith("/Endpoints/") || e.key().startsWith("/_")) {
                return;
            }
            // an update of an existing node is almost always a heartbeat: with thousands of nodes a
            // full pass per heartbeat would keep the leader busy for nothing; the periodic pass
            // (every periodMs) sees what a node update can change (condition, schedulable, labels)
            if (e.key().startsWith(nodes) && e.type() == StoreEvent.Type.PUT && e.createRevision() != e.revision()) {
                return;
            }
            wake.release();
        }, why -> {
            rewatch = true;
            wake.release();
        });
        synchronized (this) {
            if (stopped) {
                w.close();
            } else {
                watch = w;
            }
        }
    }

    /** How many times the watch was opened again after it stopped by itself (for tests). */
    int rewatched() {
        return rewatched;
    }

    private void run() {
        while (!stopped) {
            try {
                wake.tryAcquire(periodMs, TimeUnit.MILLISECONDS);
                Thread.sleep(5); // coalesce bursts of changes into one pass
                wake.drainPermits();
                if (stopped) {
                    break;
                }
                if (rewatch) {
                    rewatch = false;
                    try {
                        openWatch();
                    } catch (RuntimeException e) {
                        rewatch = true; // the next pass tries again
                        throw e;
                    }
                    rewatched++;
                }
                if (!active.getAsBoolean()) {
                    continue;
                }
                nodes.reconcile();
                deployments.reconcile();
                endpoints.reconcile();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a failed pass is retried on the next one; the store may be closing
                if (stopped) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        Store.Watch w;
        synchronized (this) {
            stopped = true;
            w = watch;
        }
        if (w != null) {
            w.close();
        }
        thread.interrupt();
        scheduler.close();
    }
}
