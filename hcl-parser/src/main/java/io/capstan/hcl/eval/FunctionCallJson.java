package io.capstan.hcl.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.function.Function;
import io.capstan.hcl.function.Parameter;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Terraform's {@code function_call} object of a JSON diagnostic's snippet: how the call was
 * written ({@code called_as}) and the function's signature (name, parameters with their types,
 * the variadic parameter, the return type). Tools reading {@code -json} use it to explain a failed
 * call without knowing Terraform's function library.
 */
final class FunctionCallJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FunctionCallJson() {
    }

    /** The object as JSON text, its fields in terraform's order. */
    static String of(String calledAs, Function f) {
        ObjectNode call = F.objectNode();
        call.put("called_as", calledAs);
        ObjectNode sig = call.putObject("signature");
        // a provider function's signature has its own name, without the provider:: prefix
        String name = f.name();
        sig.put("name", name.substring(name.lastIndexOf(':') + 1));
        ArrayNode params = sig.putArray("params");
        for (Parameter p : f.params()) {
            params.add(param(p));
        }
        if (f.variadic() != null) {
            sig.set("variadic_param", param(f.variadic()));
        }
        sig.set("return_type", TypeJson.toJson(returnType(f)));
        return call.toString();
    }

    private static ObjectNode param(Parameter p) {
        ObjectNode n = F.objectNode();
        n.put("name", p.name());
        n.set("type", TypeJson.toJson(p.type()));
        return n;
    }

    /**
     * The type a call with unknown arguments of the parameters' types returns, as cty computes it for
     * terraform's description: dynamic when a parameter is dynamic without accepting dynamic values,
     * or when the type rule fails on such arguments.
     */
    private static Type returnType(Function f) {
        List<Parameter> specs = new ArrayList<>(f.params());
        if (f.variadic() != null) {
            specs.add(f.variadic());
        }
        List<Value> args = new ArrayList<>();
        for (Parameter p : specs) {
            if (p.type() == Type.DYNAMIC && !p.allowDynamicType()) {
                return Type.DYNAMIC;
            }
            args.add(Value.unknown(p.type()));
        }
        try {
            Type t = f.returnType(args);
            return t == null ? Type.DYNAMIC : t;
        } catch (RuntimeException e) {
            return Type.DYNAMIC;
        }
    }
}
