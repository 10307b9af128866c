package io.capstan.provider.sdk;

import static io.capstan.provider.sdk.Proto6.bytes;
import static io.capstan.provider.sdk.Proto6.diagnostics;
import static io.capstan.provider.sdk.Proto6.toProto;
import static io.capstan.provider.sdk.Proto6.value;

import io.capstan.provider.client.*;
import io.capstan.provider.proto.tfplugin6.ApplyResourceChange;
import io.capstan.provider.proto.tfplugin6.ConfigureProvider;
import io.capstan.provider.proto.tfplugin6.GetProviderSchema;
import io.capstan.provider.proto.tfplugin6.ImportResourceState;
import io.capstan.provider.proto.tfplugin6.MoveResourceState;
import io.capstan.provider.proto.tfplugin6.PlanResourceChange;
import io.capstan.provider.proto.tfplugin6.ProviderGrpc;
import io.capstan.provider.proto.tfplugin6.ReadDataSource;
import io.capstan.provider.proto.tfplugin6.ReadResource;
import io.capstan.provider.proto.tfplugin6.StopProvider;
import io.capstan.provider.proto.tfplugin6.UpgradeResourceState;
import io.capstan.provider.proto.tfplugin6.ValidateDataResourceConfig;
import io.capstan.provider.proto.tfplugin6.ValidateProviderConfig;
import io.capstan.provider.proto.tfplugin6.ValidateResourceConfig;
import io.grpc.stub.StreamObserver;
import java.util.Objects;

/**
 * The tfplugin6 {@code Provider} gRPC service in front of a {@link ProviderClient} (normally
 * an {@link SdkProvider}): each call's message is turned into Capstan's request record and
 * the response record back into a message. Protocol 5 reuses these conversions
 * ({@link ProviderService5}).
 */
public final class ProviderService6 extends ProviderGrpc.ProviderImplBase {
    private final ProviderClient provider;
    private volatile GetProviderSchema.Response schema;

