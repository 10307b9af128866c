package io.capstan.provider.sdk;

import com.google.protobuf.ByteString;
import io.capstan.hcl.diag.Severity;
import io.capstan.provider.client.AttributePath;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.PathStep;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.RawState;
import io.capstan.provider.proto.tfplugin6.Diagnostic;
import io.capstan.provider.proto.tfplugin6.GetProviderSchema;
import io.capstan.provider.proto.tfplugin6.ServerCapabilities;
import io.capstan.provider.proto.tfplugin6.StringKind;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Server-side conversions between Capstan's protocol records and tfplugin6 messages: the
 * mirror image of the client's, for requests coming in and responses going out.
 */
final class Proto6 {
    private Proto6() {
    }

    static DynamicValue value(boolean present, io.capstan.provider.proto.tfplugin6.DynamicValue v) {
        return present ? new DynamicValue(v.getMsgpack().toByteArray(), v.getJson().toByteArray()) : null;
    }

    static io.capstan.provider.proto.tfplugin6.DynamicValue toProto(DynamicValue v) {
        return io.capstan.provider.proto.tfplugin6.DynamicValue.newBuilder()
                .setMsgpack(ByteString.copyFrom(v.msgpack())).setJson(ByteString.copyFrom(v.json())).build();
    }

    static RawState rawState(io.capstan.provider.proto.tfplugin6.RawState s) {
        return new RawState(s.getJson().toByteArray(), s.getFlatmapMap());
    }

    static ByteString bytes(byte[] b) {
        return b == null ? ByteString.EMPTY : ByteString.copyFrom(b);
    }

    static List<Diagnostic> diagnostics(List<ProviderDiagnostic> ds) {
        return ds.stream().map(Proto6::diagnostic).toList();
    }

    static Diagnostic diagnostic(ProviderDiagnostic d) {
        Diagnostic.Builder b = Diagnostic.newBuilder()
                .setSeverity(d.severity() == Severity.WARNING ? Diagnostic.Severity.WARNING : Diagnostic.Severity.ERROR)
                .setSummary(d.summary()).setDetail(d.detail());
        if (d.attribute() != null && !d.attribute().isRoot()) {
            b.setAttribute(path(d.attribute()));
        }
        return b.build();
    }

    static io.capstan.provider.proto.tfplugin6.AttributePath path(AttributePath p) {
        var b = io.capstan.provider.proto.tfplugin6.AttributePath.newBuilder();
        for (PathStep s : p.steps()) {
            var step = io.capstan.provider.proto.tfplugin6.AttributePath.Step.newBuilder();
            if (s instanceof PathStep.AttributeName a) {
                step.setAttributeName(a.name());
            } else if (s instanceof PathStep.ElementKeyString k) {
                step.setElementKeyString(k.key());
            } else if (s instanceof PathStep.ElementKeyInt i) {
                step.setElementKeyInt(i.index());
            }
            b.addSteps(step);
        }
        return b.build();
    }

    static GetProviderSchema.Response schema(ProviderSchema s) {
        GetProviderSchema.Response.Builder b = GetProviderSchema.Response.newBuilder()
                .setProvider(schema(s.provider()))
                .setServerCapabilities(ServerCapabilities.newBuilder()
                        .setPlanDestroy(s.serverCapabilities().planDestroy())
                        .setGetProviderSchemaOptional(s.serverCapabilities().getProviderSchemaOptional())
                        .setMoveResourceState(s.serverCapabilities().moveResourceState()));
        s.resourceSchemas().forEach((n, r) -> b.putResourceSchemas(n, schema(r)));
        s.dataSourceSchemas().forEach((n, r) -> b.putDataSourceSchemas(n, schema(r)));
        FunctionProto.putFunctions(s.functions(), b::putFunctions);
        return b.build();
    }

    static io.capstan.provider.proto.tfplugin6.Schema schema(Schema s) {
        return io.capstan.provider.proto.tfplugin6.Schema.newBuilder().setVersion(s.version())
                .setBlock(block(s.block())).build();
    }

    private static io.capstan.provider.proto.tfplugin6.Schema.Block block(Block b) {
        var out = io.capstan.provider.proto.tfplugin6.Schema.Block.newBuilder()
                .setDescription(b.description()).setDescriptionKind(kind(b.descriptionKind()))
                .setDeprecated(b.deprecated());
        for (Attribute a : b.attributes().values()) {
            if (a.type() == null) {
                throw new IllegalArgumentException("nested attribute types are not supported by the SDK: " + a.name());
            }
            out.addAttributes(io.capstan.provider.proto.tfplugin6.Schema.Attribute.newBuilder()
                    .setName(a.name())
                    .setType(ByteString.copyFrom(a.type().toJson().toString(), StandardCharsets.UTF_8))
                    .setDescription(a.description()).setDescriptionKind(kind(a.descriptionKind()))
                    .setRequired(a.required()).setOptional(a.optional()).setComputed(a.computed())
                    .setSensitive(a.sensitive()).setDeprecated(a.deprecated()).setWriteOnly(a.writeOnly()));
        }
        for (NestedBlock nb : b.blockTypes().values()) {
            out.addBlockTypes(io.capstan.provider.proto.tfplugin6.Schema.NestedBlock.newBuilder()
                    .setTypeName(nb.typeName()).setBlock(block(nb.block()))
                    .setNesting(io.capstan.provider.proto.tfplugin6.Schema.NestedBlock.NestingMode
                            .valueOf(nb.nesting().name()))
                    .setMinItems(nb.minItems()).setMaxItems(nb.maxItems()));
        }
        return out.build();
    }

    private static StringKind kind(DescriptionKind k) {
        return k == DescriptionKind.MARKDOWN ? StringKind.MARKDOWN : StringKind.PLAIN;
    }
}
