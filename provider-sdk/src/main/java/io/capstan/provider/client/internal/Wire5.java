package io.capstan.provider.client.internal;

import io.capstan.provider.client.AttributePath;
import io.capstan.provider.client.ClientCapabilities;
import io.capstan.provider.client.DeferredReason;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.client.RawState;
import io.capstan.provider.proto.tfplugin5.Deferred;
import io.capstan.provider.proto.tfplugin5.Diagnostic;
import java.util.List;

/**
 * The tfplugin5 face of {@link Wire6}: the shared messages are wire-identical, so each
 * conversion re-reads the message as its other-version twin and delegates.
 */
final class Wire5 {
    private Wire5() {
    }

    static List<ProviderDiagnostic> diagnostics(List<Diagnostic> ds) {
        return Wire6.diagnostics(ds.stream()
                .map(d -> Wire6.reparse(d, io.capstan.provider.proto.tfplugin6.Diagnostic.parser())).toList());
    }

    static List<AttributePath> paths(List<io.capstan.provider.proto.tfplugin5.AttributePath> ps) {
        return ps.stream().map(p -> Wire6.path(
                Wire6.reparse(p, io.capstan.provider.proto.tfplugin6.AttributePath.parser()))).toList();
    }

    static DynamicValue value(boolean present, io.capstan.provider.proto.tfplugin5.DynamicValue v) {
        return Wire6.value(present, Wire6.reparse(v, io.capstan.provider.proto.tfplugin6.DynamicValue.parser()));
    }

    static io.capstan.provider.proto.tfplugin5.DynamicValue toProto(DynamicValue v) {
        return Wire6.reparse(Wire6.toProto(v), io.capstan.provider.proto.tfplugin5.DynamicValue.parser());
    }

    static io.capstan.provider.proto.tfplugin5.RawState toProto(RawState s) {
        return Wire6.reparse(Wire6.toProto(s), io.capstan.provider.proto.tfplugin5.RawState.parser());
    }

    static io.capstan.provider.proto.tfplugin5.ClientCapabilities toProto(ClientCapabilities c) {
        return Wire6.reparse(Wire6.toProto(c), io.capstan.provider.proto.tfplugin5.ClientCapabilities.parser());
    }

    static DeferredReason deferred(boolean present, Deferred d) {
        return Wire6.deferred(present, Wire6.reparse(d, io.capstan.provider.proto.tfplugin6.Deferred.parser()));
    }

    static io.capstan.provider.proto.tfplugin6.FunctionError functionError(
            io.capstan.provider.proto.tfplugin5.FunctionError e) {
        return Wire6.reparse(e, io.capstan.provider.proto.tfplugin6.FunctionError.parser());
    }
}
