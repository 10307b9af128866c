package io.capstan.engine.builtin;

import io.capstan.graph.validate.BuiltinTerraformSchema;
import io.capstan.provider.codec.WireCodec;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import io.capstan.provider.client.*;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import io.capstan.provider.schema.TypeExpr;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider {@code terraform.io/builtin/terraform} in-process: the same calls a plugin
 * provider answers, without a process or gRPC. It serves the {@code terraform_data}
 * resource and the {@code terraform_remote_state} data source.
 */
public final class BuiltinTerraformProvider implements ProviderClient {
    public static final String ADDRESS = "terraform.io/builtin/terraform";
    private static final WireCodec CODEC = WireCodec.INSTANCE;

    private final TerraformData data;
    private final TerraformRemoteState remoteState;

    public BuiltinTerraformProvider(TerraformData data, TerraformRemoteState remoteState) {
        this.data = java.util.Objects.requireNonNull(data, "data");
        this.remoteState = java.util.Objects.requireNonNull(remoteState, "remoteState");
    }

    public BuiltinTerraformProvider(TerraformData data) {
        this(data, new TerraformRemoteState(java.nio.file.Path.of(""), System.getenv()));
    }

    /** @param workdir where {@code terraform_remote_state} resolves relative {@code local} paths */
    public BuiltinTerraformProvider(java.nio.file.Path workdir) {
        this(new TerraformData(), new TerraformRemoteState(workdir, System.getenv()));
    }

    /** With the run's environment (a resident server's client's), for {@code terraform_remote_state}'s backends. */
    public BuiltinTerraformProvider(java.nio.file.Path workdir, java.util.Map<String, String> env) {
        this(new TerraformData(), new TerraformRemoteState(workdir, env));
    }

    public BuiltinTerraformProvider() {
        this(new TerraformData());
    }

    @Override
    public String providerName() {
        return ADDRESS;
    }

    static Schema terraformDataSchema() {
        return schema(BuiltinTerraformSchema.managedAttributes(TerraformData.TYPE_NAME));
    }

    /** As {@code terraform providers schema -json} prints it for terraform.io/builtin/terraform. */
    static Schema remoteStateSchema() {
        return schema(BuiltinTerraformSchema.dataAttributes(TerraformRemoteState.TYPE_NAME));
    }

