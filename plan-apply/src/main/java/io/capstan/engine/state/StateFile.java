package io.capstan.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A whole state snapshot, version 4: serial and lineage identify the snapshot's history,
 * then root outputs and resources. Immutable; the {@code with...} methods return copies.
 *
 * @param checkResults Terraform's {@code check_results} as read (null when there were none)
 */
public record StateFile(
        String terraformVersion,
        long serial,
        String lineage,
        Map<String, OutputState> outputs,
        List<ResourceState> resources,
        JsonNode checkResults) {

    /** The Terraform version Capstan writes into state: the language level it implements. */
    public static final String TERRAFORM_VERSION = "1.11.4";

    public StateFile {
        Objects.requireNonNull(terraformVersion, "terraformVersion");
        Objects.requireNonNull(lineage, "lineage");
        outputs = java.util.Collections.unmodifiableMap(new TreeMap<>(outputs));
        resources = List.copyOf(resources);
    }

    /**
     * The record's own equality (every component, as {@code Object.equals}), written out: apply
     * and destroy compare the planned prior state with the stored one, and a record's generated
     * equals is linked on first call through {@code ObjectMethods}' method-handle bootstrap, which
     * cost a cold 100-resource apply or destroy about 5% of its samples. {@code hashCode} stays
     * the generated one (the same components, so equal values still hash alike).
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof StateFile s && serial == s.serial && terraformVersion.equals(s.terraformVersion)
                && lineage.equals(s.lineage) && outputs.equals(s.outputs) && resources.equals(s.resources)
                && Objects.equals(checkResults, s.checkResults);
    }

    /** A new empty state with a fresh lineage, as {@code terraform apply} starts from. */
    public static StateFile empty() {
        return new StateFile(TERRAFORM_VERSION, 0, io.capstan.state.RandomUuid.next(),
                Map.of(), List.of(), null);
    }

    public StateFile withSerial(long newSerial) {
        return new StateFile(terraformVersion, newSerial, lineage, outputs, resources, checkResults);
    }

    public StateFile withContent(Map<String, OutputState> newOutputs, List<ResourceState> newResources) {
        return new StateFile(TERRAFORM_VERSION, serial, lineage, newOutputs,
                StateOrder.sorted(newResources), checkResults);
    }

    /**
     * Every current (non-deposed) instance address, in the order {@code terraform state list}
     * prints them.
     */
    public List<String> instanceAddresses() {
        List<String> out = new ArrayList<>();
        for (ResourceState r : StateOrder.sorted(resources)) {
            for (InstanceState i : r.instances()) {
                if (i.deposed() == null) {
                    out.add(r.address() + i.keySuffix());
                }
            }
        }
        return out;
    }

    /** The instance at an address such as {@code terraform_data.x["a"]}, or null. */
    public InstanceState instance(String address) {
        for (ResourceState r : resources) {
            for (InstanceState i : r.instances()) {
                if (i.deposed() == null && address.equals(r.address() + i.keySuffix())) {
                    return i;
                }
            }
        }
        return null;
    }

    /** True when there is nothing in state worth keeping (no resources, no outputs). */
    public boolean isEmpty() {
        return resources.stream().allMatch(r -> r.instances().isEmpty()) && outputs.isEmpty();
    }

    static Map<String, OutputState> ordered(Map<String, OutputState> m) {
        return new LinkedHashMap<>(new TreeMap<>(m));
    }
}
