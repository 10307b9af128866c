package io.capstan.orchestrator.controller;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Deployment;
import io.capstan.orchestrator.api.v1.DeploymentStatus;
import io.capstan.orchestrator.api.v1.Instance;
import io.capstan.orchestrator.api.v1.InstanceSpec;
import io.capstan.orchestrator.api.v1.InstanceStatus;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.Revision;
import io.capstan.orchestrator.api.v1.Template;
import io.capstan.orchestrator.store.Registry;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Keeps each deployment's instances true to its spec: the right number of the current
 * revision, rolled out within max surge / max unavailable as new instances become ready (and
 * stay ready for min-ready time), rolled back to the previous revision when the progress
 * deadline passes, and a revision history for {@code rollout history / undo}.
 */
public final class DeploymentController {
    private static final int HISTORY = 10;
    private final Registry registry;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();

    public DeploymentController(Registry registry, LongSupplier clock) {
        this.registry = Objects.requireNonNull(registry);
        this.clock = Objects.requireNonNull(clock);
    }

    public static String hash(Template t) {
        try {
            // deterministic: map fields (labels, env) in a stable order whatever order they arrived in
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            com.google.protobuf.CodedOutputStream out = com.google.protobuf.CodedOutputStream.newInstance(buf);
            out.useDeterministicSerialization();
            t.writeTo(out);
            out.flush();
            byte[] d = MessageDigest.getInstance("SHA-256").digest(buf.toByteArray());
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void reconcile() {
        List<ApiObject> deployments = registry.list(Kind.DEPLOYMENT, null).items();
        Map<String, List<ApiObject>> byOwner = new HashMap<>();
        for (ApiObject i : registry.list(Kind.INSTANCE, null).items()) {
            byOwner.computeIfAbsent(i.getMetadata().getNamespace() + "/" + i.getInstance().getSpec().getDeployment(),
                    k -> new ArrayList<>()).add(i);
        }
        Set<String> live = new HashSet<>();
        for (ApiObject d : deployments) {
            String id = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
            live.add(id);
            reconcile(d, byOwner.getOrDefault(id, List.of()));
        }
        // instances whose deployment is gone
        for (var e : byOwner.entrySet()) {
            if (!live.contains(e.getKey())) {
                for (ApiObject i : e.getValue()) {
                    terminate(i);
                }
            }
        }
    }

    private void reconcile(ApiObject d, List<ApiObject> instances) {
        long now = clock.getAsLong();
        Deployment dep = d.getDeployment();
        var spec = dep.getSpec();
        Template template = spec.getTemplate();
        String hash = hash(template);
        DeploymentStatus.Builder st = dep.getStatus().toBuilder();
        if (!hash.equals(st.getCurrentHash())) {
            long next = st.getHistoryList().stream().mapToLong(Revision::getNumber).max().orElse(0) + 1;
            List<Revision> hist = new ArrayList<>();
            for (Revision r : st.getHistoryList()) {
                if (!r.getHash().equals(hash)) {
                    hist.add(r);
                }
            }
            hist.add(Revision.newBuilder().setNumber(next).setHash(hash).setTemplate(template).setCreatedMs(now).build());
            while (hist.size() > HISTORY) {
                hist.remove(0);
            }
            boolean rollingBack = "RollingBack".equals(st.getPhase());
            st.clearHistory().addAllHistory(hist).setCurrentRevision(next).setCurrentHash(hash).setProgressMs(now).setUpdated(0)
                    .setPhase(rollingBack ? "RolledBack" : "Progressing");
            if (!rollingBack) {
                st.setMessage("rolling out revision " + next);
            }
        }
        int replicas = spec.getReplicas();
        var strat = spec.getStrategy();
        int surge = spec.hasStrategy() ? strat.getMaxSurge() : 1;
        int unavailable = spec.hasStrategy() ? strat.getMaxUnavailable() : 0;
        long minReady = strat.getMinReadyMs();
        long deadline = strat.getProgressDeadlineMs() > 0 ? strat.getProgressDeadlineMs() : 60_000;

        List<ApiObject> active = new ArrayList<>();
        List<ApiObject> current = new ArrayList<>();
        List<ApiObject> old = new ArrayList<>();
        for (ApiObject i : instances) {
            if (i.getInstance().getSpec().getTerminating()) {
                continue;
            }
            active.add(i);
            (i.getInstance().getSpec().getTemplateHash().equals(hash) ? current : old).add(i);
        }
        int currentAvailable = (int) current.stream().filter(i -> available(i, now, minReady)).count();
        int ready = (int) active.stream().filter(i -> i.getInstance().getStatus().getReady()).count();

        // scale up the current revision within the surge budget
        int create = Math.min(replicas - current.size(), replicas + surge - active.size());
        if (old.isEmpty()) {
            create = replicas - current.size();
        }
        active.addAll(createInstances(d, template, hash, st.getCurrentRevision(), create));
        // too many of the current revision (scale down): drop the least useful first
        if (current.size() > replicas) {
            current.sort(usefulness(now, minReady));
            for (int k = replicas; k < current.size(); k++) {
                terminate(current.get(k));
                active.remove(current.get(k));
            }
        }
        // retire old instances while keeping enough available
        old.sort(usefulness(now, minReady));
        int availableNow = (int) active.stream().filter(i -> available(i, now, minReady)).count();
        int minAvailable = replicas - unavailable;
        for (int k = old.size() - 1; k >= 0; k--) {
            ApiObject o = old.get(k);
            boolean avail = available(o, now, minReady);
            if (!avail) {
                terminate(o);
                active.remove(o);
            } else if (availableNow - 1 >= minAvailable) {
                terminate(o);
                active.remove(o);
                availableNow--;
            }
        }

        // progress and the deadline
        if (currentAvailable > st.getUpdated() || (currentAvailable == st.getUpdated() && st.getProgressMs() == 0)) {
            st.setProgressMs(now);
        }
        st.setReplicas(active.size()).setUpdated(currentAvailable).setReady(ready).setAvailable(availableNow);
        boolean complete = currentAvailable >= replicas && old.isEmpty();
        if (complete) {
            if ("Progressing".equals(st.getPhase())) {
                st.setPhase("Complete").setMessage("revision " + st.getCurrentRevision() + " is available");
            }
        } else if ("Complete".equals(st.getPhase())) {
            st.setPhase("Progressing").setProgressMs(now).setMessage("restoring replicas");
        }
        ApiObject next = d.toBuilder().setDeployment(dep.toBuilder().setStatus(st)).build();
        if (!complete && "Progressing".equals(st.getPhase()) && now - st.getProgressMs() > deadline) {
            Revision previous = null;
            for (Revision r : st.getHistoryList()) {
                if (!r.getHash().equals(hash) && (previous == null || r.getNumber() > previous.getNumber())) {
                    previous = r;
                }
            }
            var nb = next.toBuilder();
            if (previous != null) {
                String msg = "revision " + st.getCurrentRevision() + " made no progress within " + deadline
                        + " ms; rolled back to revision " + previous.getNumber();
                nb.getDeploymentBuilder().getSpecBuilder().setTemplate(previous.getTemplate());
                nb.getDeploymentBuilder().getStatusBuilder().setPhase("RollingBack").setMessage(msg);
            } else {
                nb.getDeploymentBuilder().getStatusBuilder().setPhase("Failed")
                        .setMessage("revision " + st.getCurrentRevision() + " made no progress within " + deadline + " ms");
            }
            next = nb.build();
        }
        if (!next.equals(d)) {
            registry.update(next, false);
        }
    }

    /** Best first: available, then ready, then scheduled, then newest. */
    private static Comparator<ApiObject> usefulness(long now, long minReady) {
        return Comparator.<ApiObject>comparingInt(i -> available(i, now, minReady) ? 0 : 1)
                .thenComparingInt(i -> i.getInstance().getStatus().getReady() ? 0 : 1)
                .thenComparingInt(i -> i.getInstance().getSpec().getNode().isEmpty() ? 1 : 0)
                .thenComparingLong(i -> -i.getMetadata().getCreateRevision());
    }

    static boolean available(ApiObject i, long now, long minReady) {
        InstanceStatus s = i.getInstance().getStatus();
        return !i.getInstance().getSpec().getTerminating() && s.getReady() && now - s.getReadySinceMs() >= minReady;
    }

    /** Most instances created in one store transaction (etcd refuses more than 128 operations in one Txn). */
    private static final int CREATE_BATCH = 100;

    /**
     * Creates {@code count} instances, up to {@link #CREATE_BATCH} per store transaction (one
     * fsync each rather than one per instance: scaling to thousands of replicas is not bound by
     * the disk); a batch that conflicts (a generated name taken) is created one by one.
     */
    private List<ApiObject> createInstances(ApiObject d, Template t, String hash, long revision, int count) {
        List<ApiObject> made = new ArrayList<>();
        for (int from = 0; from < count; from += CREATE_BATCH) {
            List<ApiObject> batch = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int k = from; k < Math.min(count, from + CREATE_BATCH); k++) {
                ApiObject i = newInstance(d, t, hash, revision);
                batch.add(i.toBuilder().setMetadata(i.getMetadata().toBuilder()
                        .setUid(java.util.UUID.randomUUID().toString()).setCreatedMs(now)).build());
            }
            Registry.BatchOutcome out = batch.size() == 1 ? null : registry.updateAll(batch);
            if (out != null && out.ok()) {
                made.addAll(out.stored());
                continue;
            }
            for (int k = 0; k < batch.size(); k++) {
                made.add(createInstance(d, t, hash, revision));
            }
        }
        return made;
    }

    private ApiObject createInstance(ApiObject d, Template t, String hash, long revision) {
        ApiObject inst = newInstance(d, t, hash, revision);
        Registry.Outcome out = registry.create(inst);
        return out.ok() ? out.object() : inst;
    }

    private ApiObject newInstance(ApiObject d, Template t, String hash, long revision) {
        byte[] b = new byte[3];
        random.nextBytes(b);
        String name = d.getMetadata().getName() + "-" + hash.substring(0, 5) + "-" + HexFormat.of().formatHex(b).substring(0, 5);
        ApiObject inst = ApiObject.newBuilder().setKind(Kind.INSTANCE.wireName())
                .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(d.getMetadata().getNamespace())
                        .putAllLabels(t.getLabelsMap()))
                .setInstance(Instance.newBuilder()
                        .setSpec(InstanceSpec.newBuilder().setDeployment(d.getMetadata().getName()).setRevision(revision)
                                .setTemplateHash(hash).setTemplate(t))
                        .setStatus(InstanceStatus.newBuilder().setState("Pending")))
                .build();
        return inst;
    }

    /** Marks an instance terminating: endpoints drop it now, its agent drains then stops it. */
    void terminate(ApiObject i) {
        if (i.getInstance().getSpec().getNode().isEmpty()) {
            registry.delete(Kind.INSTANCE, i.getMetadata().getNamespace(), i.getMetadata().getName(), 0);
            return;
        }
        long now = clock.getAsLong();
        registry.mutate(Kind.INSTANCE, i.getMetadata().getNamespace(), i.getMetadata().getName(), cur -> {
            if (cur.getInstance().getSpec().getTerminating()) {
                return null;
            }
            var b = cur.toBuilder();
            b.getInstanceBuilder().getSpecBuilder().setTerminating(true).setTerminatingMs(now);
            return b.build();
        });
    }
}
