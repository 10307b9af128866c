package io.capstan.engine.plan;

import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.graph.addrs.Provider;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.GetProviderSchemaResponse;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.schema.ProviderSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider clients of one run, started on first use and closed together: the built-in
 * {@code terraform} provider in-process, others as plugin processes found by the resolver.
 * Each provider's schema is fetched once.
 */
public final class Providers implements AutoCloseable {
    /** A started provider and its schema. */
    public record Started(Provider provider, ProviderClient client, ProviderSchema schema) {
    }

    private final ProviderResolver resolver;
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /**
     * Instances started ahead of need by {@link #prestart}, each with its GetProviderSchema
     * answer; the first configuration of that provider takes its instance, the others start their own.
     */
    private final Map<Provider, CompletableFuture<Early>> early = new ConcurrentHashMap<>();
    /**
     * System property that turns {@link #prestart} off ({@code -Dcapstan.provider.prestart=false}
     * in {@code CAPSTAN_JAVA_OPTS}): providers then start when the walk first needs them. For
     * measuring what the early start buys on a given machine.
     */
    public static final String PRESTART_PROPERTY = "capstan.provider.prestart";
    /** How many provider processes this run has started (tests: a prestarted one is not started twice). */
    private final AtomicInteger launches = new AtomicInteger();

    private record Early(ProviderClient client, GetProviderSchemaResponse schema) {
    }

    /** Evaluated {@code provider} blocks by configuration address, sent in ConfigureProvider. */
    private final Map<String, io.capstan.hcl.value.Value> configs = new ConcurrentHashMap<>();

    /** The run's working directory and environment (for the processes a run starts). */
    public ProviderResolver resolver() {
        return resolver;
    }

