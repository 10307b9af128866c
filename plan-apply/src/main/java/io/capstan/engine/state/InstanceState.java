package io.capstan.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;

/**
 * One object of a resource as state records it: the current object of an instance
 * ({@code deposed == null}) or a deposed one kept while a create-before-destroy replacement
 * is under way.
 *
 * @param indexKey            null for a resource without count/for_each, else a number or string node
 * @param status              null (ready) or {@code "tainted"}
 * @param deposed             null, or the deposed-object key (8 hex digits)
 * @param attributes          the object's attributes as JSON (Terraform's {@code attributes})
 * @param sensitiveAttributes paths of sensitive values, in Terraform's JSON path syntax
 * @param privateData         provider's private data, base64, or null
 * @param dependencies        absolute addresses of resources this object depended on when applied
 */
public record InstanceState(
        JsonNode indexKey,
        String status,
        String deposed,
        long schemaVersion,
        JsonNode attributes,
        JsonNode sensitiveAttributes,
        String privateData,
        List<String> dependencies,
        boolean createBeforeDestroy) {

    public InstanceState {
        Objects.requireNonNull(attributes, "attributes");
        sensitiveAttributes = sensitiveAttributes == null
                ? JsonNodeFactory.instance.arrayNode() : sensitiveAttributes;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /**
     * The record's own equality (every component, as {@code Object.equals}), written out: see
     * {@link StateFile#equals}. {@code hashCode} stays the generated one.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof InstanceState i && schemaVersion == i.schemaVersion
                && createBeforeDestroy == i.createBeforeDestroy && Objects.equals(indexKey, i.indexKey)
                && Objects.equals(status, i.status) && Objects.equals(deposed, i.deposed)
                && attributes.equals(i.attributes) && sensitiveAttributes.equals(i.sensitiveAttributes)
                && Objects.equals(privateData, i.privateData) && dependencies.equals(i.dependencies);
    }

    public boolean tainted() {
        return "tainted".equals(status);
    }

    public InstanceState withStatus(String newStatus) {
        return new InstanceState(indexKey, newStatus, deposed, schemaVersion, attributes,
                sensitiveAttributes, privateData, dependencies, createBeforeDestroy);
    }

    public InstanceState withDeposed(String key) {
        return new InstanceState(indexKey, status, key, schemaVersion, attributes,
                sensitiveAttributes, privateData, dependencies, createBeforeDestroy);
    }

    public InstanceState withIndexKey(JsonNode key) {
        return new InstanceState(key, status, deposed, schemaVersion, attributes,
                sensitiveAttributes, privateData, dependencies, createBeforeDestroy);
    }

    /** The key as Terraform prints it in an address suffix: {@code [0]}, {@code ["a"]} or empty. */
    public String keySuffix() {
        if (indexKey == null || indexKey.isNull()) {
            return "";
        }
        if (indexKey.isIntegralNumber() && indexKey.canConvertToInt()) {
            // the same digits as asText(), without BigInteger.toString (the state reader's integers are BigIntegerNodes:
            // 1.1% of a count 1,000 no-change plan's samples went there)
            return "[" + indexKey.intValue() + "]";
        }
        if (indexKey.isNumber()) {
            return "[" + indexKey.asText() + "]";
        }
        return "[" + io.capstan.graph.addrs.Addresses.quote(indexKey.asText()) + "]";
    }
}
