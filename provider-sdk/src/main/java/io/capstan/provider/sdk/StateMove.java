package io.capstan.provider.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a {@code moved} block across resource types hands to the target resource (Terraform
 * 1.8+ sends it in MoveResourceState): the source object's provider, type, schema version and
 * its stored state as parsed JSON, exactly as the source provider last wrote it.
 *
 * @param sourceProviderAddress the source's provider source address, e.g.
 *                              {@code registry.terraform.io/hashicorp/local}
 * @param sourceState           the stored attributes (never null; a JSON object)
 * @param sourcePrivate         the source's private data, usually empty
 */
public record StateMove(String sourceProviderAddress, String sourceTypeName, long sourceSchemaVersion,
                        ObjectNode sourceState, byte[] sourcePrivate) {
    public StateMove {
        Objects.requireNonNull(sourceProviderAddress, "sourceProviderAddress");
        Objects.requireNonNull(sourceTypeName, "sourceTypeName");
        Objects.requireNonNull(sourceState, "sourceState");
        sourcePrivate = sourcePrivate == null ? new byte[0] : sourcePrivate.clone();
    }

    /**
     * True when the source provider is {@code namespace/type} (e.g. {@code hashicorp/null}) on
     * any registry host, so that providers installed from a mirror or another hostname match as
     * Terraform's own built-in provider matches them.
     */
    public boolean fromProvider(String namespaceAndType) {
        return sourceProviderAddress.equals(namespaceAndType) || sourceProviderAddress.endsWith("/" + namespaceAndType);
    }

    /** True when the source is {@code typeName} of provider {@code namespaceAndType}. */
    public boolean from(String namespaceAndType, String typeName) {
        return fromProvider(namespaceAndType) && sourceTypeName.equals(typeName);
    }

    /**
     * Copies every attribute the source state and {@code target} have in common, converted to the
     * target's attribute type (e.g. a renamed resource type with the same attributes); attributes
     * only the target has stay as they are. Returns {@code target}.
     */
    public ObjectData copyCommonAttributes(ObjectData target) {
        return StateMover.copyCommon(sourceState, target);
    }

    @Override
    public byte[] sourcePrivate() {
        return sourcePrivate.clone();
    }
}
