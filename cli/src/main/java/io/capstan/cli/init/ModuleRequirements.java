package io.capstan.cli.init;

import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.ProviderConfig;
import io.capstan.graph.config.RequiredProvider;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.provider.install.ProviderAddress;
import io.capstan.provider.install.VersionConstraints;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The provider requirements of one module and, recursively, of its children: each
 * {@code required_providers} entry with its version constraint, plus the providers implied by
 * resource and data types and by {@code provider} blocks (no constraint). {@link #merged()}
 * joins them across the tree as {@code init} needs them; the tree itself is what
 * {@code capstan providers} prints (each module's providers in declaration order, children by name).
 */
public record ModuleRequirements(String name, Map<ProviderAddress, VersionConstraints> own,
                                 List<ModuleRequirements> children) {
    public ModuleRequirements {
        own = Collections.unmodifiableMap(new LinkedHashMap<>(own));
        children = List.copyOf(children);
    }

    /** Collects the requirements of {@code tree}; invalid sources and constraints become diagnostics. */
    public static ModuleRequirements collect(ModuleTree tree, Diagnostics diags) {
        Map<ProviderAddress, VersionConstraints> own = new LinkedHashMap<>();
        for (RequiredProvider rp : tree.module().requiredProviders().values()) {
            ProviderAddress.Parsed a = ProviderAddress.parse(rp.provider().toString());
            if (a.address() == null) {
                diags.add(Diagnostic.error("Invalid provider source", a.error(), rp.declRange()));
                continue;
            }
            VersionConstraints vc = VersionConstraints.NONE;
            if (rp.versionConstraint() != null) {
                VersionConstraints.Parsed p = VersionConstraints.parse(rp.versionConstraint());
                if (!p.ok()) {
                    diags.add(Diagnostic.error("Invalid version constraint", p.error(), rp.declRange()));
                    continue;
                }
                vc = p.constraints();
            }
            own.merge(a.address(), vc, VersionConstraints::and);
        }
        for (ResourceConfig r : tree.module().resources().values()) {
            implied(tree, r.providerLocalName(), own);
        }
        for (ProviderConfig pc : tree.module().providerConfigs().values()) {
            implied(tree, pc.name(), own);
        }
        List<ModuleRequirements> children = new ArrayList<>();
        new TreeMap<>(tree.children()).forEach((n, child) -> children.add(collect(child, diags)));
        List<String> names = tree.path().names();
        String name = names.isEmpty() ? "" : "module." + names.get(names.size() - 1);
        return new ModuleRequirements(name, own, children);
    }

    private static void implied(ModuleTree tree, String localName, Map<ProviderAddress, VersionConstraints> own) {
        ProviderAddress.Parsed a = ProviderAddress.parse(tree.module().providerFor(localName).toString());
        if (a.address() != null) {
            own.putIfAbsent(a.address(), VersionConstraints.NONE);
        }
    }

    /** Every provider of the tree with all its modules' constraints joined. */
    public Map<ProviderAddress, VersionConstraints> merged() {
        Map<ProviderAddress, VersionConstraints> out = new TreeMap<>();
        mergeInto(out);
        return out;
    }

    private void mergeInto(Map<ProviderAddress, VersionConstraints> out) {
        own.forEach((a, c) -> out.merge(a, c, VersionConstraints::and));
        children.forEach(c -> c.mergeInto(out));
    }
}
