package io.capstan.provider.client.internal;

import static io.capstan.provider.client.internal.Wire6.bytes;
import static io.capstan.provider.client.internal.Wire6.deferred;
import static io.capstan.provider.client.internal.Wire6.diagnostics;
import static io.capstan.provider.client.internal.Wire6.toProto;
import static io.capstan.provider.client.internal.Wire6.value;

import io.capstan.provider.client.*;
import io.capstan.provider.proto.tfplugin6.ProviderGrpc;
import io.capstan.provider.proto.tfplugin6.ResourceIdentityData;
import io.capstan.provider.proto.tfplugin6.StopProvider;
import io.grpc.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** {@link ProviderClient} over protocol 6 (tfplugin6.Provider). */
public final class GrpcProviderClient6 implements ProviderClient {
    private final Channel channel;
    private final CallFailures failures;
    private final Duration timeout;

    public GrpcProviderClient6(Channel channel, CallFailures failures, Duration callTimeout) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.timeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** Each call's events run on the network thread and wake the caller once ({@link Unary}). */
    private ProviderGrpc.ProviderFutureStub stub() {
        return ProviderGrpc.newFutureStub(channel).withExecutor(Unary.DIRECT)
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String providerName() {
        return failures.providerName();
    }

    @Override
    public GetProviderSchemaResponse getProviderSchema(GetProviderSchemaRequest request) {
        return failures.call("GetProviderSchema", () -> {
            var r = Unary.get(stub().getProviderSchema(
                    io.capstan.provider.proto.tfplugin6.GetProviderSchema.Request.getDefaultInstance()));
            return new GetProviderSchemaResponse(Schemas6.decode(r), diagnostics(r.getDiagnosticsList()));
        }, d -> new GetProviderSchemaResponse(null, d));
    }

    @Override
    public ValidateProviderConfigResponse validateProviderConfig(ValidateProviderConfigRequest request) {
        return failures.call("ValidateProviderConfig", () -> {
            var r = Unary.get(stub().validateProviderConfig(io.capstan.provider.proto.tfplugin6.ValidateProviderConfig.Request
                    .newBuilder().setConfig(toProto(request.config())).build()));
            return new ValidateProviderConfigResponse(null, diagnostics(r.getDiagnosticsList()));
        }, d -> new ValidateProviderConfigResponse(null, d));
    }

    @Override
    public ValidateResourceConfigResponse validateResourceConfig(ValidateResourceConfigRequest request) {
        return failures.call("ValidateResourceConfig", () -> {
            var b = io.capstan.provider.proto.tfplugin6.ValidateResourceConfig.Request.newBuilder()
                    .setTypeName(request.typeName()).setConfig(toProto(request.config()));
            if (request.clientCapabilities() != null) {
                b.setClientCapabilities(toProto(request.clientCapabilities()));
            }
            var r = Unary.get(stub().validateResourceConfig(b.build()));
            return new ValidateResourceConfigResponse(diagnostics(r.getDiagnosticsList()));
        }, ValidateResourceConfigResponse::new);
    }

    @Override
    public ValidateDataResourceConfigResponse validateDataResourceConfig(ValidateDataResourceConfigRequest request) {
        return failures.call("ValidateDataResourceConfig", () -> {
            var r = Unary.get(stub().validateDataResourceConfig(io.capstan.provider.proto.tfplugin6.ValidateDataResourceConfig
                    .Request.newBuilder().setTypeName(request.typeName()).setConfig(toProto(request.config())).build()));
            return new ValidateDataResourceConfigResponse(diagnostics(r.getDiagnosticsList()));
        }, ValidateDataResourceConfigResponse::new);
    }

    @Override
    public UpgradeResourceStateResponse upgradeResourceState(UpgradeResourceStateRequest request) {
        return failures.call("UpgradeResourceState", () -> {
            var r = Unary.get(stub().upgradeResourceState(io.capstan.provider.proto.tfplugin6.UpgradeResourceState.Request
                    .newBuilder().setTypeName(request.typeName()).setVersion(request.version())
                    .setRawState(toProto(request.rawState())).build()));
            return new UpgradeResourceStateResponse(value(r.hasUpgradedState(), r.getUpgradedState()),
                    diagnostics(r.getDiagnosticsList()));
        }, d -> new UpgradeResourceStateResponse(null, d));
    }

    @Override
    public ConfigureProviderResponse configureProvider(ConfigureProviderRequest request) {
        return failures.call("ConfigureProvider", () -> {
            var b = io.capstan.provider.proto.tfplugin6.ConfigureProvider.Request.newBuilder()
                    .setTerraformVersion(request.terraformVersion()).setConfig(toProto(request.config()));
            if (request.clientCapabilities() != null) {
                b.setClientCapabilities(toProto(request.clientCapabilities()));
            }
            return new ConfigureProviderResponse(diagnostics(Unary.get(stub().configureProvider(b.build())).getDiagnosticsList()));
        }, ConfigureProviderResponse::new);
    }

    @Override
    public ReadResourceResponse readResource(ReadResourceRequest request) {
        return failures.call("ReadResource", () -> {
            var b = io.capstan.provider.proto.tfplugin6.ReadResource.Request.newBuilder()
                    .setTypeName(request.typeName()).setCurrentState(toProto(request.currentState()))
                    .setPrivate(bytes(request.privateData()));
            if (request.providerMeta() != null) {
                b.setProviderMeta(toProto(request.providerMeta()));
            }
            if (request.clientCapabilities() != null) {
                b.setClientCapabilities(toProto(request.clientCapabilities()));
            }
            if (request.currentIdentity() != null) {
                b.setCurrentIdentity(identity(request.currentIdentity()));
            }
            var r = Unary.get(stub().readResource(b.build()));
            return new ReadResourceResponse(value(r.hasNewState(), r.getNewState()), diagnostics(r.getDiagnosticsList()),
                    r.getPrivate().toByteArray(), deferred(r.hasDeferred(), r.getDeferred()),
                    value(r.hasNewIdentity(), r.getNewIdentity().getIdentityData()));
        }, d -> new ReadResourceResponse(null, d, null, null, null));
    }

    @Override
    public PlanResourceChangeResponse planResourceChange(PlanResourceChangeRequest request) {
        return failures.call("PlanResourceChange", () -> {
            var b = io.capstan.provider.proto.tfplugin6.PlanResourceChange.Request.newBuilder()
                    .setTypeName(request.typeName()).setPriorState(toProto(request.priorState()))
                    .setProposedNewState(toProto(request.proposedNewState())).setConfig(toProto(request.config()))
                    .setPriorPrivate(bytes(request.priorPrivate()));
            if (request.providerMeta() != null) {
                b.setProviderMeta(toProto(request.providerMeta()));
            }
            if (request.clientCapabilities() != null) {
                b.setClientCapabilities(toProto(request.clientCapabilities()));
            }
            if (request.priorIdentity() != null) {
                b.setPriorIdentity(identity(request.priorIdentity()));
            }
            var r = Unary.get(stub().planResourceChange(b.build()));
            return new PlanResourceChangeResponse(value(r.hasPlannedState(), r.getPlannedState()),
                    Wire6.paths(r.getRequiresReplaceList()), r.getPlannedPrivate().toByteArray(),
                    diagnostics(r.getDiagnosticsList()), r.getLegacyTypeSystem(),
                    deferred(r.hasDeferred(), r.getDeferred()),
                    value(r.hasPlannedIdentity(), r.getPlannedIdentity().getIdentityData()));
        }, d -> new PlanResourceChangeResponse(null, null, null, d, false, null, null));
    }

    @Override
    public ApplyResourceChangeResponse applyResourceChange(ApplyResourceChangeRequest request) {
        return failures.call("ApplyResourceChange", () -> {
            var b = io.capstan.provider.proto.tfplugin6.ApplyResourceChange.Request.newBuilder()
                    .setTypeName(request.typeName()).setPriorState(toProto(request.priorState()))
                    .setPlannedState(toProto(request.plannedState())).setConfig(toProto(request.config()))
                    .setPlannedPrivate(bytes(request.plannedPrivate()));
            if (request.providerMeta() != null) {
                b.setProviderMeta(toProto(request.providerMeta()));
            }
            if (request.plannedIdentity() != null) {
                b.setPlannedIdentity(identity(request.plannedIdentity()));
            }
            var r = Unary.get(stub().applyResourceChange(b.build()));
            return new ApplyResourceChangeResponse(value(r.hasNewState(), r.getNewState()), r.getPrivate().toByteArray(),
                    diagnostics(r.getDiagnosticsList()), r.getLegacyTypeSystem(),
                    value(r.hasNewIdentity(), r.getNewIdentity().getIdentityData()));
        }, d -> new ApplyResourceChangeResponse(null, null, d, false, null));
    }

    @Override
    public ImportResourceStateResponse importResourceState(ImportResourceStateRequest request) {
        return failures.call("ImportResourceState", () -> {
            var b = io.capstan.provider.proto.tfplugin6.ImportResourceState.Request.newBuilder()
                    .setTypeName(request.typeName()).setId(request.id() == null ? "" : request.id());
            if (request.clientCapabilities() != null) {
                b.setClientCapabilities(toProto(request.clientCapabilities()));
            }
            if (request.identity() != null) {
                b.setIdentity(identity(request.identity()));
            }
            var r = Unary.get(stub().importResourceState(b.build()));
            List<ImportedResource> imported = new ArrayList<>();
            for (var ir : r.getImportedResourcesList()) {
                imported.add(new ImportedResource(ir.getTypeName(), value(ir.hasState(), ir.getState()),
                        ir.getPrivate().toByteArray(), value(ir.hasIdentity(), ir.getIdentity().getIdentityData())));
            }
            return new ImportResourceStateResponse(imported, diagnostics(r.getDiagnosticsList()),
                    deferred(r.hasDeferred(), r.getDeferred()));
        }, d -> new ImportResourceStateResponse(null, d, null));
    }

    @Override
    public MoveResourceStateResponse moveResourceState(MoveResourceStateRequest request) {
        return failures.call("MoveResourceState", () -> {
            var b = io.capstan.provider.proto.tfplugin6.MoveResourceState.Request.newBuilder()
                    .setSourceProviderAddress(request.sourceProviderAddress())
                    .setSourceTypeName(request.sourceTypeName())
                    .setSourceSchemaVersion(request.sourceSchemaVersion())
                    .setSourceState(toProto(request.sourceState()))
                    .setTargetTypeName(request.targetTypeName())
                    .setSourcePrivate(bytes(request.sourcePrivate()))
                    .setSourceIdentitySchemaVersion(request.sourceIdentitySchemaVersion());
            if (request.sourceIdentity() != null) {
                b.setSourceIdentity(toProto(request.sourceIdentity()));
            }
            var r = Unary.get(stub().moveResourceState(b.build()));
            return new MoveResourceStateResponse(value(r.hasTargetState(), r.getTargetState()),
                    diagnostics(r.getDiagnosticsList()), r.getTargetPrivate().toByteArray(),
                    value(r.hasTargetIdentity(), r.getTargetIdentity().getIdentityData()));
        }, d -> new MoveResourceStateResponse(null, d, null, null));
    }

    @Override
    public ReadDataSourceResponse readDataSource(ReadDataSourceRequest request) {
        return failures.call("ReadDataSource", () -> {
            var b = io.capstan.provider.proto.tfplugin6.ReadDataSource.Request.newBuilder()
                    .setTypeName(request.typeName()).setConfig(toProto(request.config()));
            if (request.providerMeta() != null) {
                b.setProviderMeta(toProto(request.providerMeta()));
            }
            if (request.clientCapabilities() != null) {
                b.setClientCapabilities(toProto(request.clientCapabilities()));
            }
            var r = Unary.get(stub().readDataSource(b.build()));
            return new ReadDataSourceResponse(value(r.hasState(), r.getState()), diagnostics(r.getDiagnosticsList()),
                    deferred(r.hasDeferred(), r.getDeferred()));
        }, d -> new ReadDataSourceResponse(null, d, null));
    }

    @Override
    public GetFunctionsResponse getFunctions(GetFunctionsRequest request) {
        return failures.call("GetFunctions", () -> {
            var r = Unary.get(stub().getFunctions(io.capstan.provider.proto.tfplugin6.GetFunctions.Request.getDefaultInstance()));
            return new GetFunctionsResponse(Schemas6.functions(r.getFunctionsMap()), diagnostics(r.getDiagnosticsList()));
        }, d -> new GetFunctionsResponse(null, d));
    }

    @Override
    public CallFunctionResponse callFunction(CallFunctionRequest request) {
        return failures.call("CallFunction", () -> {
            var b = io.capstan.provider.proto.tfplugin6.CallFunction.Request.newBuilder().setName(request.name());
            request.arguments().forEach(a -> b.addArguments(toProto(a)));
            var r = Unary.get(stub().callFunction(b.build()));
            return Functions.response(value(r.hasResult(), r.getResult()), r.hasError(), r.getError(), request.name());
        }, d -> new CallFunctionResponse(null, null, d));
    }

    @Override
    public StopProviderResponse stopProvider(StopProviderRequest request) {
        return failures.call("StopProvider", () -> {
            var r = Unary.get(stub().stopProvider(StopProvider.Request.getDefaultInstance()));
            return Functions.stopResponse(r.getError(), providerName());
        }, d -> new StopProviderResponse(null, d));
    }

    @Override
    public void close() {
        // The channel belongs to the plugin process; PluginProviderClient closes both.
    }

    private static ResourceIdentityData identity(DynamicValue v) {
        return ResourceIdentityData.newBuilder().setIdentityData(toProto(v)).build();
    }
}
