package io.capstan.cli;

import io.capstan.engine.functions.PluginFunctions;
import io.capstan.engine.plan.ProviderResolver;
import io.capstan.engine.plan.Providers;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.ProviderFunctionSource;
import io.capstan.hcl.function.ProviderFunctionLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Provider-defined functions for a command that mostly calls none ({@code validate}): the
 * provider resolver (which reads {@code .terraform.lock.hcl} and the data directory) and the
 * provider processes are set up on the first {@code provider::NAME::FN} call, not before. The
 * data directory comes from the environment given, which is the client's under the resident
 * process ({@link Main#environment()}), not the server's.
 */
final class LazyProviderFunctions implements ProviderFunctionSource, AutoCloseable {
    private final Path workdir;
    private final Map<String, String> env;
    private final Map<io.capstan.provider.install.ProviderAddress, Path> devOverrides;
    private Providers providers;
    private PluginFunctions functions;

    LazyProviderFunctions(Path workdir, Map<String, String> env) {
        this(workdir, env, Map.of());
    }

    /** With the CLI configuration's {@code dev_overrides}, whose providers run from their own directories. */
    LazyProviderFunctions(Path workdir, Map<String, String> env,
            Map<io.capstan.provider.install.ProviderAddress, Path> devOverrides) {
        this.workdir = Objects.requireNonNull(workdir, "workdir");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.devOverrides = Map.copyOf(devOverrides);
    }

    @Override
    public ProviderFunctionLookup lookupFor(Module m) {
        return (local, fn) -> functions().lookupFor(m).lookup(local, fn);
    }

    /** Whether a call has set up the providers (for tests: a configuration without calls must not). */
    synchronized boolean started() {
        return functions != null;
    }

    private synchronized PluginFunctions functions() {
        if (functions == null) {
            providers = new Providers(new ProviderResolver(workdir, env, List.of(), devOverrides));
            functions = new PluginFunctions(providers);
        }
        return functions;
    }

    @Override
    public synchronized void close() {
        if (providers != null) {
            providers.close();
        }
    }
}
