package io.capstan.graph.validate;

import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.ProviderFunctionSource;
import io.capstan.graph.graph.GraphBuilder;
import io.capstan.graph.graph.GraphType;
import io.capstan.graph.graph.ResourceGraph;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;

import java.nio.file.Path;

/**
 * {@code validate} as a library call: load the module tree, check {@code required_version},
 * build the graph (references, cycles), then run the validate walk. Each stage runs only when
 * the previous one found no errors, as in Terraform, so one mistake gives one message.
 */
public final class Validation {
    /** What validation produced: the configuration (may be partial), the graph (null on errors) and diagnostics. */
    public record Outcome(ModuleTree config, ResourceGraph graph, Diagnostics diagnostics) {
        public boolean valid() {
            return !diagnostics.hasErrors();
        }
    }

    private Validation() {
    }

    public static Outcome validate(Path dir) {
        return validate(dir, ProviderFunctionSource.NONE);
    }

    /** As {@link #validate(Path)}, calling plugin providers' functions ({@code provider::NAME::FN}) through {@code functions}. */
    public static Outcome validate(Path dir, ProviderFunctionSource functions) {
        return validate(dir, functions, ProviderChecks.NONE);
    }

    /**
     * As {@link #validate(Path, ProviderFunctionSource)}, with the providers' part of terraform's
     * validate: {@code checks} sees the loaded configuration first (missing providers end the run
     * there), then each block that needs a provider's schema, as the walk reaches it.
     */
    public static Outcome validate(Path dir, ProviderFunctionSource functions, ProviderChecks checks) {
        return validate(dir, null, functions, checks);
    }

    /**
     * As {@link #validate(Path, ProviderFunctionSource, ProviderChecks)}, with the module calls
     * loaded as init recorded them in {@code dataDir} (relative to {@code dir}), as terraform loads
     * them outside init; a null {@code dataDir} reads every module from its source.
     */
    public static Outcome validate(Path dir, Path dataDir, ProviderFunctionSource functions, ProviderChecks checks) {
        return validate(dir, dataDir, functions, checks, true);
    }

    /**
     * As {@link #validate(Path, Path, ProviderFunctionSource, ProviderChecks)}; without {@code walk}
     * it stops after the graph (loading, versions, provider dependencies, references), as terraform's
     * {@code console -plan} plans without the validate walk and finds what that walk would find while
     * planning, where it goes on.
     */
    public static Outcome validate(Path dir, Path dataDir, ProviderFunctionSource functions, ProviderChecks checks,
            boolean walk) {
        return validate(dataDir == null ? ConfigLoader.load(dir) : ConfigLoader.load(dir, dataDir), functions, checks,
                walk);
    }

    /**
     * As {@link #validate(Path, Path, ProviderFunctionSource, ProviderChecks, boolean)}, of a
     * configuration already loaded (a saved plan's, {@link ConfigLoader#load(Path,
     * io.capstan.graph.config.ConfigSnapshot)}).
     */
    public static Outcome validate(Result<ModuleTree> loaded, ProviderFunctionSource functions, ProviderChecks checks,
            boolean walk) {
        return validate(loaded, functions, checks, walk, null);
    }

    /**
     * As {@link #validate(Result, ProviderFunctionSource, ProviderChecks, boolean)}, keeping the graph's build in
     * {@code reuse} (when not null and the graph has no errors) for the plan that follows ({@link GraphBuilder#plan}).
     */
    public static Outcome validate(Result<ModuleTree> loaded, ProviderFunctionSource functions, ProviderChecks checks,
            boolean walk, GraphBuilder.Reuse reuse) {
        Diagnostics diags = new Diagnostics();
        ModuleTree tree = loaded.value();
        Diagnostics versionDiags = new Diagnostics();
        if (!loaded.diagnostics().hasErrors()) {
            // as terraform's: a configuration that does not load (syntax or decoding errors) reports only
            // that; one that loads reports an unsupported version before anything else
            RequiredVersionCheck.check(tree, RequiredVersionCheck.COMPATIBLE_VERSION, versionDiags);
        }
        if (versionDiags.hasErrors()) {
            return new Outcome(tree, null, diags.addAll(versionDiags));
        }
        diags.addAll(loaded.diagnostics());
        if (diags.hasErrors()) {
            return new Outcome(tree, null, diags);
        }
        checks.dependencies(tree, diags);
        if (diags.hasErrors()) {
            return new Outcome(tree, null, diags);
        }
        // as terraform's graph builder: an import into a module the configuration lacks ends validation here
        io.capstan.graph.config.ImportTargets.checkModulesExist(tree, diags);
        if (diags.hasErrors()) {
            return new Outcome(tree, null, diags);
        }
        Result<ResourceGraph> g = GraphBuilder.build(tree, GraphType.VALIDATE, checks.schemas(), reuse);
        diags.addAll(g.diagnostics());
        if (g.hasErrors() || g.value() == null) {
            return new Outcome(tree, g.value(), diags);
        }
        if (walk) {
            ValidateWalker.walk(tree, g.value(), diags, functions, checks);
        }
        return new Outcome(tree, g.value(), diags);
    }
}
