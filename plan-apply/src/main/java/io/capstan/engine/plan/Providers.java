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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider clients of one run, started on first use and closed together: the built-in
 * {@code terraform} provider in-process, others as plugin processes found by the resolver.
 * Each provider's schema is fetched once.
 */
public final class Providers implements AutoCloseable {
    /** A started provider and its schema. */
    public record Started(ProviderClient client, ProviderSchema schema) {
    }

    private final ProviderResolver resolver;
    private final Map<Provider, Started> started = new ConcurrentHashMap<>();
    private final Map<Provider, String> failures = new ConcurrentHashMap<>();

    public Providers(ProviderResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The provider, started if needed; null with an error diagnostic when it cannot be. */
    public Started get(Provider p, Diagnostics diags) {
        Started s = started.get(p);
        if (s != null) {
            return s;
        }
        synchronized (this) {
            s = started.get(p);
            if (s != null) {
                return s;
            }
            if (failures.containsKey(p)) {
                return null;
            }
            ProviderClient client;
            if (p.equals(Provider.BUILTIN_TERRAFORM)) {
                client = new BuiltinTerraformProvider();
            } else {
                Path exe = resolver.find(p);
                if (exe == null) {
                    failures.put(p, "missing");
                    diags.add(Diagnostic.error("Missing required provider", "This configuration requires provider "
                            + p + ", but that provider isn't available. You may be able to install it automatically "
                            + "by running:\n  terraform init", null));
                    return null;
                }
                client = new PluginProviderClient(PluginLaunchSpec.terraformProvider(p.toString(), exe),
                        Duration.ofMinutes(10));
            }
            GetProviderSchemaResponse r = client.getProviderSchema(new GetProviderSchemaRequest());
            if (r.hasErrors() || r.schema() == null) {
                failures.put(p, "schema");
                for (ProviderDiagnostic d : r.diagnostics()) {
                    diags.add(Diagnostic.error(d.summary(), d.detail(), null));
                }
                client.close();
                return null;
            }
            if (!p.equals(Provider.BUILTIN_TERRAFORM)) {
                // provider blocks are not evaluated yet: configure with every argument unset
                var type = io.capstan.provider.codec.SchemaTypes.impliedType(r.schema().provider());
                var cr = client.configureProvider(new io.capstan.provider.client.ConfigureProviderRequest(
                        io.capstan.engine.state.StateFile.TERRAFORM_VERSION, io.capstan.provider.codec.WireCodec.INSTANCE
                        .encode(nullAttributes(type), type),
                        null));
                report(cr.diagnostics(), diags, null);
            }
            s = new Started(client, r.schema());
            started.put(p, s);
            return s;
        }
    }

    private static io.capstan.hcl.value.Value nullAttributes(io.capstan.hcl.value.ObjectType t) {
        java.util.Map<String, io.capstan.hcl.value.Value> m = new java.util.LinkedHashMap<>();
        t.attributes().forEach((k, v) -> m.put(k, io.capstan.hcl.value.Value.nullOf(v)));
        return io.capstan.hcl.value.Value.object(m);
    }

    public static void report(List<ProviderDiagnostic> from, Diagnostics to, io.capstan.hcl.diag.SourceRange where) {
        for (ProviderDiagnostic d : from) {
            to.add(d.isError() ? Diagnostic.error(d.summary(), d.detail(), where)
                    : Diagnostic.warning(d.summary(), d.detail(), where));
        }
    }

    /** The schemas of the providers started so far, keyed by source address, for the JSON and human renderers. */
    public Map<String, ProviderSchema> schemas() {
        Map<String, ProviderSchema> m = new java.util.TreeMap<>();
        started.forEach((p, s) -> m.put(p.toString(), s.schema()));
        return m;
    }

    @Override
    public void close() {
        started.values().forEach(s -> s.client().close());
        started.clear();
    }
}
