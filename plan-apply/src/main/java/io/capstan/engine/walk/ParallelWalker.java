package io.capstan.engine.walk;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jgrapht.Graph;

/**
 * Runs an action on every node of a DAG, each node as soon as all nodes it depends on are
 * done, at most {@code parallelism} at a time (Terraform's {@code -parallelism}). A node
 * whose action fails makes its dependents (transitively) {@link NodeOutcome#SKIPPED} while
 * independent branches run on; every node's diagnostics are returned together.
 * {@link #stop()} lets running actions finish but starts no new ones.
 *
 * <p>Edge direction: an edge {@code a → b} means "a before b". With {@code reverse} the
 * walk runs against the edges (b before a), as destroy does.
 */
public final class ParallelWalker<V> {
    private final int parallelism;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Null (the normal case) or the test-only {@link WalkChaos} that shuffles and delays nodes. */
    private final WalkChaos chaos;

    public ParallelWalker(int parallelism) {
        this(parallelism, null);
    }

    /** A walker that, with a non-null {@code chaos}, starts ready nodes in random order and delays each. */
    public ParallelWalker(int parallelism, WalkChaos chaos) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.parallelism = parallelism;
        this.chaos = chaos;
    }

    /** Starts no further node; running actions finish. Safe from any thread (e.g. a signal handler). */
    public void stop() {
        stopped.set(true);
    }

    public <E> WalkResult<V> walk(Graph<V, E> dag, boolean reverse, Function<V, Diagnostics> action) {
        Objects.requireNonNull(action, "action");
        Map<V, List<V>> next = new HashMap<>();
        Map<V, AtomicInteger> waiting = new HashMap<>();
        for (V v : dag.vertexSet()) {
            next.put(v, new java.util.ArrayList<>());
            waiting.put(v, new AtomicInteger());
        }
        for (E e : dag.edgeSet()) {
            V first = reverse ? dag.getEdgeTarget(e) : dag.getEdgeSource(e);
            V then = reverse ? dag.getEdgeSource(e) : dag.getEdgeTarget(e);
            next.get(first).add(then);
            waiting.get(then).incrementAndGet();
        }
        Map<V, NodeOutcome> outcomes = new ConcurrentHashMap<>();
        Map<V, Boolean> blocked = new ConcurrentHashMap<>();
        List<Diagnostic> diags = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        CountDownLatch all = new CountDownLatch(dag.vertexSet().size());
        WalkChaos.Draws draws = chaos == null ? null : chaos.draws();
        java.util.concurrent.ThreadFactory threads = r -> {
            Thread t = new Thread(r, "capstan-walk");
            t.setDaemon(true);
            return t;
        };
        // under chaos, ready nodes wait in a queue ordered by a random key: they start in random order
        ExecutorService pool = draws == null ? Executors.newFixedThreadPool(parallelism, threads)
                : new java.util.concurrent.ThreadPoolExecutor(parallelism, parallelism, 0L,
                java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.PriorityBlockingQueue<>(), threads);
        try {
            class Scheduler {
                void ready(V v) {
                    if (draws == null) {
                        pool.execute(new Drive(v));
                    } else {
                        pool.execute(new Shuffled(draws.nextLong(), new Drive(v)));
                    }
                }

                /*
                 * A class rather than a lambda: nodes become ready on several threads at once, and when two reach a
                 * lambda's call site first together, JDK 17 takes the archived class for one and spins a new class
                 * for the other (several milliseconds interpreted).
                 */
                final class Drive implements Runnable {
                    private final V v;

                    Drive(V v) {
                        this.v = v;
                    }

                    @Override
                    public void run() {
                        drive(v);
                    }
                }

                /**
                 * Runs {@code first}, then keeps one newly ready dependent on this thread and hands the
                 * others to the pool: a chain runs without a thread hand-off per node, which on a busy
                 * machine costs more than a small node's work.
                 */
                void drive(V first) {
                    java.util.ArrayDeque<V> local = new java.util.ArrayDeque<>();
                    local.add(first);
                    while (!local.isEmpty()) {
                        V v = local.poll();
                        NodeOutcome outcome;
                        if (blocked.containsKey(v)) {
                            outcome = NodeOutcome.SKIPPED;
                        } else if (stopped.get()) {
                            outcome = NodeOutcome.CANCELLED;
                        } else {
                            if (draws != null) {
                                draws.pause();
                            }
                            try {
                                Diagnostics d = action.apply(v);
                                for (Diagnostic x : d) {
                                    diags.add(x);
                                }
                                outcome = d.hasErrors() ? NodeOutcome.FAILED : NodeOutcome.DONE;
                            } catch (RuntimeException ex) {
                                diags.add(Diagnostic.error("Internal error", v + ": " + ex, null));
                                outcome = NodeOutcome.FAILED;
                            }
                        }
                        outcomes.put(v, outcome);
                        for (V n : next.get(v)) {
                            if (outcome != NodeOutcome.DONE) {
                                blocked.put(n, Boolean.TRUE);
                            }
                            if (waiting.get(n).decrementAndGet() == 0) {
                                if (local.isEmpty() && draws == null) {
                                    local.add(n);
                                } else {
                                    ready(n);
                                }
                            }
                        }
                        all.countDown();
                    }
                }
            }
            Scheduler s = new Scheduler();
            // Roots are collected before any starts: a started root may already bring a
            // dependent's counter to zero, and that dependent must be scheduled only once.
            // loops rather than lambdas: each lambda call site costs every CLI run its bootstrap (#6)
            List<V> roots = new java.util.ArrayList<>();
            for (V v : dag.vertexSet()) {
                if (waiting.get(v).get() == 0) {
                    roots.add(v);
                }
            }
            if (draws != null) {
                draws.shuffle(roots);
            }
            for (V v : roots) {
                s.ready(v);
            }
            all.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
        } finally {
            pool.shutdown();
        }
        Diagnostics out = new Diagnostics();
        synchronized (diags) {
            out.addAll(diags);
        }
        return new WalkResult<>(outcomes, out);
    }

    /** A task of a chaos walk: the pool's priority queue runs queued tasks in order of a random key. */
    private record Shuffled(long key, Runnable task) implements Runnable, Comparable<Shuffled> {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public int compareTo(Shuffled o) {
            return Long.compare(key, o.key);
        }
    }
}
