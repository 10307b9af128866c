package io.capstan.engine.plan;

import io.capstan.graph.addrs.Provider;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.ProviderConfig;
import io.capstan.graph.config.RequiredProvider;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.graph.validate.ProviderChecks;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.body.Attribute;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.ValidateDataResourceConfigRequest;
import io.capstan.provider.client.ValidateProviderConfigRequest;
import io.capstan.provider.client.ValidateResourceConfigRequest;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The providers' part of {@code terraform validate} (1.11): every provider the configuration needs
 * must be installed as {@code init} left it (its lock file entry and its package), else only that is
 * reported; then each provider is started, unconfigured, and asked its schema (GetProviderSchema),
 * every resource and data block is decoded against its type's schema ("Unsupported argument",
 * "Invalid resource type") and handed to the provider's ValidateResourceConfig or
 * ValidateDataResourceConfig, and each {@code provider} block that sets arguments to
 * ValidateProviderConfig. Blocks are validated once each, not per instance, with the validate
 * walk's scope (variables unknown, {@code locals} evaluated), and their errors name the block's
 * configuration address ("with module.m.time_sleep.s,"). Terraform's built-in provider runs
 * in-process: a configuration that uses only it starts no process.
 */
public final class ValidateProviders implements ProviderChecks, AutoCloseable {
    private final java.util.function.Supplier<Providers> make;
    private Providers providers;

    /**
     * {@code providers} makes the run's providers (reading the lock file) the first time a
     * configuration needs one other than the built-in; closing closes what it made.
     */
    public ValidateProviders(java.util.function.Supplier<Providers> providers) {
        this.make = providers;
    }

    private synchronized Providers providers() {
        if (providers == null) {
            providers = make.get();
        }
        return providers;
    }

    @Override
    public synchronized void close() {
        if (providers != null) {
            providers.close();
        }
    }

    /** The providers a module tree needs: its {@code required_providers} and those its blocks imply. */
    public static Set<Provider> needed(ModuleTree tree) {
        Set<Provider> out = new TreeSet<>(Comparator.comparing(Provider::toString));
        tree.walk(t -> {
            for (RequiredProvider rp : t.module().requiredProviders().values()) {
                out.add(rp.provider());
            }
            for (ResourceConfig rc : t.module().resources().values()) {
                out.add(t.module().providerFor(rc.providerLocalName()));
            }
            for (ProviderConfig pc : t.module().providerConfigs().values()) {
                out.add(t.module().providerFor(pc.name()));
            }
        });
        return out;
    }

    @Override
    public void dependencies(ModuleTree tree, Diagnostics diags) {
        Set<Provider> needed = needed(tree);
        needed.remove(Provider.BUILTIN_TERRAFORM);
        if (needed.isEmpty()) {
            return; // the built-in provider only: nothing to install, nothing to start
        }
        ProviderResolver resolver = providers().resolver();
        // as terraform's provider factories: a locked provider whose package is gone fails the run first
        List<String> uncached = new ArrayList<>();
        for (Provider p : resolver.locked().stream().sorted(Comparator.comparing(Provider::toString)).toList()) {
            if (!resolver.overridden(p) && resolver.find(p) == null) {
                uncached.add(p + ": there is no package for " + p + " " + resolver.lockedVersion(p) + " cached in "
                        + dataDir(resolver) + "/providers");
            }
        }
        if (uncached.size() == 1) {
            diags.add(Diagnostic.error(uncached.get(0), "", null));
            return;
        } else if (!uncached.isEmpty()) {
            diags.add(Diagnostic.error("missing or corrupted provider plugins:\n  - " + String.join("\n  - ", uncached),
                    "", null));
            return;
        }
        List<Provider> locked = resolver.locked();
        List<Provider> start = new ArrayList<>();
        for (Provider p : needed) {
            if (!locked.contains(p) && !resolver.overridden(p)) {
                diags.add(Diagnostic.error("Missing required provider", "This configuration requires provider "
                        + p + ", but that provider isn't available. You may be able to install it automatically "
                        + "by running:\n  terraform init", null));
            } else {
                start.add(p);
            }
        }
        if (!diags.hasErrors()) {
            providers().prestart(start); // their start overlaps building the graph and the walk up to their first block
        }
    }

    /** The schemas for the static check of references as the graph is built ({@link SchemaTraversals#of}). */
    @Override
    public io.capstan.graph.graph.ResourceTypeSchemas schemas() {
        return SchemaTraversals.of(this::providers);
    }

