package io.capstan.provider.sdk;

/**
 * A data source, written by a provider author: its schema and a read that fills in the
 * computed attributes of {@code data}, which arrives holding the configuration.
 */
public interface DataSource {

    ResourceSchema schema();

    default void validate(ObjectData config, Diagnostics diags) {
    }

    void read(ObjectData data, Diagnostics diags);
}
