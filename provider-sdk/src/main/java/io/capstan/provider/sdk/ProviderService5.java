package io.capstan.provider.sdk;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.capstan.provider.proto.tfplugin5.ApplyResourceChange;
import io.capstan.provider.proto.tfplugin5.Configure;
import io.capstan.provider.proto.tfplugin5.GetProviderSchema;
import io.capstan.provider.proto.tfplugin5.ImportResourceState;
import io.capstan.provider.proto.tfplugin5.MoveResourceState;
import io.capstan.provider.proto.tfplugin5.PlanResourceChange;
import io.capstan.provider.proto.tfplugin5.PrepareProviderConfig;
import io.capstan.provider.proto.tfplugin5.ProviderGrpc;
import io.capstan.provider.proto.tfplugin5.ReadDataSource;
import io.capstan.provider.proto.tfplugin5.ReadResource;
import io.capstan.provider.proto.tfplugin5.Stop;
import io.capstan.provider.proto.tfplugin5.UpgradeResourceState;
import io.capstan.provider.proto.tfplugin5.ValidateDataSourceConfig;
import io.capstan.provider.proto.tfplugin5.ValidateResourceTypeConfig;
import io.capstan.provider.proto.tfplugin6.ValidateProviderConfig;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The tfplugin5 {@code Provider} service for hosts that only speak protocol 5. The messages
 * an SDK provider uses are wire-identical between the versions (same field numbers), so each
 * call is re-read as its tfplugin6 twin, served by {@link ProviderService6}, and the answer
 * re-read as the tfplugin5 message. Only PrepareProviderConfig has a different shape.
 */
public final class ProviderService5 extends ProviderGrpc.ProviderImplBase {
    private final ProviderService6 v6;

    public ProviderService5(ProviderService6 v6) {
        this.v6 = Objects.requireNonNull(v6, "v6");
    }

    private static <T> T reparse(MessageLite m, Parser<T> parser) {
        try {
            return parser.parseFrom(m.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("tfplugin5/6 messages are expected to be wire-compatible", e);
        }
    }

    /** Serves a protocol-5 call through the protocol-6 implementation of its twin. */
    private static <Q6, R6 extends MessageLite, R5> void via(MessageLite request, Parser<Q6> request6,
                                                              BiConsumer<Q6, StreamObserver<R6>> call,
                                                              Parser<R5> response5, StreamObserver<R5> out) {
        call.accept(reparse(request, request6), new StreamObserver<>() {
            @Override
            public void onNext(R6 value) {
                out.onNext(reparse(value, response5));
            }

            @Override
            public void onError(Throwable t) {
                out.onError(t);
            }

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        });
    }

    @Override
    public void getSchema(GetProviderSchema.Request request, StreamObserver<GetProviderSchema.Response> out) {
        out.onNext(reparse(v6.schema(), GetProviderSchema.Response.parser()));
        out.onCompleted();
    }

    @Override
    public void getFunctions(io.capstan.provider.proto.tfplugin5.GetFunctions.Request request,
                             StreamObserver<io.capstan.provider.proto.tfplugin5.GetFunctions.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.GetFunctions.Request.parser(), v6::getFunctions,
                io.capstan.provider.proto.tfplugin5.GetFunctions.Response.parser(), out);
    }

    @Override
    public void callFunction(io.capstan.provider.proto.tfplugin5.CallFunction.Request request,
                             StreamObserver<io.capstan.provider.proto.tfplugin5.CallFunction.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.CallFunction.Request.parser(), v6::callFunction,
                io.capstan.provider.proto.tfplugin5.CallFunction.Response.parser(), out);
    }

    @Override
    public void prepareProviderConfig(PrepareProviderConfig.Request request,
                                      StreamObserver<PrepareProviderConfig.Response> out) {
        var r = v6.validateProvider(reparse(request, ValidateProviderConfig.Request.parser()));
        var b = PrepareProviderConfig.Response.newBuilder();
        r.diagnostics().forEach(d -> b.addDiagnostics(reparse(Proto6.diagnostic(d),
                io.capstan.provider.proto.tfplugin5.Diagnostic.parser())));
        if (request.hasConfig()) {
            b.setPreparedConfig(request.getConfig());
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    @Override
    public void validateResourceTypeConfig(ValidateResourceTypeConfig.Request request,
                                           StreamObserver<ValidateResourceTypeConfig.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.ValidateResourceConfig.Request.parser(),
                v6::validateResourceConfig, ValidateResourceTypeConfig.Response.parser(), out);
    }

    @Override
    public void validateDataSourceConfig(ValidateDataSourceConfig.Request request,
                                         StreamObserver<ValidateDataSourceConfig.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.ValidateDataResourceConfig.Request.parser(),
                v6::validateDataResourceConfig, ValidateDataSourceConfig.Response.parser(), out);
    }

    @Override
    public void upgradeResourceState(UpgradeResourceState.Request request,
                                     StreamObserver<UpgradeResourceState.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.UpgradeResourceState.Request.parser(),
                v6::upgradeResourceState, UpgradeResourceState.Response.parser(), out);
    }

    @Override
    public void configure(Configure.Request request, StreamObserver<Configure.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.ConfigureProvider.Request.parser(),
                v6::configureProvider, Configure.Response.parser(), out);
    }

    @Override
    public void readResource(ReadResource.Request request, StreamObserver<ReadResource.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.ReadResource.Request.parser(),
                v6::readResource, ReadResource.Response.parser(), out);
    }

    @Override
    public void planResourceChange(PlanResourceChange.Request request, StreamObserver<PlanResourceChange.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.PlanResourceChange.Request.parser(),
                v6::planResourceChange, PlanResourceChange.Response.parser(), out);
    }

    @Override
    public void applyResourceChange(ApplyResourceChange.Request request,
                                    StreamObserver<ApplyResourceChange.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.ApplyResourceChange.Request.parser(),
                v6::applyResourceChange, ApplyResourceChange.Response.parser(), out);
    }

    @Override
    public void importResourceState(ImportResourceState.Request request,
                                    StreamObserver<ImportResourceState.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.ImportResourceState.Request.parser(),
                v6::importResourceState, ImportResourceState.Response.parser(), out);
    }

    @Override
    public void moveResourceState(MoveResourceState.Request request, StreamObserver<MoveResourceState.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.MoveResourceState.Request.parser(),
                v6::moveResourceState, MoveResourceState.Response.parser(), out);
    }

    @Override
    public void readDataSource(ReadDataSource.Request request, StreamObserver<ReadDataSource.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.ReadDataSource.Request.parser(),
                v6::readDataSource, ReadDataSource.Response.parser(), out);
    }

    @Override
    public void stop(Stop.Request request, StreamObserver<Stop.Response> out) {
        via(request, io.capstan.provider.proto.tfplugin6.StopProvider.Request.parser(),
                v6::stopProvider, Stop.Response.parser(), out);
    }
}
