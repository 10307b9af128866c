package io.capstan.provider.bench;

import com.google.protobuf.ByteString;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.MsgpackValues;
import io.capstan.provider.plugin.HandshakeConfig;
import io.capstan.provider.plugin.PluginServer;
import io.capstan.provider.proto.tfplugin6.DynamicValue;
import io.capstan.provider.proto.tfplugin6.GetProviderSchema;
import io.capstan.provider.proto.tfplugin6.PlanResourceChange;
import io.capstan.provider.proto.tfplugin6.ProviderGrpc;
import io.capstan.provider.proto.tfplugin6.Schema;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Java provider for the round-trip benchmark: one resource, {@code bench_thing}, whose
 * PlanResourceChange decodes the proposed state with the wire codec, marks {@code id}
 * unknown on create and encodes the plan, i.e. the work any Java provider does per call.
 */
public final class BenchProviderMain {
    static final ObjectType TYPE = Type.object(Map.of("id", Type.STRING, "name", Type.STRING,
            "tags", Type.map(Type.STRING)));

    private BenchProviderMain() {
    }

    public static void main(String[] args) {
        System.exit(PluginServer.serveUntilShutdown(HandshakeConfig.TERRAFORM, Map.of(6, List.of(new Provider())), true));
    }

    static Schema.Attribute attr(String name, String type, boolean required, boolean computed) {
        return Schema.Attribute.newBuilder().setName(name).setType(ByteString.copyFrom(type, StandardCharsets.UTF_8))
                .setRequired(required).setOptional(!required && !computed).setComputed(computed).build();
    }

    static final class Provider extends ProviderGrpc.ProviderImplBase {
        @Override
        public void getProviderSchema(GetProviderSchema.Request request, StreamObserver<GetProviderSchema.Response> r) {
            r.onNext(GetProviderSchema.Response.newBuilder()
                    .setProvider(Schema.newBuilder().setBlock(Schema.Block.getDefaultInstance()))
                    .putResourceSchemas("bench_thing", Schema.newBuilder().setBlock(Schema.Block.newBuilder()
                            .addAttributes(attr("id", "\"string\"", false, true))
                            .addAttributes(attr("name", "\"string\"", true, false))
                            .addAttributes(attr("tags", "[\"map\",\"string\"]", false, false))).build())
                    .build());
            r.onCompleted();
        }

        @Override
        public void planResourceChange(PlanResourceChange.Request request, StreamObserver<PlanResourceChange.Response> r) {
            Value proposed = MsgpackValues.decode(request.getProposedNewState().getMsgpack().toByteArray(), TYPE);
            Map<String, Value> attrs = new TreeMap<>(proposed.entries());
            if (attrs.get("id").isNull()) {
                attrs.put("id", Value.unknown(Type.STRING));
            }
            byte[] planned = MsgpackValues.encode(Value.object(attrs), TYPE);
            r.onNext(PlanResourceChange.Response.newBuilder()
                    .setPlannedState(DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(planned))).build());
            r.onCompleted();
        }
    }
}
