package io.capstan.hcl.function;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Terraform function: a signature (parameters and an optional variadic parameter), a
 * return-type computation over the (converted, possibly unknown) arguments and an
 * implementation over known arguments. {@link FunctionRegistry#call} does the converting,
 * unknown short-circuiting, mark propagation and error reporting around it.
 */
public final class Function {
    /** Computes the result type from the converted arguments (which may be unknown). */
    @FunctionalInterface
    public interface TypeRule {
        Type returnType(List<Value> args);
    }

    /** The implementation, called only once unknown/null/marks rules are satisfied. */
    @FunctionalInterface
    public interface Impl {
        Value call(List<Value> args, Type returnType, FunctionContext ctx);
    }

    private final String name;
    private final List<Parameter> params;
    private final Parameter variadic;
    private final TypeRule typeRule;
    private final Impl impl;
    private final String description;

    private Function(String name, List<Parameter> params, Parameter variadic, TypeRule typeRule, Impl impl,
                     String description) {
        this.name = Objects.requireNonNull(name);
        this.params = List.copyOf(params);
        this.variadic = variadic;
        this.typeRule = Objects.requireNonNull(typeRule, "return type of " + name);
        this.impl = Objects.requireNonNull(impl, "implementation of " + name);
        this.description = description == null ? "" : description;
    }

    public String name() {
        return name;
    }

    public List<Parameter> params() {
        return params;
    }

    /** The variadic parameter, or null. */
    public Parameter variadic() {
        return variadic;
    }

    public String description() {
        return description;
    }

    public Type returnType(List<Value> args) {
        return typeRule.returnType(args);
    }

    Value invoke(List<Value> args, Type ret, FunctionContext ctx) {
        return impl.call(args, ret, ctx);
    }

    /**
     * This function with the same parameters and type checking whose result is always unknown
     * (terraform's {@code function.Unpredictable}: its impure functions while planning).
     */
    public Function unpredictable() {
        return new Function(name, params, variadic, typeRule, (args, ret, ctx) -> Value.unknown(ret), description);
    }

    /** The parameter an argument at {@code index} binds to. */
    public Parameter paramFor(int index) {
        return index < params.size() ? params.get(index) : variadic;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a function; {@code returns} and {@code impl} are required. */
    public static final class Builder {
        private final String name;
        private final List<Parameter> params = new ArrayList<>();
        private Parameter variadic;
        private TypeRule typeRule;
        private Impl impl;
        private String description;

        private Builder(String name) {
            this.name = name;
        }

        public Builder param(Parameter p) {
            params.add(p);
            return this;
        }

        public Builder param(String n, Type t) {
            return param(Parameter.of(n, t));
        }

        public Builder variadic(Parameter p) {
            variadic = p;
            return this;
        }

        public Builder returns(Type t) {
            typeRule = args -> t;
            return this;
        }

        public Builder returns(TypeRule r) {
            typeRule = r;
            return this;
        }

        public Builder impl(Impl i) {
            impl = i;
            return this;
        }

        public Builder description(String d) {
            description = d;
            return this;
        }

        public Function build() {
            return new Function(name, params, variadic, typeRule, impl, description);
        }
    }
}
