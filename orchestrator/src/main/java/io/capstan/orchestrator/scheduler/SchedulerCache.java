package io.capstan.orchestrator.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Resources;
import io.capstan.orchestrator.store.Registry;
import io.capstan.orchestrator.store.Store;
import io.capstan.orchestrator.store.StoreEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduler's view of the cluster, listed once and then kept current from the store's watch
 * stream (kube-scheduler's cache and scheduling queue in one): every node with the requests of the
 * instances bound to it, and a FIFO queue of pending instances, so a pass costs O(pending) instead
 * of a list of every object. Placements are <em>assumed</em> here the moment they are chosen: the
 * node's load counts them at once, the instance leaves the queue, and the next placement does not
 * wait for the binding to be written. When the write is durable the assumption is confirmed; when it
 * conflicts it is forgotten and the instance, if still pending, queues again. Instances that fit
 * nowhere wait aside until a node changes, an instance frees resources, or {@link #RETRY_NANOS}.
 * All state is guarded by {@code this}.
 */
final class SchedulerCache implements AutoCloseable {
    /** Unschedulable instances are retried at least this often even when nothing seems to change. */
    static final long RETRY_NANOS = 10_000_000_000L;
    /** A full re-list this often repairs anything a lost watch event could have left wrong. */
    static final long RESYNC_NANOS = 300_000_000_000L;

    private final Registry registry;
    private final String nodePrefix = Kind.NODE.prefix(null);
    private final String instancePrefix = Kind.INSTANCE.prefix(null);
    private final Map<String, NodeLoad> loads = new TreeMap<>();
    private List<NodeLoad> ready;
    private final Map<String, ApiObject> instances = new HashMap<>();
    private final Map<String, Accounted> accounted = new HashMap<>();
    private final Map<String, String> assumed = new HashMap<>();
    private final LinkedHashSet<String> queue = new LinkedHashSet<>();
    /** When each pending instance was first queued ({@link System#nanoTime()}), for latency accounting. */
    private final Map<String, Long> queuedAt = new HashMap<>();
    private final LinkedHashSet<String> unschedulable = new LinkedHashSet<>();
    private long retryAt;
    private long syncedAt;
    private long seen = -1;
    private boolean stale = true;
    /** Set by the store when the watch stopped by itself; read without the lock. */
    private volatile boolean watchEnded;
    private Store.Watch watch;

    /** Requests of one instance counted on a node. */
    private record Accounted(String node, long cpu, long mem, String deployment) {}

    SchedulerCache(Registry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    /** Lists and watches again when never synced, when the watch failed, or every {@link #RESYNC_NANOS}. */
    void ensureSynced() {
        synchronized (this) {
            if (!stale && !watchEnded && System.nanoTime() - syncedAt < RESYNC_NANOS) {
                return;
            }
            watchEnded = false;
            if (watch != null) {
                watch.close();
                watch = null;
            }
            // the listing and the replay of the watch apply under one lock, guarded per key by revision
            Registry.Listing nodes = registry.list(Kind.NODE, "");
            Registry.Listing insts = registry.list(Kind.INSTANCE, null);
            loads.values().forEach(l -> l.node = null);
            queue.clear();
            unschedulable.clear();
            queuedAt.clear();
            Map<String, String> keep = new HashMap<>(assumed);
            for (String key : new ArrayList<>(accounted.keySet())) {
                unaccount(key);
            }
            instances.clear();
            assumed.clear();
            assumed.putAll(keep);
            for (ApiObject n : nodes.items()) {
                putNode(n);
            }
            for (ApiObject i : insts.items()) {
                putInstance(key(i), i);
            }
            long from = Math.min(nodes.revision(), insts.revision());
            seen = from;
            stale = false;
            syncedAt = System.nanoTime();
            try {
                watch = registry.store().watch("/", from, this::onEvent, this::onWatchEnded);
            } catch (RuntimeException e) {
                stale = true;
                throw e;
            }
        }
    }

    /**
     * Waits (at most {@code maxMillis}) until the watch has delivered every revision the store had
     * when called, so a caller that just wrote sees its own writes; returns false on timeout.
     */
    boolean awaitCaughtUp(long maxMillis) throws InterruptedException {
        long target = registry.store().revision();
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        synchronized (this) {
            while (seen < target && !stale && !watchEnded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Waits until an instance is queued (or {@code maxMillis} pass); true when one is. */
    synchronized boolean awaitPending(long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (queue.isEmpty() && !retryDue() && !stale && !watchEnded) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return !queue.isEmpty() || retryDue();
    }

    private boolean retryDue() {
        return !unschedulable.isEmpty() && System.nanoTime() >= retryAt;
    }

    /**
     * The store's watch stopped by itself (its history was compacted while this cache lagged):
     * mark the cache stale so the next pass lists and watches again, as an informer does after
     * "too old resource version", and wake a pass waiting for work.
     */
    private void onWatchEnded(RuntimeException why) {
        // no lock on the store's callback thread: etcd's client may hold its own lock while calling
        // here, and ensureSynced calls into it while holding this cache's lock; waiters are woken apart
        watchEnded = true;
        CompletableFuture.runAsync(() -> {
            synchronized (this) {
                notifyAll();
            }
        });
    }

    private void onEvent(StoreEvent e) {
        synchronized (this) {
            try {
                if (e.key().startsWith(instancePrefix)) {
                    if (e.type() == StoreEvent.Type.DELETE) {
                        deleteInstance(e.key(), e.revision());
                    } else if (!known(instances.get(e.key()), e.revision())) {
                        putInstance(e.key(), decode(e));
                    }
                } else if (e.key().startsWith(nodePrefix)) {
                    if (e.type() == StoreEvent.Type.DELETE) {
                        NodeLoad l = loads.get(e.key().substring(nodePrefix.length()));
                        if (l != null && l.node != null) {
                            l.node = null;
                            ready = null;
                        }
                    } else {
                        NodeLoad l = loads.get(e.key().substring(nodePrefix.length()));
                        if (l == null || !known(l.node, e.revision())) {
                            putNode(decode(e));
                        }
                    }
                }
                seen = Math.max(seen, e.revision());
            } catch (RuntimeException ex) {
                // a bad event must not kill the watch silently: re-list on the next pass
                stale = true;
            }
            notifyAll();
        }
    }

    /**
     * True when the cache already holds {@code o} at {@code revision} or later — e.g. a binding the
     * binder confirmed before its watch event arrived — so the event need not be decoded at all.
     */
    private static boolean known(ApiObject o, long revision) {
        return o != null && o.getMetadata().getResourceVersion() >= revision;
    }

    private static ApiObject decode(StoreEvent e) {
        try {
            ApiObject o = ApiObject.parseFrom(e.value());
            return o.toBuilder().setMetadata(o.getMetadata().toBuilder()
                    .setResourceVersion(e.revision()).setCreateRevision(e.createRevision())).build();
        } catch (InvalidProtocolBufferException ex) {
            throw new IllegalStateException("corrupt object at " + e.key(), ex);
        }
    }

    static String key(ApiObject i) {
        return Kind.INSTANCE.key(i.getMetadata().getNamespace(), i.getMetadata().getName());
    }

    private void putNode(ApiObject n) {
        String name = n.getMetadata().getName();
        NodeLoad l = loads.computeIfAbsent(name, NodeLoad::new);
        ApiObject old = l.node;
        if (old != null && old.getMetadata().getResourceVersion() >= n.getMetadata().getResourceVersion()) {
            return;
        }
        l.node = n;
        // a heartbeat changes nothing a placement looks at; anything else may make room somewhere
        if (old == null || !old.getNode().getSpec().equals(n.getNode().getSpec())
                || !old.getMetadata().getLabelsMap().equals(n.getMetadata().getLabelsMap())
                || !old.getNode().getStatus().getCondition().equals(n.getNode().getStatus().getCondition())
                || !old.getNode().getStatus().getAllocatable().equals(n.getNode().getStatus().getAllocatable())) {
            ready = null;
            retryUnschedulable();
        }
    }

    private void putInstance(String key, ApiObject i) {
        ApiObject old = instances.get(key);
        if (old != null && old.getMetadata().getResourceVersion() >= i.getMetadata().getResourceVersion()) {
            return;
        }
        instances.put(key, i);
        if (old != null && !old.getInstance().getSpec().getNode().isEmpty()
                && !old.getInstance().getSpec().getNode().equals(i.getInstance().getSpec().getNode())) {
            retryUnschedulable();
        }
        reconcile(key);
    }

    private void deleteInstance(String key, long revision) {
        ApiObject old = instances.get(key);
        if (old != null && old.getMetadata().getResourceVersion() >= revision) {
            return;
        }
        instances.remove(key);
        queuedAt.remove(key);
        queue.remove(key);
        unschedulable.remove(key);
        if (accounted.containsKey(key) && !assumed.containsKey(key)) {
            unaccount(key);
            retryUnschedulable();
        }
    }

    /** Brings one instance's accounting and queue membership in line with its object and assumption. */
    private void reconcile(String key) {
        ApiObject i = instances.get(key);
        String node = assumed.get(key);
        if (node == null && i != null) {
            node = i.getInstance().getSpec().getNode();
        }
        Accounted a = accounted.get(key);
        if (a != null && !a.node().equals(node)) {
            unaccount(key);
            a = null;
        }
        if (a == null && node != null && !node.isEmpty() && i != null) {
            Resources r = i.getInstance().getSpec().getTemplate().getRequests();
            String dep = i.getInstance().getSpec().getDeployment();
            loads.computeIfAbsent(node, NodeLoad::new).add(r.getCpuMillis(), r.getMemoryMb(), dep);
            accounted.put(key, new Accounted(node, r.getCpuMillis(), r.getMemoryMb(), dep));
        }
        boolean pending = i != null && !assumed.containsKey(key) && i.getInstance().getSpec().getNode().isEmpty()
                && !i.getInstance().getSpec().getTerminating();
        if (!pending) {
            queue.remove(key);
            unschedulable.remove(key);
            if (!assumed.containsKey(key)) {
                queuedAt.remove(key); // bound elsewhere (another leader) or terminating: nothing will confirm it
            }
        } else if (!unschedulable.contains(key)) {
            queue.add(key);
            queuedAt.putIfAbsent(key, System.nanoTime());
        }
    }

    private void unaccount(String key) {
        Accounted a = accounted.remove(key);
        if (a != null) {
            NodeLoad l = loads.get(a.node());
            if (l != null) {
                l.remove(a.cpu(), a.mem(), a.deployment());
            }
        }
    }

    private void retryUnschedulable() {
        if (!unschedulable.isEmpty()) {
            queue.addAll(unschedulable);
            unschedulable.clear();
        }
    }

    /** True when an instance is queued or the unschedulable ones are due for a retry. */
    synchronized boolean hasPending() {
        return !queue.isEmpty() || retryDue();
    }

    /** Takes up to {@code max} pending instances off the queue, oldest first (due unschedulable ones too). */
    synchronized List<ApiObject> takePending(int max) {
        if (retryDue()) {
            retryUnschedulable();
        }
        List<ApiObject> out = new ArrayList<>(Math.min(max, queue.size()));
        Iterator<String> it = queue.iterator();
        while (it.hasNext() && out.size() < max) {
            ApiObject i = instances.get(it.next());
            it.remove();
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    /** Nodes by name with a known object, for placement; rebuilt only when the node set changes. */
    synchronized List<NodeLoad> nodes() {
        if (ready == null) {
            List<NodeLoad> l = new ArrayList<>();
            for (NodeLoad n : loads.values()) {
                if (n.node != null) {
                    l.add(n);
                }
            }
            ready = List.copyOf(l);
        }
        return ready;
    }

    /** Counts {@code instance} on {@code node} from now on, before its binding is written. */
    synchronized void assume(ApiObject instance, String node) {
        String key = key(instance);
        assumed.put(key, node);
        reconcile(key);
    }

    /** The binding is durable: {@code stored} is the instance as written. */
    synchronized void confirm(ApiObject stored) {
        String key = key(stored);
        assumed.remove(key);
        queuedAt.remove(key);
        ApiObject cur = instances.get(key);
        if (cur == null || cur.getMetadata().getResourceVersion() < stored.getMetadata().getResourceVersion()) {
            instances.put(key, stored);
        }
        reconcile(key);
    }

    /** The binding was not written: count the instance as its latest object says, and queue it if still pending. */
    synchronized void forget(ApiObject instance) {
        String key = key(instance);
        assumed.remove(key);
        reconcile(key);
    }

    /** Fits nowhere now: set aside until something changes or {@link #RETRY_NANOS} pass. */
    synchronized void unschedulable(ApiObject instance) {
        String key = key(instance);
        ApiObject cur = instances.get(key);
        if (cur != null && !assumed.containsKey(key) && cur.getInstance().getSpec().getNode().isEmpty()
                && !cur.getInstance().getSpec().getTerminating() && !queue.contains(key)) {
            if (unschedulable.isEmpty()) {
                retryAt = System.nanoTime() + RETRY_NANOS;
            }
            unschedulable.add(key);
        }
    }

    /** When the instance was first queued, or {@code fallback} when not known. */
    synchronized long queuedAt(ApiObject instance, long fallback) {
        return queuedAt.getOrDefault(key(instance), fallback);
    }

    synchronized int pendingCount() {
        return queue.size() + unschedulable.size();
    }

    synchronized Set<String> assumedKeys() {
        return Set.copyOf(assumed.keySet());
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        stale = true;
        notifyAll();
    }
}
