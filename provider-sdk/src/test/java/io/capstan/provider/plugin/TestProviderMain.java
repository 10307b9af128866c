package io.capstan.provider.plugin;

import com.google.protobuf.ByteString;
import io.capstan.provider.proto.tfplugin6.CallFunction;
import io.capstan.provider.proto.tfplugin6.FunctionError;
import io.capstan.provider.proto.tfplugin6.GetFunctions;
import io.capstan.provider.proto.tfplugin6.GetProviderSchema;
import io.capstan.provider.proto.tfplugin6.ProviderGrpc;
import io.capstan.provider.proto.tfplugin6.Schema;
import io.capstan.provider.proto.tfplugin6.StopProvider;
import io.capstan.provider.proto.tfplugin6.StringKind;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A minimal provider written against {@link PluginServer}, run as its own JVM by the tests
 * (and by real Terraform in {@code TerraformRunsJavaProviderTest}). It serves protocol 6
 * (schema, functions, stop) and a protocol-5 schema, and misbehaves on request through
 * {@code CAPSTAN_TEST_PROVIDER_MODE}: {@code crash-on-schema} dies in the middle of
 * GetProviderSchema after printing a panic, {@code hang-on-schema} never answers.
 */
public final class TestProviderMain {
    private TestProviderMain() {
    }

    public static void main(String[] args) {
        String mode = System.getenv().getOrDefault("CAPSTAN_TEST_PROVIDER_MODE", "");
        boolean unix = System.getenv().getOrDefault("CAPSTAN_TEST_PROVIDER_NETWORK", "tcp").equals("unix");
        System.err.println("test provider starting (mode=" + mode + ")");
        Map<Integer, List<BindableService>> services = Map.of(
                6, List.of(new Provider6(mode)),
                5, List.of(new Provider5()));
        System.exit(PluginServer.serveUntilShutdown(HandshakeConfig.TERRAFORM, services, unix));
    }

    static ByteString type(String json) {
        return ByteString.copyFrom(json, StandardCharsets.UTF_8);
    }

    static Schema.Attribute attr(String name, String type, boolean required, boolean optional, boolean computed) {
        return Schema.Attribute.newBuilder().setName(name).setType(type(type)).setRequired(required)
                .setOptional(optional).setComputed(computed).build();
    }

    static GetProviderSchema.Response schema6() {
        Schema.Block provider = Schema.Block.newBuilder()
                .addAttributes(attr("endpoint", "\"string\"", false, true, false).toBuilder()
                        .setDescription("Where the **thing** API lives.").setDescriptionKind(StringKind.MARKDOWN))
                .build();
        Schema.Block thing = Schema.Block.newBuilder()
                .addAttributes(attr("id", "\"string\"", false, false, true))
                .addAttributes(attr("name", "\"string\"", true, false, false))
                .addAttributes(attr("labels", "[\"map\",\"string\"]", false, true, false))
                .addAttributes(attr("secret", "\"string\"", false, true, false).toBuilder().setSensitive(true))
                .addAttributes(Schema.Attribute.newBuilder().setName("rules").setOptional(true)
                        .setNestedType(Schema.Object.newBuilder().setNesting(Schema.Object.NestingMode.LIST)
                                .addAttributes(attr("port", "\"number\"", true, false, false))
                                .addAttributes(attr("cidrs", "[\"set\",\"string\"]", false, true, false))))
                .addBlockTypes(Schema.NestedBlock.newBuilder().setTypeName("timeouts")
                        .setNesting(Schema.NestedBlock.NestingMode.SINGLE)
                        .setBlock(Schema.Block.newBuilder().addAttributes(attr("create", "\"string\"", false, true, false))))
                .setDescription("A thing.")
                .build();
        return GetProviderSchema.Response.newBuilder()
                .setProvider(Schema.newBuilder().setBlock(provider))
                .putResourceSchemas("capstan_thing", Schema.newBuilder().setVersion(2).setBlock(thing).build())
                .putDataSourceSchemas("capstan_thing", Schema.newBuilder().setBlock(Schema.Block.newBuilder()
                        .addAttributes(attr("name", "\"string\"", true, false, false))
                        .addAttributes(attr("id", "\"string\"", false, false, true))).build())
                .putFunctions("echo", echoFunction())
                .build();
    }

    static io.capstan.provider.proto.tfplugin6.Function echoFunction() {
        return io.capstan.provider.proto.tfplugin6.Function.newBuilder()
                .addParameters(io.capstan.provider.proto.tfplugin6.Function.Parameter.newBuilder()
                        .setName("value").setType(type("\"dynamic\"")).setDescription("Any value."))
                .setReturn(io.capstan.provider.proto.tfplugin6.Function.Return.newBuilder().setType(type("\"dynamic\"")))
                .setSummary("Returns its argument").build();
    }

    static final class Provider6 extends ProviderGrpc.ProviderImplBase {
        private final String mode;

        Provider6(String mode) {
            this.mode = mode;
        }

        @Override
        public void getProviderSchema(GetProviderSchema.Request request,
                                      StreamObserver<GetProviderSchema.Response> response) {
            if (mode.equals("crash-on-schema")) {
                System.err.println("panic: test provider crashed in GetProviderSchema");
                System.err.println("goroutine 1 [running]: (a fake stack trace line)");
                System.err.flush();
                Runtime.getRuntime().halt(2);
            }
            if (mode.equals("hang-on-schema")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            response.onNext(schema6());
            response.onCompleted();
        }

        @Override
        public void getFunctions(GetFunctions.Request request, StreamObserver<GetFunctions.Response> response) {
            response.onNext(GetFunctions.Response.newBuilder().putFunctions("echo", echoFunction()).build());
            response.onCompleted();
        }

        @Override
        public void callFunction(CallFunction.Request request, StreamObserver<CallFunction.Response> response) {
            CallFunction.Response.Builder r = CallFunction.Response.newBuilder();
            if (!request.getName().equals("echo") || request.getArgumentsCount() != 1) {
                r.setError(FunctionError.newBuilder().setText("echo takes exactly one argument")
                        .setFunctionArgument(Math.max(0, request.getArgumentsCount() - 1)));
            } else {
                r.setResult(request.getArguments(0));
            }
            response.onNext(r.build());
            response.onCompleted();
        }

        @Override
        public void stopProvider(StopProvider.Request request, StreamObserver<StopProvider.Response> response) {
            response.onNext(StopProvider.Response.getDefaultInstance());
            response.onCompleted();
        }
    }

    /** Protocol 5: only the schema, to check version negotiation and the tfplugin5 decoder. */
    static final class Provider5 extends io.capstan.provider.proto.tfplugin5.ProviderGrpc.ProviderImplBase {
        @Override
        public void getSchema(io.capstan.provider.proto.tfplugin5.GetProviderSchema.Request request,
                              StreamObserver<io.capstan.provider.proto.tfplugin5.GetProviderSchema.Response> response) {
            var block = io.capstan.provider.proto.tfplugin5.Schema.Block.newBuilder()
                    .addAttributes(io.capstan.provider.proto.tfplugin5.Schema.Attribute.newBuilder()
                            .setName("name").setType(type("\"string\"")).setRequired(true).setWriteOnly(true));
            response.onNext(io.capstan.provider.proto.tfplugin5.GetProviderSchema.Response.newBuilder()
                    .setProvider(io.capstan.provider.proto.tfplugin5.Schema.getDefaultInstance())
                    .putResourceSchemas("capstan_thing",
                            io.capstan.provider.proto.tfplugin5.Schema.newBuilder().setBlock(block).build())
                    .build());
            response.onCompleted();
        }
    }
}