    /** The working directory's data directory as the environment names it: {@code TF_DATA_DIR} or {@code .terraform}. */
    public static Path dataDir(ProviderResolver resolver) {
        String d = resolver.environment().get("TF_DATA_DIR");
        return Path.of(d == null || d.isBlank() ? ".terraform" : d);
    }

    @Override
    public void resource(ModuleTree module, ResourceConfig rc, Function<Expression, EvalContext> scope,
                         Diagnostics diags) {
        Provider p = module.module().providerFor(rc.providerLocalName());
        Providers.Started prov = providers().validating(p, diags);
        if (prov == null) {
            return;
        }
        boolean managed = rc.addr().mode() == ResourceMode.MANAGED;
        Schema schema = managed ? prov.schema().resourceSchemas().get(rc.addr().type())
                : prov.schema().dataSourceSchemas().get(rc.addr().type());
        if (schema == null) {
            diags.add(Diagnostic.error(managed ? "Invalid resource type" : "Invalid data source", "The provider "
                    + forDisplay(p) + " does not support " + (managed ? "resource type" : "data source")
                    + " \"" + rc.addr().type() + "\".", typeLabel(module, rc)));
            return;
        }
        Diagnostics decoding = new Diagnostics();
        Value config = ConfigDecoder.decode(rc.config(), schema.block(), scope, decoding);
        diags.addAll(decoding);
        if (decoding.hasErrors() || !ProviderValidation.validatedBy(prov, managed, rc.addr().type())) {
            return;
        }
        DynamicValue encoded = WireCodec.INSTANCE.encode(config.unmarkDeep().value(), SchemaTypes.impliedType(schema));
        String type = rc.addr().type();
        List<ProviderDiagnostic> found = managed
                ? prov.client().validateResourceConfig(new ValidateResourceConfigRequest(type, encoded, null)).diagnostics()
                : prov.client().validateDataResourceConfig(new ValidateDataResourceConfigRequest(type, encoded))
                        .diagnostics();
        ProviderValidation.report(found, rc, module.path().prefix(rc.addr().toString()), diags);
    }

    @Override
    public void provider(ModuleTree module, ProviderConfig pc, Function<Expression, EvalContext> scope,
                         Diagnostics diags) {
        Provider p = module.module().providerFor(pc.name());
        if (p.equals(Provider.BUILTIN_TERRAFORM) || pc.config() == null || onlyMetaArguments(pc)) {
            return; // as terraform's: a block that sets nothing but alias or version is not sent
        }
        Providers.Started prov = providers().validating(p, diags);
        if (prov == null) {
            return;
        }
        Diagnostics decoding = new Diagnostics();
        Value config = ConfigDecoder.decode(pc.config(), prov.schema().provider().block(), scope, decoding);
        diags.addAll(decoding);
        if (decoding.hasErrors()) {
            return;
        }
        var type = SchemaTypes.impliedType(prov.schema().provider());
        var r = prov.client().validateProviderConfig(new ValidateProviderConfigRequest(
                WireCodec.INSTANCE.encode(config.unmarkDeep().value(), type)));
        Providers.report(r.diagnostics(), diags, pc.declRange());
    }

    /** A provider as terraform displays it: without the hostname when it is the public registry. */
    static String forDisplay(Provider p) {
        return p.hostname().equals(Provider.DEFAULT_HOST) ? p.namespace() + "/" + p.type() : p.toString();
    }

    /**
     * The range of the block's type label ({@code "time_nope"} in {@code data "time_nope" "x"}), where
     * terraform points an unknown type; the block's header when the source cannot be read.
     */
    private static SourceRange typeLabel(ModuleTree module, ResourceConfig rc) {
        SourceRange kw = rc.typeRange();
        for (io.capstan.hcl.body.File f : module.module().files()) {
            if (!f.filename().equals(kw.filename())) {
                continue;
            }
            byte[] b = f.bytes();
            int i = kw.end().byteOffset();
            int col = kw.end().column();
            while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
                i++;
                col++;
            }
            int len = rc.addr().type().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2;
            if (i < b.length && b[i] == '"' && i + len <= b.length && b[i + len - 1] == '"') {
                int line = kw.end().line();
                return new SourceRange(kw.filename(), new Pos(line, col, i), new Pos(line, col + len, i + len));
            }
        }
        return rc.declRange();
    }

    private static boolean onlyMetaArguments(ProviderConfig pc) {
        Result<Map<String, Attribute>> attrs = pc.config().justAttributes();
        return !attrs.hasErrors() && attrs.value() != null
                && attrs.value().keySet().stream().allMatch(k -> k.equals("alias") || k.equals("version"));
    }
}