    public ProviderService6(ProviderClient provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    private static <T> void reply(StreamObserver<T> out, T message) {
        out.onNext(message);
        out.onCompleted();
    }

    GetProviderSchema.Response schema() {
        GetProviderSchema.Response s = schema;
        if (s == null) {
            GetProviderSchemaResponse r = provider.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            s = r.schema() == null ? GetProviderSchema.Response.newBuilder()
                    .addAllDiagnostics(diagnostics(r.diagnostics())).build()
                    : Proto6.schema(r.schema()).toBuilder().addAllDiagnostics(diagnostics(r.diagnostics())).build();
            schema = s;
        }
        return s;
    }

    @Override
    public void getProviderSchema(GetProviderSchema.Request request, StreamObserver<GetProviderSchema.Response> out) {
        reply(out, schema());
    }

    @Override
    public void getFunctions(io.capstan.provider.proto.tfplugin6.GetFunctions.Request request,
                             StreamObserver<io.capstan.provider.proto.tfplugin6.GetFunctions.Response> out) {
        reply(out, FunctionProto.getFunctions(provider));
    }

    @Override
    public void callFunction(io.capstan.provider.proto.tfplugin6.CallFunction.Request request,
                             StreamObserver<io.capstan.provider.proto.tfplugin6.CallFunction.Response> out) {
        reply(out, FunctionProto.callFunction(provider, request));
    }

    ValidateProviderConfigResponse validateProvider(ValidateProviderConfig.Request request) {
        return provider.validateProviderConfig(new ValidateProviderConfigRequest(
                value(request.hasConfig(), request.getConfig())));
    }

    @Override
    public void validateProviderConfig(ValidateProviderConfig.Request request,
                                       StreamObserver<ValidateProviderConfig.Response> out) {
        reply(out, ValidateProviderConfig.Response.newBuilder()
                .addAllDiagnostics(diagnostics(validateProvider(request).diagnostics())).build());
    }

    @Override
    public void validateResourceConfig(ValidateResourceConfig.Request request,
                                       StreamObserver<ValidateResourceConfig.Response> out) {
        var r = provider.validateResourceConfig(new ValidateResourceConfigRequest(request.getTypeName(),
                value(request.hasConfig(), request.getConfig()), null));
        reply(out, ValidateResourceConfig.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics())).build());
    }

    @Override
    public void validateDataResourceConfig(ValidateDataResourceConfig.Request request,
                                           StreamObserver<ValidateDataResourceConfig.Response> out) {
        var r = provider.validateDataResourceConfig(new ValidateDataResourceConfigRequest(request.getTypeName(),
                value(request.hasConfig(), request.getConfig())));
        reply(out, ValidateDataResourceConfig.Response.newBuilder()
                .addAllDiagnostics(diagnostics(r.diagnostics())).build());
    }

    @Override
    public void upgradeResourceState(UpgradeResourceState.Request request,
                                     StreamObserver<UpgradeResourceState.Response> out) {
        var r = provider.upgradeResourceState(new UpgradeResourceStateRequest(request.getTypeName(),
                request.getVersion(), Proto6.rawState(request.getRawState())));
        var b = UpgradeResourceState.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics()));
        if (r.upgradedState() != null) {
            b.setUpgradedState(toProto(r.upgradedState()));
        }
        reply(out, b.build());
    }

    @Override
    public void configureProvider(ConfigureProvider.Request request, StreamObserver<ConfigureProvider.Response> out) {
        var r = provider.configureProvider(new ConfigureProviderRequest(request.getTerraformVersion(),
                value(request.hasConfig(), request.getConfig()), null));
        reply(out, ConfigureProvider.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics())).build());
    }

    @Override
    public void readResource(ReadResource.Request request, StreamObserver<ReadResource.Response> out) {
        var r = provider.readResource(new ReadResourceRequest(request.getTypeName(),
                value(request.hasCurrentState(), request.getCurrentState()), request.getPrivate().toByteArray(),
                value(request.hasProviderMeta(), request.getProviderMeta()), null, null));
        var b = ReadResource.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics()))
                .setPrivate(bytes(r.privateData()));
        if (r.newState() != null) {
            b.setNewState(toProto(r.newState()));
        }
        reply(out, b.build());
    }

    @Override
    public void planResourceChange(PlanResourceChange.Request request, StreamObserver<PlanResourceChange.Response> out) {
        var r = provider.planResourceChange(new PlanResourceChangeRequest(request.getTypeName(),
                value(request.hasPriorState(), request.getPriorState()),
                value(request.hasProposedNewState(), request.getProposedNewState()),
                value(request.hasConfig(), request.getConfig()), request.getPriorPrivate().toByteArray(),
                value(request.hasProviderMeta(), request.getProviderMeta()), null, null));
        var b = PlanResourceChange.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics()))
                .setPlannedPrivate(bytes(r.plannedPrivate()));
        if (r.plannedState() != null) {
            b.setPlannedState(toProto(r.plannedState()));
        }
        r.requiresReplace().forEach(p -> b.addRequiresReplace(Proto6.path(p)));
        reply(out, b.build());
    }

    @Override
    public void applyResourceChange(ApplyResourceChange.Request request,
                                    StreamObserver<ApplyResourceChange.Response> out) {
        var r = provider.applyResourceChange(new ApplyResourceChangeRequest(request.getTypeName(),
                value(request.hasPriorState(), request.getPriorState()),
                value(request.hasPlannedState(), request.getPlannedState()),
                value(request.hasConfig(), request.getConfig()), request.getPlannedPrivate().toByteArray(),
                value(request.hasProviderMeta(), request.getProviderMeta()), null));
        var b = ApplyResourceChange.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics()))
                .setPrivate(bytes(r.privateData()));
        if (r.newState() != null) {
            b.setNewState(toProto(r.newState()));
        }
        reply(out, b.build());
    }

    @Override
    public void importResourceState(ImportResourceState.Request request,
                                    StreamObserver<ImportResourceState.Response> out) {
        var r = provider.importResourceState(new ImportResourceStateRequest(request.getTypeName(), request.getId(),
                null, null));
        var b = ImportResourceState.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics()));
        for (ImportedResource i : r.importedResources()) {
            b.addImportedResources(ImportResourceState.ImportedResource.newBuilder().setTypeName(i.typeName())
                    .setState(toProto(i.state())).setPrivate(bytes(i.privateData())));
        }
        reply(out, b.build());
    }

    @Override
    public void moveResourceState(MoveResourceState.Request request, StreamObserver<MoveResourceState.Response> out) {
        var r = provider.moveResourceState(new MoveResourceStateRequest(request.getSourceProviderAddress(),
                request.getSourceTypeName(), request.getSourceSchemaVersion(),
                Proto6.rawState(request.getSourceState()), request.getTargetTypeName(),
                request.getSourcePrivate().toByteArray(), null, request.getSourceIdentitySchemaVersion()));
        var b = MoveResourceState.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics()))
                .setTargetPrivate(bytes(r.targetPrivate()));
        if (r.targetState() != null) {
            b.setTargetState(toProto(r.targetState()));
        }
        reply(out, b.build());
    }

    @Override
    public void readDataSource(ReadDataSource.Request request, StreamObserver<ReadDataSource.Response> out) {
        var r = provider.readDataSource(new ReadDataSourceRequest(request.getTypeName(),
                value(request.hasConfig(), request.getConfig()),
                value(request.hasProviderMeta(), request.getProviderMeta()), null));
        var b = ReadDataSource.Response.newBuilder().addAllDiagnostics(diagnostics(r.diagnostics()));
        if (r.state() != null) {
            b.setState(toProto(r.state()));
        }
        reply(out, b.build());
    }

    @Override
    public void stopProvider(StopProvider.Request request, StreamObserver<StopProvider.Response> out) {
        var r = provider.stopProvider(StopProviderRequest.INSTANCE);
        reply(out, StopProvider.Response.newBuilder().setError(r.error() == null ? "" : r.error()).build());
    }
}