    public Providers(ProviderResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The root module's default configuration address of a provider, as state records it. */
    public static String defaultAddr(Provider p) {
        return "provider[\"" + p + "\"]";
    }

    /** The provider's default (root, unaliased) configuration, started if needed. */
    public Started get(Provider p, Diagnostics diags) {
        return get(defaultAddr(p), p, diags);
    }

    /**
     * Records the evaluated body of a {@code provider} block for configuration address
     * {@code addr}; the instance started for that address is configured with it.
     */
    public void configure(String addr, io.capstan.hcl.value.Value config) {
        configs.put(addr, config);
    }

    /**
     * Starts an instance of each installed provider in {@code ps} and asks its schema, on a
     * background thread, so that a plugin's start-up (a JVM's warm-up, for a Java provider)
     * overlaps reading the state and loading the configuration. Nothing waits for it: the first
     * {@link #get} of that provider takes the instance, or starts its own if it failed. Providers
     * that are missing or built in are left alone (the run reports a missing one where it is used).
     */
    public synchronized void prestart(java.util.Collection<Provider> ps) {
        if ("false".equals(System.getProperty(PRESTART_PROPERTY))) {
            return;
        }
        for (Provider p : ps) {
            if (p.equals(Provider.BUILTIN_TERRAFORM) || early.containsKey(p) || resolver.find(p) == null) {
                continue;
            }
            CompletableFuture<Early> f = new CompletableFuture<>();
            early.put(p, f);
            Thread t = new Thread(() -> {
                try {
                    ProviderClient c = launch(p, defaultAddr(p), new Diagnostics());
                    f.complete(c == null ? null : new Early(c, c.getProviderSchema(new GetProviderSchemaRequest())));
                } catch (RuntimeException | Error e) {
                    f.complete(null);
                }
            }, "provider-prestart-" + p.type());
            t.setDaemon(true);
            t.start();
        }
    }

    /** The prestarted instance of {@code p} with a good schema, taken out (null when there is none). */
    private Early takeEarly(Provider p) {
        CompletableFuture<Early> f = early.remove(p);
        Early e = f == null ? null : f.join();
        if (e != null && (e.schema().hasErrors() || e.schema().schema() == null)) {
            e.client().close(); // started again the ordinary way, which reports the failure
            return null;
        }
        return e;
    }

    /** How many provider processes this run has started so far. */
    int launches() {
        return launches.get();
    }

    /**
     * The schema of a provider's own configuration block. When no instance runs yet, one is
     * started and kept for the first {@link #get} of that provider (configured there), rather
     * than started, asked and closed: one process fewer.
     */
    public ProviderSchema schema(Provider p, Diagnostics diags) {
        Started any = started.values().stream().filter(s -> s.provider().equals(p)).findFirst().orElse(null);
        if (any != null) {
            return any.schema();
        }
        if (!schemas.containsKey(p)) {
            prestart(List.of(p));
        }
        CompletableFuture<Early> pending = early.get(p);
        Early e = pending == null ? null : pending.join();
        if (e != null && !e.schema().hasErrors() && e.schema().schema() != null) {
            return e.schema().schema();
        }
        synchronized (this) {
            ProviderSchema cached = schemas.get(p);
            if (cached != null) {
                return cached;
            }
            ProviderClient client = launch(p, defaultAddr(p), diags);
            if (client == null) {
                return null;
            }
            try (client) {
                GetProviderSchemaResponse r = client.getProviderSchema(new GetProviderSchemaRequest());
                if (r.hasErrors() || r.schema() == null) {
                    report(r.diagnostics(), diags, null);
                    return null;
                }
                schemas.put(p, r.schema());
                return r.schema();
            }
        }
    }

    private final Map<Provider, ProviderSchema> schemas = new ConcurrentHashMap<>();

    /** An unconfigured provider instance that serves provider-defined functions, and its function signatures. */
    public record FunctionProvider(ProviderClient client,
                                   Map<String, io.capstan.provider.schema.FunctionSignature> functions) {
    }

    private final Map<Provider, FunctionProvider> functionProviders = new ConcurrentHashMap<>();
    private final Map<Provider, List<Diagnostic>> functionFailures = new ConcurrentHashMap<>();

    /**
     * The instance of {@code p} that provider-defined functions are called on, started on first
     * use and kept for the run. As in Terraform it is never configured (functions work without a
     * {@code provider} block, and in {@code validate}); the signatures come from
     * GetProviderSchema's {@code functions}, or GetFunctions when the schema lists none.
     * Null with error diagnostics when the provider cannot be started.
     */
    public FunctionProvider functions(Provider p, Diagnostics diags) {
        FunctionProvider fp = functionProviders.get(p);
        if (fp != null) {
            return fp;
        }
        synchronized (this) {
            fp = functionProviders.get(p);
            if (fp != null) {
                return fp;
            }
            List<Diagnostic> failed = functionFailures.get(p);
            if (failed != null) {
                diags.addAll(failed);
                return null;
            }
            Diagnostics d = new Diagnostics();
            ProviderClient client = launch(p, "functions:" + p, d);
            if (client != null) {
                GetProviderSchemaResponse r = client.getProviderSchema(new GetProviderSchemaRequest());
                report(r.diagnostics(), d, null);
                if (!r.hasErrors() && r.schema() != null) {
                    var fns = r.schema().functions();
                    if (fns.isEmpty()) {
                        var gf = client.getFunctions(new io.capstan.provider.client.GetFunctionsRequest());
                        report(gf.diagnostics(), d, null);
                        fns = gf.functions();
                    }
                    if (!d.hasErrors()) {
                        fp = new FunctionProvider(client, fns);
                        functionProviders.put(p, fp);
                        diags.addAll(d);
                        return fp;
                    }
                }
                client.close();
            }
            List<Diagnostic> errs = new java.util.ArrayList<>();
            d.forEach(errs::add);
            functionFailures.put(p, errs);
            diags.addAll(d);
            return null;
        }
    }

    private final Map<Provider, Started> validating = new ConcurrentHashMap<>();
    private final java.util.Set<Provider> validatingFailed = ConcurrentHashMap.newKeySet();

    /**
     * An unconfigured instance of {@code p} with its schema, for terraform's validate walk, which
     * asks a provider only GetProviderSchema and its Validate* calls and never configures it; kept
     * for the run and closed with it (a prestarted instance is taken). Null when it cannot be
     * started, the errors reported the first time only.
     */
    public Started validating(Provider p, Diagnostics diags) {
        Started s = validating.get(p);
        if (s != null || validatingFailed.contains(p)) {
            return s;
        }
        synchronized (this) {
            s = validating.get(p);
            if (s != null || validatingFailed.contains(p)) {
                return s;
            }
            Early e = p.equals(Provider.BUILTIN_TERRAFORM) ? null : takeEarly(p);
            ProviderClient client = e != null ? e.client() : launch(p, defaultAddr(p) + "#validate", diags);
            if (client == null) {
                validatingFailed.add(p);
                return null;
            }
            GetProviderSchemaResponse r = e != null ? e.schema() : client.getProviderSchema(new GetProviderSchemaRequest());
            if (r.hasErrors() || r.schema() == null) {
                validatingFailed.add(p);
                for (ProviderDiagnostic d : r.diagnostics()) {
                    diags.add(Diagnostic.error(d.summary(), d.detail(), null));
                }
                client.close();
                return null;
            }
            s = new Started(p, client, r.schema());
            validating.put(p, s);
            return s;
        }
    }

    /**
     * A new, unconfigured instance of {@code p}, closed by the caller: what Terraform asks
     * MoveResourceState of, before any provider is configured. Null, with an error, when missing.
     */
    public ProviderClient unconfigured(Provider p, Diagnostics diags) {
        return launch(p, defaultAddr(p) + "#unconfigured", diags);
    }

    private ProviderClient launch(Provider p, String addr, Diagnostics diags) {
        if (p.equals(Provider.BUILTIN_TERRAFORM)) {
            return new BuiltinTerraformProvider(resolver.workdir(), resolver.environment());
        }
        Path exe = resolver.find(p);
        if (exe == null && !resolver.devOverrides().isEmpty()) {
            Path dir = resolver.devOverrides().get(new io.capstan.provider.install.ProviderAddress(p.hostname(),
                    p.namespace(), p.type()));
            if (dir != null) {
                failures.put(addr, "missing");
                diags.add(Diagnostic.error("Failed to load plugin schemas", "Error while loading schemas for plugin "
                        + "components: Failed to obtain provider schema: Could not load the schema for provider " + p
                        + ": failed to instantiate provider \"" + p + "\" to obtain schema: could not find executable "
                        + "file starting with terraform-provider-" + p.type() + " in " + resolver.workdir().resolve(dir)
                        + ", the directory the CLI configuration's dev_overrides name for it.", null));
                return null;
            }
        }
        if (exe == null) {
            failures.put(addr, "missing");
            diags.add(Diagnostic.error("Missing required provider", "This configuration requires provider "
                    + p + ", but that provider isn't available. You may be able to install it automatically "
                    + "by running:\n  terraform init", null));
            return null;
        }
        launches.incrementAndGet();
        return new PluginProviderClient(PluginLaunchSpec.terraformProvider(p.toString(), exe)
                .withWorkDir(resolver.workdir()).withEnvironment(resolver.environment()), Duration.ofMinutes(10));
    }

    /**
     * The provider instance for configuration address {@code addr} (e.g.
     * {@code module.a.provider["registry.terraform.io/hashicorp/aws"].east}), started and
     * configured if needed; null with an error diagnostic when it cannot be.
     */
    public Started get(String addr, Provider p, Diagnostics diags) {
        Started s = started.get(addr);
        if (s != null) {
            return s;
        }
        synchronized (this) {
            s = started.get(addr);
            if (s != null) {
                return s;
            }
            if (failures.containsKey(addr)) {
                return null;
            }
            // the instance the validation walk used (unconfigured, as when prestarted) is configured here
            Started v = addr.equals(defaultAddr(p)) ? validating.remove(p) : null;
            Early e = v != null ? new Early(v.client(), new GetProviderSchemaResponse(v.schema(), List.of()))
                    : takeEarly(p);
            ProviderClient client = e != null ? e.client() : launch(p, addr, diags);
            if (client == null) {
                return null;
            }
            GetProviderSchemaResponse r = e != null ? e.schema() : client.getProviderSchema(new GetProviderSchemaRequest());
            if (r.hasErrors() || r.schema() == null) {
                failures.put(addr, "schema");
                for (ProviderDiagnostic d : r.diagnostics()) {
                    diags.add(Diagnostic.error(d.summary(), d.detail(), null));
                }
                client.close();
                return null;
            }
            if (!p.equals(Provider.BUILTIN_TERRAFORM)) {
                // an unconfigured (implied) provider gets every argument unset, as Terraform sends it
                var type = io.capstan.provider.codec.SchemaTypes.impliedType(r.schema().provider());
                io.capstan.hcl.value.Value config = configs.getOrDefault(addr, nullAttributes(type));
                // one encoding for both calls
                var encoded = io.capstan.provider.codec.WireCodec.INSTANCE.encode(config, type);
                // as terraform: the provider validates its configuration before it is configured
                var vr = client.validateProviderConfig(new io.capstan.provider.client.ValidateProviderConfigRequest(
                        encoded));
                report(vr.diagnostics(), diags, null);
                if (vr.hasErrors()) {
                    failures.put(addr, "validate");
                    client.close();
                    return null;
                }
                var cr = client.configureProvider(new io.capstan.provider.client.ConfigureProviderRequest(
                        io.capstan.engine.state.StateFile.TERRAFORM_VERSION, encoded, null));
                report(cr.diagnostics(), diags, null);
                if (cr.hasErrors()) {
                    failures.put(addr, "configure");
                    client.close();
                    return null;
                }
            }
            s = new Started(p, client, r.schema());
            started.put(addr, s);
            return s;
        }
    }

    private static io.capstan.hcl.value.Value nullAttributes(io.capstan.hcl.value.ObjectType t) {
        java.util.Map<String, io.capstan.hcl.value.Value> m = new java.util.LinkedHashMap<>();
        t.attributes().forEach((k, v) -> m.put(k, io.capstan.hcl.value.Value.nullOf(v)));
        return io.capstan.hcl.value.Value.object(m);
    }

    public static void report(List<ProviderDiagnostic> from, Diagnostics to, io.capstan.hcl.diag.SourceRange where) {
        report(from, to, where, null);
    }

    /** As {@link #report(List, Diagnostics, io.capstan.hcl.diag.SourceRange)}, attributed to a resource instance (terraform's "with ADDR,"). */
    public static void report(List<ProviderDiagnostic> from, Diagnostics to, io.capstan.hcl.diag.SourceRange where,
            String address) {
        for (ProviderDiagnostic d : from) {
            Diagnostic diag = d.isError() ? Diagnostic.error(d.summary(), d.detail(), where)
                    : Diagnostic.warning(d.summary(), d.detail(), where);
            to.add(address == null ? diag : diag.withAddress(address));
        }
    }

    /** The schemas of the providers started so far, keyed by source address, for the JSON and human renderers. */
    public Map<String, ProviderSchema> schemas() {
        Map<String, ProviderSchema> m = new java.util.TreeMap<>();
        for (Started s : started.values()) {
            m.put(s.provider().toString(), s.schema());
        }
        return m;
    }

    /** Asks every started provider to stop its running calls (StopProvider); errors are ignored, as the run ends anyway. */
    public void stopAll() {
        for (Started s : started.values()) {
            try {
                s.client().stopProvider(new io.capstan.provider.client.StopProviderRequest());
            } catch (RuntimeException ignored) {
                // a provider that cannot stop finishes its calls; the walk starts no new ones
            }
        }
    }

    @Override
    public void close() {
        // a prestarted instance nobody took (the run failed early, or never needed it): waited for and
        // closed, as a plugin still in its handshake is not yet known to the reaper that kills
        // plugins at exit and would outlive Capstan
        for (CompletableFuture<Early> f : early.values()) {
            Early e = f.join();
            if (e != null) {
                e.client().close();
            }
        }
        early.clear();
        // loops, not forEach lambdas: each lambda call site costs every CLI run its bootstrap (#6)
        for (Started s : started.values()) {
            s.client().close();
        }
        started.clear();
        for (var f : functionProviders.values()) {
            f.client().close();
        }
        functionProviders.clear();
        for (var s : validating.values()) {
            s.client().close();
        }
        validating.clear();
    }
}
