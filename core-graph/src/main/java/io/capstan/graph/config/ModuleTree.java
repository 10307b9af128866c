package io.capstan.graph.config;

import io.capstan.graph.addrs.ModulePath;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The static module tree: the root module and, for each module call, the loaded child
 * (Terraform's {@code configs.Config}). A child is absent when its source could not be loaded.
 */
public final class ModuleTree {
    private final ModulePath path;
    private final Module module;
    private final ModuleTree parent;
    private final Map<String, ModuleTree> children = new LinkedHashMap<>();

    ModuleTree(ModulePath path, Module module, ModuleTree parent) {
        this.path = Objects.requireNonNull(path, "path");
        this.module = Objects.requireNonNull(module, "module");
        this.parent = parent;
    }

    public ModulePath path() {
        return path;
    }

    public Module module() {
        return module;
    }

    /** The calling module, or null for the root. */
    public ModuleTree parent() {
        return parent;
    }

    /** Children by module call name, in call order. */
    public Map<String, ModuleTree> children() {
        return Collections.unmodifiableMap(children);
    }

    void addChild(String name, ModuleTree child) {
        children.put(name, child);
    }

    /** Visits this module and all descendants, parents before children. */
    public void walk(Consumer<ModuleTree> visitor) {
        visitor.accept(this);
        for (ModuleTree c : children.values()) {
            c.walk(visitor);
        }
    }

    /** Every module of the tree, parents first. */
    public List<ModuleTree> all() {
        java.util.ArrayList<ModuleTree> out = new java.util.ArrayList<>();
        collect(out);
        return out;
    }

    // a loop, not walk(out::add): each lambda call site costs every CLI run a bootstrap (#6)
    private void collect(List<ModuleTree> out) {
        out.add(this);
        for (ModuleTree c : children.values()) {
            c.collect(out);
        }
    }
}
