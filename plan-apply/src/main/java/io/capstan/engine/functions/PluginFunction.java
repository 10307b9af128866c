package io.capstan.engine.functions;

import io.capstan.hcl.function.Function;
import io.capstan.hcl.function.FunctionException;
import io.capstan.hcl.function.Parameter;
import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.client.CallFunctionRequest;
import io.capstan.provider.client.CallFunctionResponse;
import io.capstan.provider.client.DynamicValue;
import io.capstan.provider.client.ProviderClient;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.codec.WireCodec;
import io.capstan.provider.schema.FunctionParameter;
import io.capstan.provider.schema.FunctionSignature;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a provider's function signature into a function the evaluator calls like a built-in
 * one, implemented by the CallFunction RPC. The evaluator's calling machinery does what
 * Terraform's cty layer does (arity, conversion to parameter types, null checks, top-level
 * unknowns, marks); this adds what Terraform adds for provider functions: an argument that
 * holds an unknown anywhere inside gives an unknown result unless the parameter allows
 * unknown values, and a function error that names an argument is reported against it
 * ("Invalid value for "arn" parameter: ...").
 */
public final class PluginFunction {
    private PluginFunction() {
    }

    /**
     * The function {@code provider::LOCAL::NAME}.
     *
     * @param client an (unconfigured) instance of the provider; functions need no configuration
     */
    public static Function of(String localName, String name, FunctionSignature sig, ProviderClient client) {
        String full = "provider::" + localName + "::" + name;
        List<FunctionParameter> params = sig.parameters();
        FunctionParameter variadic = sig.variadicParameter();
        Type ret = SchemaTypes.type(sig.returnType());
        Function.Builder b = Function.builder(full).returns(ret).description(sig.summary());
        params.forEach(p -> b.param(parameter(p)));
        if (variadic != null) {
            b.variadic(parameter(variadic));
        }
        b.impl((args, retType, ctx) -> call(name, full, params, variadic, args, retType, client));
        return b.build();
    }

    private static Parameter parameter(FunctionParameter p) {
        Type t = SchemaTypes.type(p.type());
        // A null literal is dynamically typed: a dynamic parameter must let it through (as Terraform does).
        return new Parameter(p.name(), t, p.allowNullValue(), p.allowUnknownValues(), t == Type.DYNAMIC, false);
    }

    private static Value call(String name, String full, List<FunctionParameter> params, FunctionParameter variadic,
                              List<Value> args, Type ret, ProviderClient client) {
        List<DynamicValue> wire = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            FunctionParameter p = i < params.size() ? params.get(i) : variadic;
            Value v = args.get(i);
            if (!p.allowUnknownValues() && !v.isWhollyKnown()) {
                return Value.unknown(ret);
            }
            wire.add(WireCodec.INSTANCE.encode(v, SchemaTypes.type(p.type())));
        }
        CallFunctionResponse r = client.callFunction(new CallFunctionRequest(name, wire));
        if (r.error() != null) {
            Long arg = r.error().functionArgument();
            if (arg != null && arg >= 0 && arg < args.size()) {
                throw new FunctionException(arg.intValue(), r.error().text());
            }
            throw new FunctionException(r.error().text());
        }
        for (ProviderDiagnostic d : r.diagnostics()) {
            if (d.isError()) {
                throw new FunctionException(d.detail().isEmpty() ? d.summary() : d.summary() + ": " + d.detail());
            }
        }
        if (r.result() == null) {
            throw new FunctionException("provider returned no result and no errors");
        }
        try {
            Value out = WireCodec.INSTANCE.decode(r.result(), ret);
            return ret == Type.DYNAMIC ? out : Convert.convert(out, ret);
        } catch (ConversionException | IllegalArgumentException e) {
            throw new FunctionException("provider returned an invalid result for " + full + ": " + e.getMessage());
        }
    }
}
