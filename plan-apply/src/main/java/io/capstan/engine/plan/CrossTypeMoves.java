package io.capstan.engine.plan;

import io.capstan.engine.state.InstanceState;
import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Provider;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.Moved;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.GetProviderSchemaResponse;
import io.capstan.provider.client.MoveResourceStateRequest;
import io.capstan.provider.client.MoveResourceStateResponse;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.client.RawState;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code moved} blocks whose two ends are different resource types (or the same type of
 * different providers), as Terraform 1.8+ carries them out: before planning, the provider of
 * the target resource (a fresh, unconfigured instance, as Terraform uses) is asked in
 * MoveResourceState to turn the stored source object into an object of the target type; the
 * state then records that object, with the target schema version and provider. A provider
 * that does not advertise {@code move_resource_state} gets Terraform's "Unsupported `moved`
 * across resource types" error on the {@code moved} block.
 */
final class CrossTypeMoves implements AutoCloseable {
    private record Started(ProviderClient client, ProviderSchema schema) {
    }

    private final ModuleTree config;
    private final Providers providers;
    private final Map<Provider, Started> started = new LinkedHashMap<>();

    CrossTypeMoves(ModuleTree config, Providers providers) {
        this.config = Objects.requireNonNull(config, "config");
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    /** The configuration of the resource at {@code to}, or null when it is not in the configuration. */
    private ResourceConfig resourceConfig(AbsResourceInstance to) {
        ModuleTree t = config;
        for (ModuleInstance.Step s : to.module().steps()) {
            t = t == null ? null : t.children().get(s.name());
        }
        return t == null ? null : t.module().resources().get(to.resource().resource());
    }

    private ModuleTree tree(ModuleInstance m) {
        ModuleTree t = config;
        for (ModuleInstance.Step s : m.steps()) {
            t = t == null ? null : t.children().get(s.name());
        }
        return t;
    }

    /**
     * True when moving {@code from} to {@code to} crosses resource types or providers, so the
     * provider must convert the object; false for a plain rename. A target that is not in the
     * configuration is converted all the same, as terraform does (its provider is the one the type
     * implies), and then planned for deletion ("delete_because_no_move_target").
     */
    boolean crosses(LiveState.Entry from, AbsResourceInstance to) {
        if (!"managed".equals(from.mode())) {
            return false;
        }
        Provider source = Orphans.providerOf(from.provider());
        return !to.resource().resource().type().equals(from.type()) || !targetProvider(to).equals(source);
    }

    /** The target's provider: its block's, else the one its type implies in its module (or the root). */
    private Provider targetProvider(AbsResourceInstance to) {
        ResourceConfig rc = resourceConfig(to);
        ModuleTree t = tree(to.module());
        if (t == null) {
            t = config;
        }
        return t.module().providerFor(rc != null ? rc.providerLocalName() : to.resource().resource().impliedProviderType());
    }

    /**
     * The object of {@code from} converted by the target's provider into an entry at {@code to},
     * or null (with the errors in {@code diags}) when the provider cannot or will not.
     */
    LiveState.Entry move(Moved stmt, LiveState.Entry from, AbsResourceInstance to, Diagnostics diags) {
        ResourceConfig rc = resourceConfig(to);
        Provider target = targetProvider(to);
        Started p = start(target, diags);
        if (p == null) {
            return null;
        }
        if (!p.schema().serverCapabilities().moveResourceState()) {
            diags.add(Diagnostic.error("Unsupported `moved` across resource types", "The provider \"" + target
                    + "\" does not support moved operations across resource types and providers.", stmt.declRange()));
            return null;
        }
        String targetType = to.resource().resource().type();
        Schema schema = p.schema().resourceSchemas().get(targetType);
        if (schema == null) {
            diags.add(Diagnostic.error("Invalid resource type", "The provider " + target
                    + " does not support resource type \"" + targetType + "\".", stmt.declRange()));
            return null;
        }
        Provider source = Orphans.providerOf(from.provider());
        InstanceState i = from.instance();
        MoveResourceStateResponse r = p.client().moveResourceState(new MoveResourceStateRequest(
                source == null ? "" : source.toString(), from.type(), i.schemaVersion(),
                RawState.ofJson(i.attributes().toString().getBytes(StandardCharsets.UTF_8)), targetType,
                StateValues.privateBytes(i), null, 0));
        Providers.report(r.diagnostics(), diags, null);
        if (r.hasErrors()) {
            return null;
        }
        ObjectType type = SchemaTypes.impliedType(schema);
        Value v = r.targetState() == null ? null : WireCodec.INSTANCE.decode(r.targetState(), type);
        if (v == null || v.isNull()) {
            diags.add(Diagnostic.error("Provider returned invalid value", "The provider returned an invalid value "
                    + "during an across type move operation to " + to + ". This is a bug in the relevant provider; "
                    + "Please report it.", stmt.declRange()));
            return null;
        }
        if (!v.isWhollyKnown()) {
            diags.add(Diagnostic.error("Provider returned invalid value", "The provider " + target + " returned an "
                    + "invalid value during an across type move operation: The returned state contains unknown "
                    + "values. This is a bug in the relevant provider; Please report it.", stmt.declRange()));
            return null;
        }
        InstanceState moved = StateValues.instance(to.resource().key(), schema.version(), v, type, r.targetPrivate(),
                i.dependencies(), i.createBeforeDestroy()).withStatus(i.status());
        String providerAddr = "provider[\"" + target + "\"]"
                + (rc != null && rc.provider() != null && rc.provider().alias() != null ? "." + rc.provider().alias() : "");
        if (!to.module().isRoot()) {
            providerAddr = to.module().module().prefix(providerAddr);
        }
        return new LiveState.Entry(Addrs.stateModule(to.module()), "managed", targetType,
                to.resource().resource().name(), providerAddr, moved);
    }

    private Started start(Provider p, Diagnostics diags) {
        Started s = started.get(p);
        if (s != null) {
            return s;
        }
        ProviderClient c = providers.unconfigured(p, diags);
        if (c == null) {
            return null;
        }
        GetProviderSchemaResponse r = c.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
        if (r.hasErrors() || r.schema() == null) {
            Providers.report(r.diagnostics(), diags, null);
            c.close();
            return null;
        }
        s = new Started(c, r.schema());
        started.put(p, s);
        return s;
    }

    @Override
    public void close() {
        for (var s : started.values()) {
            s.client().close();
        }
        started.clear();
    }
}
