package io.capstan.provider.sdk;

import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.*;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.schema.ServerCapabilities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An SDK {@link Provider} behind Capstan's {@link ProviderClient} interface, in process:
 * every plugin-protocol call decoded, dispatched to the author's code and encoded again.
 * The gRPC services ({@link ProviderService6}, {@link ProviderService5}) put this on the
 * wire; the test harness calls it directly. A bug in provider code (an exception) becomes
 * an error diagnostic naming the call, never a crashed plugin.
 */
public final class SdkProvider implements ProviderClient {
    private static final WireCodec CODEC = WireCodec.INSTANCE;
    private final Provider provider;
    private final ProviderSchema schema;
    private final ObjectType providerType;
    private final Map<String, ObjectType> resourceTypes = new LinkedHashMap<>();
    private final Map<String, ObjectType> dataTypes = new LinkedHashMap<>();
    /** Threads running provider code now, interrupted by {@link #stopProvider}. */
    private final java.util.Set<Thread> running = new java.util.HashSet<>();

    public SdkProvider(Provider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
        Map<String, Schema> rs = new LinkedHashMap<>();
        provider.resources().forEach((n, r) -> {
            rs.put(n, r.schema().toSchema());
            resourceTypes.put(n, r.schema().type());
        });
        Map<String, Schema> ds = new LinkedHashMap<>();
        provider.dataSources().forEach((n, d) -> {
            ds.put(n, d.schema().toSchema());
            dataTypes.put(n, d.schema().type());
        });
        this.providerType = provider.schema().type();
        this.schema = new ProviderSchema(provider.schema().toSchema(), null, rs, ds, Map.of(), Map.of(),
                SdkFunctions.signatures(provider),
                new ServerCapabilities(false, true, StateMover.anyMovable(provider), false));
    }

    public Provider provider() {
        return provider;
    }

    @Override
    public String providerName() {
        return provider.name();
    }

    private interface IoFunction<R> {
        R apply(Diagnostics d) throws java.io.IOException;
    }

    /**
     * Runs one call, turning an exception in provider code into an error diagnostic. While it
     * runs, its thread is registered so that {@link #stopProvider} can interrupt it: the
     * cancellation signal provider code sees as an {@link InterruptedException} from blocking
     * calls or as {@link Thread#isInterrupted()} in loops (Terraform's SDKs cancel a context).
     */
    private <R> R call(String call, IoFunction<R> body, Function<Diagnostics, R> failed) {
        Diagnostics diags = new Diagnostics();
        Thread self = Thread.currentThread();
        synchronized (running) {
            running.add(self);
        }
        try {
            return body.apply(diags);
        } catch (RuntimeException | java.io.IOException e) {
            diags.error("Provider error in " + call, provider.name() + ": " + e);
            return failed.apply(diags);
        } finally {
            synchronized (running) {
                running.remove(self);
                // A stop that arrived after the provider code returned must not leak into the
                // next piece of work this (pooled) thread runs.
                Thread.interrupted();
            }
        }
    }

    private static Value decode(DynamicValue v, ObjectType t) {
        return v == null ? Value.nullOf(t) : CODEC.decode(v, t);
    }

    private static DynamicValue encode(Value v, ObjectType t) {
        return CODEC.encode(v, t);
    }

    /**
     * A value for a computed-only attribute (one the provider decides) is an error, as
     * terraform-plugin-sdk reports it: terraform itself sends such a value on to the provider.
     * Nested blocks are named in the SDK's flat form ({@code block.0.attr}).
     */
    private static void unconfigurable(io.capstan.provider.schema.Block block, Value config, String prefix,
                                       List<Object> at, Diagnostics d) {
        if (config == null || config.isNull() || !config.isKnown()) {
            return;
        }
        for (io.capstan.provider.schema.Attribute a : block.attributes().values()) {
            Value v = config.attr(a.name());
            if (a.computed() && !a.optional() && !a.required() && v != null && !v.isNull()) {
                d.error(at == null ? null : Diagnostics.path(with(at, a.name()).toArray()), "Value for unconfigurable attribute",
                        "Can't configure a value for \"" + prefix + a.name() + "\": its value will be decided "
                                + "automatically based on the result of applying this configuration.");
            }
        }
        for (io.capstan.provider.schema.NestedBlock nb : block.blockTypes().values()) {
            Value v = config.attr(nb.typeName());
            if (v == null || v.isNull() || !v.isKnown()) {
                continue;
            }
            String name = nb.typeName();
            switch (nb.nesting()) {
                case SINGLE, GROUP -> unconfigurable(nb.block(), v, prefix + name + ".0.", at == null ? null : with(at, name), d);
                case LIST, SET -> {
                    int i = 0;
                    for (Value e : v.elements()) {
                        // a set's elements have no index a diagnostic could point at
                        List<Object> elem = at == null || nb.nesting() == io.capstan.provider.schema.NestingMode.SET
                                ? null : with(with(at, name), i);
                        unconfigurable(nb.block(), e, prefix + name + "." + i++ + ".", elem, d);
                    }
                }
                case MAP -> v.entries().forEach((k, e) -> unconfigurable(nb.block(), e, prefix + name + "." + k + ".",
                        at == null ? null : with(with(at, name), "[" + k + "]"), d));
                default -> {
                }
            }
        }
    }

