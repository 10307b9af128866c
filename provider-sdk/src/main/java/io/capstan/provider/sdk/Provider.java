package io.capstan.provider.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A provider as its author assembles it: a name (the type-name prefix, e.g. {@code random}),
 * its own configuration schema and what to do with it, and its resource types and data
 * sources. Serve it with {@link ProviderMain#serve}, test it with the harness in
 * {@code io.capstan.provider.sdk.testing}.
 */
public final class Provider {
    private final String name;
    private final ResourceSchema schema;
    private final BiConsumer<ObjectData, Diagnostics> configure;
    private final Map<String, Resource> resources;
    private final Map<String, DataSource> dataSources;
    private final Map<String, ProviderFunction> functions;

    private Provider(Builder b) {
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(b.functions));
        this.name = b.name;
        this.schema = b.schema;
        this.configure = b.configure;
        this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(b.resources));
        this.dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(b.dataSources));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public ResourceSchema schema() {
        return schema;
    }

    public Map<String, Resource> resources() {
        return resources;
    }

    public Map<String, DataSource> dataSources() {
        return dataSources;
    }

    /** The provider-defined functions, by name. */
    public Map<String, ProviderFunction> functions() {
        return functions;
    }

    void configure(ObjectData config, Diagnostics diags) {
        configure.accept(config, diags);
    }

    /** Collects the parts of a {@link Provider}. */
    public static final class Builder {
        private final String name;
        private ResourceSchema schema = ResourceSchema.empty();
        private BiConsumer<ObjectData, Diagnostics> configure = (c, d) -> { };
        private final Map<String, Resource> resources = new LinkedHashMap<>();
        private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
        private final Map<String, ProviderFunction> functions = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder schema(ResourceSchema s) {
            this.schema = Objects.requireNonNull(s);
            return this;
        }

        public Builder onConfigure(BiConsumer<ObjectData, Diagnostics> c) {
            this.configure = Objects.requireNonNull(c);
            return this;
        }

        /** Registers a resource type; its name must start with the provider name and "_". */
        public Builder resource(String typeName, Resource r) {
            checkName(typeName);
            resources.put(typeName, Objects.requireNonNull(r));
            return this;
        }

        public Builder dataSource(String typeName, DataSource d) {
            checkName(typeName);
            dataSources.put(typeName, Objects.requireNonNull(d));
            return this;
        }

        /** Registers a provider-defined function, called as {@code provider::NAME::FN(...)}. */
        public Builder function(ProviderFunction f) {
            functions.put(f.name(), Objects.requireNonNull(f));
            return this;
        }

        private void checkName(String typeName) {
            if (!typeName.startsWith(name + "_")) {
                throw new IllegalArgumentException(typeName + " does not start with \"" + name + "_\"");
            }
        }

        public Provider build() {
            return new Provider(this);
        }
    }
}
