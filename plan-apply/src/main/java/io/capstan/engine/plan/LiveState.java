package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.OutputState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.state.StateOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state while a run changes it: one entry per current instance, keyed by instance address,
 * so that recording one completed change costs one map update and never a rewrite of the whole
 * state. {@link #snapshot} assembles a {@link StateFile} in Terraform's order when needed.
 */
public final class LiveState {
    /** One current object and the resource it belongs to. */
    public record Entry(String module, String mode, String type, String name, String provider, InstanceState instance) {
        public Entry {
            Objects.requireNonNull(instance, "instance");
        }

        public String resourceAddress() {
            String local = ("data".equals(mode) ? "data." : "") + type + "." + name;
            return module == null || module.isEmpty() ? local : module + "." + local;
        }

        public String address() {
            return resourceAddress() + instance.keySuffix();
        }
    }

    private final String lineage;
    private final long serial;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Deposed objects (a create-before-destroy's old object not yet destroyed), by address and key. */
    private final Map<String, Entry> deposed = new ConcurrentHashMap<>();
    private final Map<String, OutputState> outputs = new ConcurrentHashMap<>();
    /**
     * Resources kept without instances, by resource address: terraform records a resource in the state when its
     * apply node runs, before its instances, so one whose every instance failed to be created stays as an entry
     * with {@code "instances": []} (a "husk").
     */
    private final Map<String, ResourceState> husks = new ConcurrentHashMap<>();
    /** Terraform's {@code check_results}: as read, until an apply evaluates the check blocks again. */
    private volatile JsonNode checkResults;

    private LiveState(String lineage, long serial, JsonNode checkResults) {
        this.lineage = lineage;
        this.serial = serial;
        this.checkResults = checkResults;
    }

    public static LiveState of(StateFile s) {
        LiveState ls = new LiveState(s.lineage(), s.serial(), s.checkResults());
        for (ResourceState r : s.resources()) {
            if (r.instances().isEmpty()) {
                // a resource kept without instances (terraform's husk): it stays until terraform would drop it
                ls.husks.put(r.address(), r);
            }
            for (InstanceState i : r.instances()) {
                ls.put(new Entry(r.module(), r.mode(), r.type(), r.name(), r.provider(), i));
            }
        }
        ls.outputs.putAll(s.outputs());
        return ls;
    }

    public LiveState copy() {
        LiveState c = new LiveState(lineage, serial, checkResults);
        c.entries.putAll(entries);
        c.deposed.putAll(deposed);
        c.outputs.putAll(outputs);
        c.husks.putAll(husks);
        return c;
    }

    public String lineage() {
        return lineage;
    }

    public long serial() {
        return serial;
    }

    public Entry get(String address) {
        return entries.get(address);
    }

    /** Records a current object, or a deposed one when its instance has a deposed key. */
    public void put(Entry e) {
        if (e.instance().deposed() != null) {
            deposed.put(deposedKey(e.address(), e.instance().deposed()), e);
        } else {
            entries.put(e.address(), e);
        }
    }

    /**
     * In one step: the current object at {@code e}'s address becomes deposed under {@code key} and
     * {@code e} becomes current (a create-before-destroy replacement has created its new object).
     */
    public void depose(Entry e, String key) {
        Entry old = entries.get(e.address());
        if (old != null) {
            deposed.put(deposedKey(e.address(), key), new Entry(old.module(), old.mode(), old.type(), old.name(),
                    old.provider(), old.instance().withDeposed(key)));
        }
        entries.put(e.address(), e);
    }

    public Entry getDeposed(String address, String key) {
        return deposed.get(deposedKey(address, key));
    }

    /** Replaces the deposed object {@code e} names (its instance carries the key), e.g. after a refresh. */
    public void putDeposed(Entry e) {
        deposed.put(deposedKey(e.address(), e.instance().deposed()), e);
    }

    public void removeDeposed(String address, String key) {
        deposed.remove(deposedKey(address, key));
    }

    /** The deposed objects, each entry's instance carrying its key. */
    public java.util.Collection<Entry> deposed() {
        return deposed.values();
    }

    private static String deposedKey(String address, String key) {
        return address + " " + key;
    }

    public void remove(String address) {
        entries.remove(address);
    }

    /**
     * Records {@code resource} (its instances ignored) as a resource without instances, shown in a {@link #snapshot}
     * while it has no object: terraform's state entry for a resource whose instances all failed to apply.
     */
    public void putHusk(ResourceState resource) {
        husks.put(resource.address(), resource.withInstances(List.of()));
    }

    /**
     * Drops the resource kept without instances at {@code resourceAddress}, if any: terraform's plan writes each
     * planned instance's prior object (none) into the refreshed state, which removes a resource left without
     * instances.
     */
    public void removeHusk(String resourceAddress) {
        husks.remove(resourceAddress);
    }

    /**
     * Drops every resource kept without instances: terraform's apply closes the root module at the end of a walk
     * without errors, which removes each resource that has no instances (a failed walk never gets there).
     */
    public void clearHusks() {
        husks.clear();
    }

    /** The resources kept without instances, by resource address. */
    public Map<String, ResourceState> husks() {
        return husks;
    }

    /** True when some current or deposed object of the resource at {@code resourceAddress} is recorded. */
    public boolean hasObjects(String resourceAddress) {
        for (Entry e : entries.values()) {
            if (e.resourceAddress().equals(resourceAddress)) {
                return true;
            }
        }
        for (Entry e : deposed.values()) {
            if (e.resourceAddress().equals(resourceAddress)) {
                return true;
            }
        }
        return false;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Map<String, OutputState> outputs() {
        return outputs;
    }

    /** Replaces the state's {@code check_results} (null: none), as an apply that evaluated the check blocks does. */
    public void setCheckResults(JsonNode results) {
        this.checkResults = results;
    }

    public void setOutputs(Map<String, OutputState> newOutputs) {
        outputs.clear();
        outputs.putAll(newOutputs);
    }

    /** The state as a snapshot with the given serial. */
    public StateFile snapshot(long newSerial) {
        Map<String, List<Entry>> byResource = new LinkedHashMap<>();
        List<Entry> all = new ArrayList<>(entries.values());
        all.addAll(deposed.values());
        for (Entry e : all) {
            byResource.computeIfAbsent(e.resourceAddress(), k -> new ArrayList<>()).add(e);
        }
        List<ResourceState> resources = new ArrayList<>(byResource.size());
        for (List<Entry> es : byResource.values()) {
            Entry f = es.get(0);
            List<InstanceState> inst = new ArrayList<>(es.size());
            for (Entry e : es) {
                inst.add(e.instance());
            }
            resources.add(new ResourceState(f.module(), f.mode(), f.type(), f.name(), f.provider(), inst));
        }
        StateFile s = new StateFile(StateFile.TERRAFORM_VERSION, newSerial, lineage, Map.of(), List.of(), checkResults)
                .withContent(new LinkedHashMap<>(outputs), resources);
        List<ResourceState> kept = new ArrayList<>();
        for (ResourceState h : husks.values()) {
            if (!byResource.containsKey(h.address())) {
                kept.add(h);
            }
        }
        return kept.isEmpty() ? s : new StateFile(s.terraformVersion(), s.serial(), s.lineage(), s.outputs(),
                StateOrder.withHusks(s.resources(), kept), s.checkResults());
    }
}