    private static List<Object> with(List<Object> at, Object step) {
        List<Object> out = new java.util.ArrayList<>(at);
        out.add(step);
        return out;
    }

    private ObjectType resourceType(String name) {
        ObjectType t = resourceTypes.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown resource type " + name);
        }
        return t;
    }

    private ObjectType dataType(String name) {
        ObjectType t = dataTypes.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown data source " + name);
        }
        return t;
    }

    @Override
    public GetProviderSchemaResponse getProviderSchema(GetProviderSchemaRequest request) {
        return new GetProviderSchemaResponse(schema, List.of());
    }

    @Override
    public ValidateProviderConfigResponse validateProviderConfig(ValidateProviderConfigRequest request) {
        return new ValidateProviderConfigResponse(request.config(), List.of());
    }

    @Override
    public ValidateResourceConfigResponse validateResourceConfig(ValidateResourceConfigRequest request) {
        return call("ValidateResourceConfig", d -> {
            ObjectType t = resourceType(request.typeName());
            Value config = decode(request.config(), t);
            unconfigurable(schema.resourceSchemas().get(request.typeName()).block(), config, "", List.of(), d);
            provider.resources().get(request.typeName()).validate(ObjectData.of(config, t), d);
            return new ValidateResourceConfigResponse(d.toList());
        }, d -> new ValidateResourceConfigResponse(d.toList()));
    }

    @Override
    public ValidateDataResourceConfigResponse validateDataResourceConfig(ValidateDataResourceConfigRequest request) {
        return call("ValidateDataResourceConfig", d -> {
            ObjectType t = dataType(request.typeName());
            Value config = decode(request.config(), t);
            unconfigurable(schema.dataSourceSchemas().get(request.typeName()).block(), config, "", List.of(), d);
            provider.dataSources().get(request.typeName()).validate(ObjectData.of(config, t), d);
            return new ValidateDataResourceConfigResponse(d.toList());
        }, d -> new ValidateDataResourceConfigResponse(d.toList()));
    }

    @Override
    public UpgradeResourceStateResponse upgradeResourceState(UpgradeResourceStateRequest request) {
        return call("UpgradeResourceState", d -> {
            ObjectType t = resourceType(request.typeName());
            Value v = StateUpgrader.upgrade(provider.resources().get(request.typeName()), t, request.version(),
                    request.rawState().json(), d);
            return new UpgradeResourceStateResponse(encode(v, t), d.toList());
        }, d -> new UpgradeResourceStateResponse(null, d.toList()));
    }

    @Override
    public ConfigureProviderResponse configureProvider(ConfigureProviderRequest request) {
        return call("ConfigureProvider", d -> {
            provider.configure(ObjectData.of(decode(request.config(), providerType), providerType), d);
            return new ConfigureProviderResponse(d.toList());
        }, d -> new ConfigureProviderResponse(d.toList()));
    }

    @Override
    public ReadResourceResponse readResource(ReadResourceRequest request) {
        return call("ReadResource", d -> {
            ObjectType t = resourceType(request.typeName());
            Value current = decode(request.currentState(), t);
            if (current.isNull()) {
                return new ReadResourceResponse(request.currentState(), d.toList(), request.privateData(), null, null);
            }
            ObjectData state = ObjectData.of(current, t);
            boolean exists = provider.resources().get(request.typeName()).read(state, d);
            Value out = exists ? state.toValue() : Value.nullOf(t);
            if (d.hasErrors()) {
                out = current;
            }
            return new ReadResourceResponse(encode(out, t), d.toList(), request.privateData(), null, null);
        }, d -> new ReadResourceResponse(request.currentState(), d.toList(), request.privateData(), null, null));
    }

    @Override
    public PlanResourceChangeResponse planResourceChange(PlanResourceChangeRequest request) {
        return call("PlanResourceChange", d -> {
            ObjectType t = resourceType(request.typeName());
            Value proposed = decode(request.proposedNewState(), t);
            if (proposed.isNull()) {
                return new PlanResourceChangeResponse(request.proposedNewState(), List.of(), null, d.toList(),
                        false, null, null);
            }
            Planner.Planned p = Planner.plan(provider.resources().get(request.typeName()), t,
                    decode(request.priorState(), t), proposed, decode(request.config(), t), d);
            return new PlanResourceChangeResponse(encode(p.planned(), t), p.requiresReplace(), request.priorPrivate(),
                    d.toList(), false, null, null);
        }, d -> new PlanResourceChangeResponse(null, List.of(), null, d.toList(), false, null, null));
    }

    @Override
    public ApplyResourceChangeResponse applyResourceChange(ApplyResourceChangeRequest request) {
        return call("ApplyResourceChange", d -> {
            ObjectType t = resourceType(request.typeName());
            Resource r = provider.resources().get(request.typeName());
            Value prior = decode(request.priorState(), t);
            Value planned = decode(request.plannedState(), t);
            Value result;
            if (planned.isNull()) {
                r.delete(ObjectData.of(prior, t), d);
                result = d.hasErrors() ? prior : Value.nullOf(t);
            } else {
                ObjectData data = ObjectData.of(planned, t);
                if (prior.isNull()) {
                    r.create(data, d);
                } else {
                    r.update(ObjectData.of(prior, t), data, d);
                }
                result = data.toValue();
                if (!d.hasErrors() && !result.isWhollyKnown()) {
                    d.error("Provider produced an incomplete object", provider.name() + " left "
                            + unknownAttributes(data) + " of " + request.typeName() + " unknown after apply; "
                            + "this is a bug in the provider.");
                }
                if (d.hasErrors()) {
                    result = prior;
                }
            }
            return new ApplyResourceChangeResponse(encode(result, t), request.plannedPrivate(), d.toList(), false,
                    null);
        }, d -> new ApplyResourceChangeResponse(request.priorState(), null, d.toList(), false, null));
    }

    private static List<String> unknownAttributes(ObjectData data) {
        return data.type().attributes().keySet().stream().filter(k -> !data.isKnown(k)).toList();
    }

    @Override
    public ImportResourceStateResponse importResourceState(ImportResourceStateRequest request) {
        return call("ImportResourceState", d -> {
            ObjectType t = resourceType(request.typeName());
            ObjectData state = ObjectData.empty(t);
            provider.resources().get(request.typeName()).importState(request.id(), state, d);
            if (d.hasErrors()) {
                return new ImportResourceStateResponse(List.of(), d.toList(), null);
            }
            return new ImportResourceStateResponse(List.of(new ImportedResource(request.typeName(),
                    encode(state.toValue(), t), null, null)), d.toList(), null);
        }, d -> new ImportResourceStateResponse(List.of(), d.toList(), null));
    }

    @Override
    public MoveResourceStateResponse moveResourceState(MoveResourceStateRequest request) {
        return call("MoveResourceState", d -> StateMover.move(provider, resourceTypes, request, d),
                d -> new MoveResourceStateResponse(null, d.toList(), null, null));
    }

    @Override
    public ReadDataSourceResponse readDataSource(ReadDataSourceRequest request) {
        return call("ReadDataSource", d -> {
            ObjectType t = dataType(request.typeName());
            ObjectData data = ObjectData.of(decode(request.config(), t), t);
            provider.dataSources().get(request.typeName()).read(data, d);
            Value out = data.toValue();
            if (!d.hasErrors() && !out.isWhollyKnown()) {
                d.error("Provider produced an incomplete object", provider.name() + " left "
                        + unknownAttributes(data) + " of data." + request.typeName() + " unknown.");
            }
            return new ReadDataSourceResponse(d.hasErrors() ? null : encode(out, t), d.toList(), null);
        }, d -> new ReadDataSourceResponse(null, d.toList(), null));
    }

    @Override
    public GetFunctionsResponse getFunctions(GetFunctionsRequest request) {
        return new GetFunctionsResponse(schema.functions(), List.of());
    }

    @Override
    public CallFunctionResponse callFunction(CallFunctionRequest request) {
        return call("CallFunction", d -> SdkFunctions.call(provider, request),
                d -> new CallFunctionResponse(null, new FunctionError(d.toList().get(0).summary() + ": "
                        + d.toList().get(0).detail(), null), List.of()));
    }

    /** Interrupts every call in progress (Terraform sends this on Ctrl-C); later calls run normally. */
    @Override
    public StopProviderResponse stopProvider(StopProviderRequest request) {
        synchronized (running) {
            running.forEach(Thread::interrupt);
        }
        return new StopProviderResponse("", List.of());
    }

    @Override
    public void close() {
        // nothing runs outside calls
    }
}