    /** The protocol schema of a built-in type, attributes by name as terraform's schema has them. */
    private static Schema schema(List<BuiltinTerraformSchema.BuiltinAttribute> declared) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        // by name, in a TreeMap rather than a sorted stream of lambdas: each lambda call site costs every
        // CLI run its bootstrap (#6); the declared names are distinct
        Map<String, BuiltinTerraformSchema.BuiltinAttribute> byName = new java.util.TreeMap<>();
        for (BuiltinTerraformSchema.BuiltinAttribute a : declared) {
            byName.put(a.name(), a);
        }
        for (BuiltinTerraformSchema.BuiltinAttribute a : byName.values()) {
            attrs.put(a.name(), a.description().isEmpty()
                    ? Attribute.of(a.name(), typeExpr(a.type()), a.required(), a.optional(), a.computed())
                    : new Attribute(a.name(), typeExpr(a.type()), null, a.description(),
                            io.capstan.provider.schema.DescriptionKind.MARKDOWN, a.required(), a.optional(),
                            a.computed(), false, false, false, ""));
        }
        return new Schema(0, new Block(attrs, Map.of(), "", null, false, ""));
    }

    private static TypeExpr typeExpr(io.capstan.hcl.value.Type t) {
        return TypeExpr.parse(io.capstan.hcl.value.TypeJson.toJsonString(t).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public GetProviderSchemaResponse getProviderSchema(GetProviderSchemaRequest request) {
        ProviderSchema schema = new ProviderSchema(Schema.empty(), null,
                Map.of(TerraformData.TYPE_NAME, terraformDataSchema()),
                Map.of(TerraformRemoteState.TYPE_NAME, remoteStateSchema()), Map.of(), Map.of(), Map.of(),
                // terraform 1.9+ moves null_resource state into terraform_data (NullResourceMove)
                new io.capstan.provider.schema.ServerCapabilities(false, false, true, false));
        return new GetProviderSchemaResponse(schema, List.of());
    }

    @Override
    public ValidateProviderConfigResponse validateProviderConfig(ValidateProviderConfigRequest request) {
        return new ValidateProviderConfigResponse(request.config(), List.of());
    }

    @Override
    public ValidateResourceConfigResponse validateResourceConfig(ValidateResourceConfigRequest request) {
        List<ProviderDiagnostic> diags = unknownType(request.typeName());
        if (!diags.isEmpty() || request.config() == null) {
            return new ValidateResourceConfigResponse(diags);
        }
        return new ValidateResourceConfigResponse(readOnly(request.typeName(),
                CODEC.decode(request.config(), TerraformData.TYPE)));
    }

    private static final List<String> READ_ONLY = List.of("id", "output");

    /**
     * terraform's own validation of a {@code terraform_data} configuration: {@code id} and
     * {@code output} are the provider's to set (terraform's core sends values for computed-only
     * attributes on to the provider, which rejects them), one error each, without a location; for
     * configurations the engine checks this in core-graph's ValidateWalker, before any call.
     */
    private static List<ProviderDiagnostic> readOnly(String typeName, Value config) {
        if (!TerraformData.TYPE_NAME.equals(typeName) || config == null || config.isNull() || !config.isKnown()) {
            return List.of();
        }
        List<ProviderDiagnostic> out = new java.util.ArrayList<>();
        for (String a : READ_ONLY) {
            Value v = config.attr(a);
            if (v != null && !v.isNull()) {
                out.add(ProviderDiagnostic.error("\"" + a + "\" attribute is read-only", ""));
            }
        }
        return out;
    }

    @Override
    public ValidateDataResourceConfigResponse validateDataResourceConfig(ValidateDataResourceConfigRequest request) {
        return new ValidateDataResourceConfigResponse(TerraformRemoteState.TYPE_NAME.equals(request.typeName())
                ? remoteState.validate(CODEC.decode(request.config(), TerraformRemoteState.TYPE))
                : List.of(notImplemented(request.typeName())));
    }

    @Override
    public UpgradeResourceStateResponse upgradeResourceState(UpgradeResourceStateRequest request) {
        List<ProviderDiagnostic> diags = unknownType(request.typeName());
        if (!diags.isEmpty()) {
            return new UpgradeResourceStateResponse(null, diags);
        }
        try {
            Value v = ValueJson.decode(new String(request.rawState().json(), StandardCharsets.UTF_8), TerraformData.TYPE);
            return new UpgradeResourceStateResponse(CODEC.encode(v, TerraformData.TYPE), List.of());
        } catch (RuntimeException e) {
            return new UpgradeResourceStateResponse(null, List.of(ProviderDiagnostic.error(
                    "Invalid terraform_data state", e.getMessage())));
        }
    }

    @Override
    public ConfigureProviderResponse configureProvider(ConfigureProviderRequest request) {
        return new ConfigureProviderResponse(List.of());
    }

    @Override
    public ReadResourceResponse readResource(ReadResourceRequest request) {
        // terraform_data has no remote object: what was recorded is what exists.
        return new ReadResourceResponse(request.currentState(), unknownType(request.typeName()),
                request.privateData(), null, null);
    }

    @Override
    public PlanResourceChangeResponse planResourceChange(PlanResourceChangeRequest request) {
        List<ProviderDiagnostic> diags = unknownType(request.typeName());
        if (!diags.isEmpty()) {
            return new PlanResourceChangeResponse(null, List.of(), null, diags, false, null, null);
        }
        TerraformData.Planned p = data.plan(CODEC.decode(request.priorState(), TerraformData.TYPE),
                CODEC.decode(request.proposedNewState(), TerraformData.TYPE));
        List<AttributePath> replace = p.requiresReplace().stream()
                .map(a -> new AttributePath(List.of(new PathStep.AttributeName(a)))).toList();
        return new PlanResourceChangeResponse(CODEC.encode(p.state(), TerraformData.TYPE), replace,
                null, List.of(), false, null, null);
    }

    /**
     * {@link #planResourceChange} on values, for the engine's in-process calls: the same answer
     * without encoding MessagePack both ways (as terraform calls its built-in provider with cty
     * values). Null for a type this provider does not serve: ask {@link #planResourceChange}.
     */
    public TerraformData.Planned planValues(String typeName, Value prior, Value proposed) {
        if (!TerraformData.TYPE_NAME.equals(typeName)) {
            return null;
        }
        TerraformData.Planned p = data.plan(asOnTheWire(prior), asOnTheWire(proposed));
        return new TerraformData.Planned(asOnTheWire(p.state()), p.requiresReplace());
    }

    /**
     * {@link #readResource} on values, for the engine's refresh: the object read back is the one
     * recorded (terraform_data has no remote object), as the MessagePack round trip of
     * {@link #readResource} leaves it. Null for a type this provider does not serve. Besides the
     * encoding both ways, this spares a run that talks to no plugin the first use of msgpack-core,
     * whose packer looks up an Android class and so opens every jar of the class path.
     */
    public Value readValues(String typeName, Value prior) {
        return TerraformData.TYPE_NAME.equals(typeName) ? asOnTheWire(prior.unmarkDeep().value()) : null;
    }

    /**
     * Whether {@link #planValues}, {@link #readValues} and {@link #applyValues} serve this managed
     * type in-process (terraform_data). Its deletion then needs no call at all: planning and
     * applying a deletion answer with a null object and no diagnostics.
     */
    public boolean servesValues(String typeName) {
        return TerraformData.TYPE_NAME.equals(typeName);
    }

    /** {@link #applyResourceChange} on values; null for a type this provider does not serve. */
    public Value applyValues(String typeName, Value planned) {
        return TerraformData.TYPE_NAME.equals(typeName) ? asOnTheWire(data.apply(asOnTheWire(planned))) : null;
    }

    /**
     * The object as a MessagePack round trip leaves it, so both paths answer alike: a null in a
     * dynamic attribute is sent as a bare nil and comes back without its type.
     */
    private static Value asOnTheWire(Value v) {
        if (v.isNull() || !v.isKnown()) {
            return v;
        }
        Map<String, Value> out = null;
        for (Map.Entry<String, Value> e : v.entries().entrySet()) {
            Value a = e.getValue();
            if (a.isNull() && a.type() != io.capstan.hcl.value.Type.DYNAMIC
                    && TerraformData.TYPE.attribute(e.getKey()) == io.capstan.hcl.value.Type.DYNAMIC) {
                if (out == null) {
                    out = new LinkedHashMap<>(v.entries());
                }
                out.put(e.getKey(), Value.DYNAMIC_NULL);
            }
        }
        return out == null ? v : Value.object(out);
    }

    @Override
    public ApplyResourceChangeResponse applyResourceChange(ApplyResourceChangeRequest request) {
        List<ProviderDiagnostic> diags = unknownType(request.typeName());
        if (!diags.isEmpty()) {
            return new ApplyResourceChangeResponse(null, null, diags, false, null);
        }
        Value applied = data.apply(CODEC.decode(request.plannedState(), TerraformData.TYPE));
        return new ApplyResourceChangeResponse(CODEC.encode(applied, TerraformData.TYPE), null, List.of(), false, null);
    }

    @Override
    public ImportResourceStateResponse importResourceState(ImportResourceStateRequest request) {
        List<ProviderDiagnostic> diags = unknownType(request.typeName());
        if (!diags.isEmpty()) {
            return new ImportResourceStateResponse(List.of(), diags, null);
        }
        DynamicValue state = CODEC.encode(data.imported(request.id()), TerraformData.TYPE);
        return new ImportResourceStateResponse(
                List.of(new ImportedResource(request.typeName(), state, null, null)), List.of(), null);
    }

    @Override
    public MoveResourceStateResponse moveResourceState(MoveResourceStateRequest request) {
        return NullResourceMove.move(request);
    }

    @Override
    public ReadDataSourceResponse readDataSource(ReadDataSourceRequest request) {
        if (!TerraformRemoteState.TYPE_NAME.equals(request.typeName())) {
            return new ReadDataSourceResponse(null, List.of(notImplemented(request.typeName())), null);
        }
        TerraformRemoteState.Read r = remoteState.read(CODEC.decode(request.config(), TerraformRemoteState.TYPE));
        return new ReadDataSourceResponse(r.state() == null ? null : CODEC.encode(r.state(), TerraformRemoteState.TYPE),
                r.diagnostics(), null);
    }

    @Override
    public GetFunctionsResponse getFunctions(GetFunctionsRequest request) {
        return new GetFunctionsResponse(Map.of(), List.of());
    }

    @Override
    public CallFunctionResponse callFunction(CallFunctionRequest request) {
        return new CallFunctionResponse(null, null, List.of(ProviderDiagnostic.error(
                "Unknown function", "The terraform provider has no function \"" + request.name() + "\".")));
    }

    @Override
    public StopProviderResponse stopProvider(StopProviderRequest request) {
        return new StopProviderResponse("", List.of());
    }

    @Override
    public void close() {
        // nothing to release: no process, no connection
    }

    private static List<ProviderDiagnostic> unknownType(String typeName) {
        if (TerraformData.TYPE_NAME.equals(typeName)) {
            return List.of();
        }
        return List.of(ProviderDiagnostic.error("Unsupported resource type",
                "The terraform provider has no resource type \"" + typeName + "\"."));
    }

    private static ProviderDiagnostic notImplemented(String typeName) {
        return ProviderDiagnostic.error("Unsupported data source",
                "The terraform provider has no data source \"" + typeName + "\".");
    }
}
