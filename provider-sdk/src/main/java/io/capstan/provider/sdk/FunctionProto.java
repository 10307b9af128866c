package io.capstan.provider.sdk;

import com.google.protobuf.ByteString;
import io.capstan.provider.client.CallFunctionRequest;
import io.capstan.provider.client.CallFunctionResponse;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.GetFunctionsRequest;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.proto.tfplugin6.CallFunction;
import io.capstan.provider.proto.tfplugin6.Function;
import io.capstan.provider.proto.tfplugin6.FunctionError;
import io.capstan.provider.proto.tfplugin6.GetFunctions;
import io.capstan.provider.proto.tfplugin6.StringKind;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.FunctionParameter;
import io.capstan.provider.schema.FunctionSignature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Provider-defined functions on the tfplugin6 wire (tfplugin5's messages are field-for-field
 * the same and are re-read from these): signatures for GetProviderSchema and GetFunctions,
 * and the CallFunction exchange.
 */
final class FunctionProto {
    private FunctionProto() {
    }

    static Function function(FunctionSignature s) {
        Function.Builder b = Function.newBuilder()
                .setReturn(Function.Return.newBuilder().setType(type(s.returnType())))
                .setSummary(s.summary()).setDescription(s.description()).setDescriptionKind(kind(s.descriptionKind()))
                .setDeprecationMessage(s.deprecationMessage());
        s.parameters().forEach(p -> b.addParameters(parameter(p)));
        if (s.variadicParameter() != null) {
            b.setVariadicParameter(parameter(s.variadicParameter()));
        }
        return b.build();
    }

    static void putFunctions(Map<String, FunctionSignature> functions,
                             java.util.function.BiConsumer<String, Function> put) {
        functions.forEach((n, f) -> put.accept(n, function(f)));
    }

    static GetFunctions.Response getFunctions(ProviderClient provider) {
        var r = provider.getFunctions(new GetFunctionsRequest());
        GetFunctions.Response.Builder b = GetFunctions.Response.newBuilder()
                .addAllDiagnostics(Proto6.diagnostics(r.diagnostics()));
        putFunctions(r.functions(), b::putFunctions);
        return b.build();
    }

    static CallFunction.Response callFunction(ProviderClient provider, CallFunction.Request request) {
        List<DynamicValue> args = new ArrayList<>();
        request.getArgumentsList().forEach(a -> args.add(Proto6.value(true, a)));
        CallFunctionResponse r = provider.callFunction(new CallFunctionRequest(request.getName(), args));
        CallFunction.Response.Builder b = CallFunction.Response.newBuilder();
        if (r.result() != null) {
            b.setResult(Proto6.toProto(r.result()));
        }
        if (r.error() != null) {
            FunctionError.Builder e = FunctionError.newBuilder().setText(r.error().text());
            if (r.error().functionArgument() != null) {
                e.setFunctionArgument(r.error().functionArgument());
            }
            b.setError(e);
        } else if (r.hasErrors()) {
            StringBuilder text = new StringBuilder();
            r.diagnostics().stream().filter(d -> d.isError()).forEach(d -> text.append(text.length() == 0 ? "" : "; ")
                    .append(d.summary()).append(d.detail().isEmpty() ? "" : ": " + d.detail()));
            b.setError(FunctionError.newBuilder().setText(text.toString()));
        }
        return b.build();
    }

    private static Function.Parameter parameter(FunctionParameter p) {
        return Function.Parameter.newBuilder().setName(p.name()).setType(type(p.type()))
                .setAllowNullValue(p.allowNullValue()).setAllowUnknownValues(p.allowUnknownValues())
                .setDescription(p.description()).setDescriptionKind(kind(p.descriptionKind())).build();
    }

    private static ByteString type(io.capstan.provider.schema.TypeExpr t) {
        return ByteString.copyFrom(t.toJson().toString(), StandardCharsets.UTF_8);
    }

    private static StringKind kind(DescriptionKind k) {
        return k == DescriptionKind.MARKDOWN ? StringKind.MARKDOWN : StringKind.PLAIN;
    }
}
