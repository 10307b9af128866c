package io.capstan.engine.plan;

import io.capstan.engine.state.StateFile;
import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Provider;
import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.graph.validate.Validation;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.ImportResourceStateRequest;
import io.capstan.provider.client.ImportResourceStateResponse;
import io.capstan.provider.client.ImportedResource;
import io.capstan.provider.client.ReadResourceRequest;
import io.capstan.provider.client.ReadResourceResponse;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.Schema;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code import ADDR ID}: asks the resource's provider to import the object (ImportResourceState),
 * reads it (ReadResource) and records it at the address, which must be declared in configuration
 * and not yet hold an object.
 */
public final class Importer {
    private Importer() {
    }

    /** The config loaded and the new state, or diagnostics. */
    public record Outcome(ModuleTree config, LiveState state, Diagnostics diagnostics, MissingResource missing) {
        Outcome(ModuleTree config, LiveState state, Diagnostics diagnostics) {
            this(config, state, diagnostics, null);
        }
    }

    /**
     * The target resource block the configuration lacks: terraform's import command reports it not as a
     * diagnostic but as a message with an example block ({@code module} is "the root module" or the module
     * instance's address).
     */
    public record MissingResource(String address, String module, String type, String name) {
    }

    public static Outcome run(Path dir, StateFile prior, String address, String id, Providers providers,
                              ChangeListener listener) {
        return run(dir, prior, address, id, providers, listener, null);
    }

    /**
     * As {@link #run(Path, StateFile, String, String, Providers, ChangeListener)}, with {@code configCheck}
     * (null for none) made of the configuration once its target is found, before validation, where
     * terraform's import runs its local backend's checks (the dependency lock file's): its errors end
     * the import.
     */
    public static Outcome run(Path dir, StateFile prior, String address, String id, Providers providers,
                              ChangeListener listener, java.util.function.Function<ModuleTree, Diagnostics> configCheck) {
        Diagnostics d = new Diagnostics();
        // module calls as init recorded them in the data directory, as terraform's import loads them
        Result<ModuleTree> loaded = io.capstan.graph.config.ConfigLoader.load(dir,
                ValidateProviders.dataDir(providers.resolver()));
        io.capstan.engine.functions.PluginFunctions functions = new io.capstan.engine.functions.PluginFunctions(providers);
        if (loaded.hasErrors()) {
            Validation.Outcome v = Validation.validate(loaded, functions, io.capstan.graph.validate.ProviderChecks.NONE,
                    true);
            return new Outcome(v.config(), null, d.addAll(v.diagnostics()));
        }
        Result<AbsResourceInstance> parsed = Addresses.parseAbsResourceInstance(address);
        d.addAll(parsed.diagnostics());
        if (parsed.hasErrors() || parsed.value() == null) {
            return new Outcome(loaded.value(), null, d);
        }
        AbsResourceInstance a = parsed.value();
        // as terraform's import command: the target is looked for in the configuration as loaded, before
        // the configuration is validated
        ModuleTree t = loaded.value();
        for (ModuleInstance.Step s : a.module().steps()) {
            t = t == null ? null : t.children().get(s.name());
        }
        if (t == null) {
            d.add(Diagnostic.error("Import to non-existent module", a.module() + " is not defined in the "
                    + "configuration. Please add configuration for this module before importing into it.", null));
            return new Outcome(loaded.value(), null, d);
        }
        ResourceConfig rc = t.module().resources().get(a.resource().resource());
        if (rc == null) {
            return new Outcome(loaded.value(), null, d, new MissingResource(a.toString(),
                    a.module().isRoot() ? "the root module" : a.module().toString(), a.resource().resource().type(),
                    a.resource().resource().name()));
        }
        if (configCheck != null) {
            Diagnostics checked = configCheck.apply(loaded.value());
            if (checked.hasErrors()) {
                return new Outcome(loaded.value(), null, d.addAll(loaded.diagnostics()).addAll(checked));
            }
        }
        Validation.Outcome v = Validation.validate(loaded, functions, io.capstan.graph.validate.ProviderChecks.NONE, true);
        d.addAll(v.diagnostics());
        if (!v.valid()) {
            return new Outcome(v.config(), null, d);
        }
        LiveState state = LiveState.of(prior);
        if (state.get(address) != null) {
            d.add(Diagnostic.error("Resource already managed by Terraform", "Terraform is already managing a remote "
                    + "object for " + address + ". To import to this address you must first remove the existing "
                    + "object from the state.", null));
            return new Outcome(v.config(), null, d);
        }
        Provider p = t.module().providerFor(rc.providerLocalName());
        Providers.Started prov = providers.get(p, d);
        if (prov == null) {
            return new Outcome(v.config(), null, d);
        }
        Schema schema = prov.schema().resourceSchemas().get(rc.addr().type());
        if (schema == null) {
            d.add(Diagnostic.error("Invalid resource type", "The provider " + p + " does not support resource type \""
                    + rc.addr().type() + "\".", rc.typeRange()));
            return new Outcome(v.config(), null, d);
        }
        ObjectType type = SchemaTypes.impliedType(schema);
        listener.event(address, ChangeListener.Phase.CREATING, id, 0);
        ImportResourceStateResponse ir = prov.client().importResourceState(
                new ImportResourceStateRequest(rc.addr().type(), id, null, null));
        // as terraform reports ImportResourceState's diagnostics: neither a source range nor an address
        Providers.report(ir.diagnostics(), d, null);
        if (ir.diagnostics().stream().anyMatch(x -> x.isError()) || ir.importedResources().isEmpty()) {
            return new Outcome(v.config(), null, d);
        }
        ImportedResource imp = ir.importedResources().get(0);
        listener.event(address, ChangeListener.Phase.REFRESHING, id, 0);
        ReadResourceResponse rr = prov.client().readResource(new ReadResourceRequest(rc.addr().type(), imp.state(),
                imp.privateData(), null, null, null));
        // the import's refresh, as terraform's: in the resource block's body, with its address
        Providers.report(rr.diagnostics(), d, rc.config().missingItemRange(), a.toString());
        if (rr.hasErrors()) {
            return new Outcome(v.config(), null, d);
        }
        Value obj = rr.newState() == null ? Value.nullOf(type) : WireCodec.INSTANCE.decode(rr.newState(), type);
        if (obj.isNull()) {
            d.add(Diagnostic.error("Cannot import non-existent remote object", "While attempting to import an "
                    + "existing object to \"" + address + "\", the provider detected that no object exists with the "
                    + "given id. Only pre-existing objects can be imported; check that the id is correct and that it "
                    + "is associated with the provider's configured region or endpoint, or use \"terraform apply\" to "
                    + "create a new remote object for this resource.", null));
            return new Outcome(v.config(), null, d);
        }
        String providerAddr = "provider[\"" + p + "\"]";
        if (!a.module().isRoot()) {
            providerAddr = a.module().module().prefix(providerAddr);
        }
        state.put(new LiveState.Entry(Addrs.stateModule(a.module()), "managed", rc.addr().type(), rc.addr().name(),
                providerAddr, StateValues.instance(a.resource().key(), schema.version(), obj, type, rr.privateData(),
                List.of(), false)));
        return new Outcome(v.config(), state, d);
    }
}
