package io.capstan.cli;

import io.capstan.cli.engine.DependencyLocks;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.provider.install.LockFile;
import io.capstan.provider.install.ProviderAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The working directory's dependency lock file, parsed once for a command, and terraform's checks of it that the
 * commands outside the plan/apply path make: the installed plugins as a backend starts ({@link #installed}), the
 * configuration's requirements once its local run has loaded it ({@link #inconsistency}), and the providers whose
 * schemas {@code show} loads ({@link #schemas}). Each check runs first without the CLI configuration's
 * {@code dev_overrides}, which is read only when something failed (the common run never looks at it here).
 */
final class WorkdirLocks {
    private enum Check { INSTALLED, FACTORIES, CONSISTENT, SCHEMAS }

    private final Path workdir;
    private final Result<LockFile> read;

    private WorkdirLocks(Path workdir) {
        this.workdir = workdir;
        this.read = DependencyLocks.read(workdir);
    }

    /** {@code workdir}'s lock file, read now (none: no selections). */
    static WorkdirLocks of(Path workdir) {
        return new WorkdirLocks(workdir);
    }

    /**
     * The lock file's parse error, or the installed plugins' disagreement with it ("Required plugins are not
     * installed"), as terraform's backend start-up reports it; null when none.
     */
    Diagnostic installed() {
        if (read.hasErrors()) {
            return first(DependencyLocks.readError(read.diagnostics()));
        }
        return check(Check.INSTALLED, null, null);
    }

    /**
     * The same problems as terraform's commands that start no backend meet them, building their provider factories
     * ({@code show} of a plan or state file): a summary-only error, "failed to read dependency lock file: ..." or
     * one locked provider's "ADDRESS: problem" ("missing or corrupted provider plugins:" and a list for several);
     * null when none.
     */
    Diagnostic factories() {
        if (read.hasErrors()) {
            return first(DependencyLocks.readError(read.diagnostics()));
        }
        return check(Check.FACTORIES, null, null);
    }

    /**
     * terraform's check, once its local backend has loaded the configuration (its {@code LocalRun}), that the lock
     * file selects each provider {@code tree} requires at an allowed version ("Inconsistent dependency lock file";
     * {@link DependencyLocks#check}); null when they agree. {@code state show}, {@code console} and {@code graph}.
     */
    Diagnostic inconsistency(ModuleTree tree) {
        return check(Check.CONSISTENT, tree, null);
    }

    /**
     * terraform's {@code show} as it loads the schemas of the providers the configuration ({@code tree}, may be null)
     * and then the state ({@code state}, may be null) use: one it has no plugin for (not selected by the lock file,
     * not built in) fails "Failed to load plugin schemas", each such provider one "Failed to obtain provider schema"
     * problem in its detail; null when every one is available. The version selected does not matter here.
     */
    Diagnostic schemas(ModuleTree tree, Set<ProviderAddress> state) {
        return check(Check.SCHEMAS, tree, state);
    }

    /** The providers of {@code state}'s resources, sorted; empty for no state. */
    static Set<ProviderAddress> providers(StateFile state) {
        Set<ProviderAddress> out = new TreeSet<>();
        if (state != null) {
            for (ResourceState r : state.resources()) {
                ProviderAddress a = stateProvider(r.provider());
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The providers of a JSON state's {@code provider_name}s (a saved plan's prior state), sorted. */
    static Set<ProviderAddress> providers(java.util.Collection<String> names) {
        Set<ProviderAddress> out = new TreeSet<>();
        for (String n : names) {
            ProviderAddress a = ProviderAddress.parse(n).address();
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** The selections (empty when the file does not parse: {@link #installed} reported that). */
    LockFile locks() {
        return read.value();
    }

    private Diagnostic check(Check c, ModuleTree tree, Set<ProviderAddress> state) {
        Diagnostics d = run(c, tree, state, Set.of());
        if (d.hasErrors()) {
            // providers the CLI configuration's dev_overrides name need no selection nor installed package
            Set<ProviderAddress> overridden = DevOverrides.of().keySet();
            if (!overridden.isEmpty()) {
                d = run(c, tree, state, overridden);
            }
        }
        return first(d);
    }

    private Diagnostics run(Check c, ModuleTree tree, Set<ProviderAddress> state, Set<ProviderAddress> overridden) {
        switch (c) {
            case INSTALLED:
                return DependencyLocks.installed(workdir, read.value(), Main.environment(), EngineCommand.inAutomation(),
                        overridden);
            case FACTORIES:
                return factoryErrors(DependencyLocks.notInstalled(workdir, read.value(), Main.environment(),
                        overridden));
            case CONSISTENT:
                return DependencyLocks.check(read.value(), tree, overridden);
            default:
                return unavailable(tree, state, overridden);
        }
    }

    /** terraform's {@code providerPluginErrors} as the one error of a diagnostic. */
    private static Diagnostics factoryErrors(java.util.Map<String, String> problems) {
        Diagnostics d = new Diagnostics();
        if (problems.isEmpty()) {
            return d;
        }
        StringBuilder msg = new StringBuilder();
        if (problems.size() == 1) {
            java.util.Map.Entry<String, String> e = problems.entrySet().iterator().next();
            msg.append(e.getKey()).append(": ").append(e.getValue());
        } else {
            // (terraform lists them in Go's map order; sorted here)
            msg.append("missing or corrupted provider plugins:");
            for (java.util.Map.Entry<String, String> e : problems.entrySet()) {
                msg.append("\n  - ").append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        return d.add(Diagnostic.error(msg.toString(), "", null));
    }

    private Diagnostics unavailable(ModuleTree tree, Set<ProviderAddress> state, Set<ProviderAddress> overridden) {
        // terraform's order: the configuration's providers sorted, then the state's not named already
        List<ProviderAddress> needed = new ArrayList<>();
        if (tree != null) {
            needed.addAll(io.capstan.cli.init.ModuleRequirements.collect(tree, new Diagnostics()).merged().keySet());
        }
        if (state != null) {
            for (ProviderAddress a : state) {
                if (!needed.contains(a)) {
                    needed.add(a);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (ProviderAddress a : needed) {
            if (a.isBuiltin() || overridden.contains(a) || read.value().get(a) != null) {
                continue;
            }
            problems.add("Failed to obtain provider schema: Could not load the schema for provider " + a
                    + ": failed to instantiate provider \"" + a + "\" to obtain schema: unavailable provider \"" + a
                    + "\".");
        }
        Diagnostics d = new Diagnostics();
        if (problems.isEmpty()) {
            return d;
        }
        StringBuilder err = new StringBuilder();
        if (problems.size() == 1) {
            err.append(problems.get(0));
        } else {
            // terraform's error of several diagnostics
            err.append(problems.size()).append(" problems:\n");
            for (String p : problems) {
                err.append("\n- ").append(p);
            }
        }
        return d.add(Diagnostic.error("Failed to load plugin schemas",
                "Error while loading schemas for plugin components: " + err + ".", null));
    }

    /** The provider of a state resource's {@code provider["ADDRESS"]} (a module's prefix before it); null when none. */
    private static ProviderAddress stateProvider(String provider) {
        int at = provider == null ? -1 : provider.indexOf("provider[\"");
        int end = at < 0 ? -1 : provider.indexOf("\"]", at);
        if (end < 0) {
            return null;
        }
        return ProviderAddress.parse(provider.substring(at + "provider[\"".length(), end)).address();
    }

    private static Diagnostic first(Diagnostics d) {
        return d.hasErrors() ? d.asList().get(0) : null;
    }
}
