package io.capstan.provider.client.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.capstan.hcl.diag.Severity;
import io.capstan.provider.client.AttributePath;
import io.capstan.provider.client.ClientCapabilities;
import io.capstan.provider.client.DeferredReason;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.PathStep;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.RawState;
import io.capstan.provider.proto.tfplugin6.Deferred;
import io.capstan.provider.proto.tfplugin6.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between Capstan's protocol records and tfplugin6 messages. The messages
 * they cover (DynamicValue, Diagnostic, AttributePath, RawState, Function, Deferred...) are
 * wire-identical in tfplugin5, so the protocol-5 client re-reads its messages as their
 * tfplugin6 twins ({@link #reparse}) instead of duplicating every conversion.
 */
public final class Wire6 {
    private Wire6() {
    }

    /** Reads the bytes of one message as another, wire-compatible message type. */
    public static <T> T reparse(MessageLite message, Parser<T> parser) {
        try {
            return parser.parseFrom(message.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("tfplugin5/6 messages are expected to be wire-compatible", e);
        }
    }

    public static List<ProviderDiagnostic> diagnostics(List<Diagnostic> ds) {
        List<ProviderDiagnostic> out = new ArrayList<>(ds.size());
        for (Diagnostic d : ds) {
            out.add(new ProviderDiagnostic(d.getSeverity() == Diagnostic.Severity.WARNING ? Severity.WARNING
                    : Severity.ERROR, d.getSummary(), d.getDetail(),
                    d.hasAttribute() ? path(d.getAttribute()) : null));
        }
        return out;
    }

    public static AttributePath path(io.capstan.provider.proto.tfplugin6.AttributePath p) {
        List<PathStep> steps = new ArrayList<>(p.getStepsCount());
        for (io.capstan.provider.proto.tfplugin6.AttributePath.Step s : p.getStepsList()) {
            switch (s.getSelectorCase()) {
                case ATTRIBUTE_NAME -> steps.add(new PathStep.AttributeName(s.getAttributeName()));
                case ELEMENT_KEY_STRING -> steps.add(new PathStep.ElementKeyString(s.getElementKeyString()));
                case ELEMENT_KEY_INT -> steps.add(new PathStep.ElementKeyInt(s.getElementKeyInt()));
                default -> {
                    // an empty step carries no information; skip it as Terraform does
                }
            }
        }
        return new AttributePath(steps);
    }

    public static List<AttributePath> paths(List<io.capstan.provider.proto.tfplugin6.AttributePath> ps) {
        return ps.stream().map(Wire6::path).toList();
    }

    /** Null for an unset field, so "absent" and "empty" stay distinguishable. */
    public static DynamicValue value(boolean present, io.capstan.provider.proto.tfplugin6.DynamicValue v) {
        if (!present) {
            return null;
        }
        return new DynamicValue(v.getMsgpack().toByteArray(), v.getJson().toByteArray());
    }

    public static io.capstan.provider.proto.tfplugin6.DynamicValue toProto(DynamicValue v) {
        return io.capstan.provider.proto.tfplugin6.DynamicValue.newBuilder()
                .setMsgpack(ByteString.copyFrom(v.msgpack()))
                .setJson(ByteString.copyFrom(v.json()))
                .build();
    }

    public static io.capstan.provider.proto.tfplugin6.RawState toProto(RawState s) {
        return io.capstan.provider.proto.tfplugin6.RawState.newBuilder()
                .setJson(ByteString.copyFrom(s.json()))
                .putAllFlatmap(s.flatmap())
                .build();
    }

    public static io.capstan.provider.proto.tfplugin6.ClientCapabilities toProto(ClientCapabilities c) {
        return io.capstan.provider.proto.tfplugin6.ClientCapabilities.newBuilder()
                .setDeferralAllowed(c.deferralAllowed())
                .setWriteOnlyAttributesAllowed(c.writeOnlyAttributesAllowed())
                .build();
    }

    public static DeferredReason deferred(boolean present, Deferred d) {
        if (!present) {
            return null;
        }
        return switch (d.getReason()) {
            case RESOURCE_CONFIG_UNKNOWN -> DeferredReason.RESOURCE_CONFIG_UNKNOWN;
            case PROVIDER_CONFIG_UNKNOWN -> DeferredReason.PROVIDER_CONFIG_UNKNOWN;
            case ABSENT_PREREQ -> DeferredReason.ABSENT_PREREQ;
            default -> DeferredReason.UNKNOWN;
        };
    }

    public static ByteString bytes(byte[] b) {
        return b == null ? ByteString.EMPTY : ByteString.copyFrom(b);
    }
}
