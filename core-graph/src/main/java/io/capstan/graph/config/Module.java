package io.capstan.graph.config;

import io.capstan.graph.addrs.Resource;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.SourceRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One module: the decoded content of the {@code .tf}/{@code .tf.json} files of a directory,
 * overrides applied. Maps keep declaration order. Built by {@link ModuleDecoder}; read-only after.
 */
public final class Module {
    /** A {@code required_version} constraint and where it was written. */
    public record VersionRequirement(String constraint, SourceRange range) {
    }

    final Path dir;
    final List<File> files = new ArrayList<>();
    final List<VersionRequirement> requiredVersions = new ArrayList<>();
    final Map<String, RequiredProvider> requiredProviders = new LinkedHashMap<>();
    Backend backend;
    final Map<String, ProviderConfig> providerConfigs = new LinkedHashMap<>();
    final Map<String, Variable> variables = new LinkedHashMap<>();
    final Map<String, Local> locals = new LinkedHashMap<>();
    final Map<String, Output> outputs = new LinkedHashMap<>();
    final Map<Resource, ResourceConfig> resources = new LinkedHashMap<>();
    final Map<String, ModuleCall> moduleCalls = new LinkedHashMap<>();
    final List<Moved> moved = new ArrayList<>();
    final List<Removed> removed = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final Map<String, Check> checks = new LinkedHashMap<>();

    Module(Path dir) {
        this.dir = dir;
    }

    /** A copy with its own collections (the same blocks), for {@link GeneratedResources}. */
    Module copy() {
        Module m = new Module(dir);
        m.files.addAll(files);
        m.requiredVersions.addAll(requiredVersions);
        m.requiredProviders.putAll(requiredProviders);
        m.backend = backend;
        m.providerConfigs.putAll(providerConfigs);
        m.variables.putAll(variables);
        m.locals.putAll(locals);
        m.outputs.putAll(outputs);
        m.resources.putAll(resources);
        m.moduleCalls.putAll(moduleCalls);
        m.moved.addAll(moved);
        m.removed.addAll(removed);
        m.imports.addAll(imports);
        m.checks.putAll(checks);
        return m;
    }

    public Path dir() {
        return dir;
    }

    /** The parsed files, kept for rendering diagnostics with source snippets. */
    public List<File> files() {
        return Collections.unmodifiableList(files);
    }

    public List<VersionRequirement> requiredVersions() {
        return Collections.unmodifiableList(requiredVersions);
    }

    public Map<String, RequiredProvider> requiredProviders() {
        return Collections.unmodifiableMap(requiredProviders);
    }

    /** The backend block, or null for the default local backend. */
    public Backend backend() {
        return backend;
    }

    /** Provider configurations by {@code name} or {@code name.alias}. */
    public Map<String, ProviderConfig> providerConfigs() {
        return Collections.unmodifiableMap(providerConfigs);
    }

    public Map<String, Variable> variables() {
        return Collections.unmodifiableMap(variables);
    }

    public Map<String, Local> locals() {
        return Collections.unmodifiableMap(locals);
    }

    public Map<String, Output> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    /** Managed resources and data sources, in declaration order. */
    public Map<Resource, ResourceConfig> resources() {
        return Collections.unmodifiableMap(resources);
    }

    public Map<String, ModuleCall> moduleCalls() {
        return Collections.unmodifiableMap(moduleCalls);
    }

    public List<Moved> moved() {
        return Collections.unmodifiableList(moved);
    }

    public List<Removed> removed() {
        return Collections.unmodifiableList(removed);
    }

    public List<Import> imports() {
        return Collections.unmodifiableList(imports);
    }

    public Map<String, Check> checks() {
        return Collections.unmodifiableMap(checks);
    }

    /**
     * The check block whose scoped data source {@code r} is, or null: such a data source is
     * among {@link #resources()} but only its check's assertions may refer to it.
     */
    public Check scopingCheck(io.capstan.graph.addrs.Resource r) {
        for (Check c : checks.values()) {
            if (c.dataResource() != null && c.dataResource().addr().equals(r)) {
                return c;
            }
        }
        return null;
    }

    /** The provider source address for a local name: from {@code required_providers}, else implied. */
    public io.capstan.graph.addrs.Provider providerFor(String localName) {
        RequiredProvider rp = requiredProviders.get(localName);
        return rp != null ? rp.provider() : io.capstan.graph.addrs.Provider.implied(localName);
    }

    @Override
    public String toString() {
        return "Module(" + dir + ")";
    }

}
