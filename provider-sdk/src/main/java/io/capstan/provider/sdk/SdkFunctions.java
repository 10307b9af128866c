package io.capstan.provider.sdk;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.CallFunctionRequest;
import io.capstan.provider.client.CallFunctionResponse;
import io.capstan.provider.client.FunctionError;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.FunctionSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK side of GetFunctions/CallFunction for an SDK {@link Provider}: signatures from the
 * declared {@link ProviderFunction}s, and a call decoded argument by argument (each with the
 * type of the parameter it binds to, the variadic one for the extras), run, and its result
 * encoded with the return type. A {@link FunctionFailure} becomes the protocol's
 * FunctionError, with the argument index when it names one.
 */
final class SdkFunctions {
    private SdkFunctions() {
    }

    static Map<String, FunctionSignature> signatures(Provider p) {
        Map<String, FunctionSignature> out = new LinkedHashMap<>();
        p.functions().forEach((n, f) -> out.put(n, f.signature()));
        return out;
    }

    static CallFunctionResponse call(Provider p, CallFunctionRequest request) {
        ProviderFunction f = p.functions().get(request.name());
        if (f == null) {
            return failed("provider " + p.name() + " has no function named \"" + request.name() + "\"", null);
        }
        List<Value> args = new ArrayList<>();
        for (int i = 0; i < request.arguments().size(); i++) {
            FunctionParam param = f.parameterFor(i);
            if (param == null) {
                return failed("too many arguments: function " + f.name() + " expects " + f.parameters().size(), null);
            }
            try {
                args.add(WireCodec.INSTANCE.decode(request.arguments().get(i), param.type()));
            } catch (RuntimeException e) {
                return failed("cannot decode the argument as " + param.type().friendlyName() + ": " + e.getMessage(),
                        (long) i);
            }
        }
        try {
            Value out = f.run(args);
            Type ret = f.returnType();
            return new CallFunctionResponse(WireCodec.INSTANCE.encode(out, ret), null, List.of());
        } catch (FunctionFailure e) {
            return failed(e.getMessage(), e.argument() == null ? null : e.argument().longValue());
        }
    }

    private static CallFunctionResponse failed(String text, Long argument) {
        return new CallFunctionResponse(null, new FunctionError(text, argument), List.of());
    }
}
