package io.capstan.provider.sdk;

import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Convert;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.schema.DescriptionKind;
import io.capstan.provider.schema.FunctionParameter;
import io.capstan.provider.schema.FunctionSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A provider-defined function ({@code provider::time::rfc3339_parse(...)} in a configuration):
 * name, documentation, parameters, an optional variadic parameter, the return type and the
 * implementation. Register it with {@link Provider.Builder#function}; the SDK lists it in
 * GetProviderSchema and GetFunctions and runs it for CallFunction, decoding each argument with
 * its parameter's type and encoding the result with the return type.
 *
 * <pre>{@code
 * ProviderFunction.builder("double")
 *         .summary("Doubles a number")
 *         .parameter(FunctionParam.of("n", Type.NUMBER))
 *         .returns(Type.NUMBER)
 *         .impl(args -> Value.of(args.longValue(0) * 2))
 *         .build();
 * }</pre>
 */
public final class ProviderFunction {
    /** What the function does with its arguments; fails by throwing {@link FunctionFailure}. */
    @FunctionalInterface
    public interface Impl {
        Value call(FunctionArgs args);
    }

    private final String name;
    private final String summary;
    private final String description;
    private final String deprecationMessage;
    private final List<FunctionParam> parameters;
    private final FunctionParam variadic;
    private final Type returnType;
    private final Impl impl;

    private ProviderFunction(Builder b) {
        this.name = b.name;
        this.summary = b.summary;
        this.description = b.description;
        this.deprecationMessage = b.deprecationMessage;
        this.parameters = List.copyOf(b.parameters);
        this.variadic = b.variadic;
        this.returnType = Objects.requireNonNull(b.returnType, "return type of " + b.name);
        this.impl = Objects.requireNonNull(b.impl, "implementation of " + b.name);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<FunctionParam> parameters() {
        return parameters;
    }

    /** The variadic parameter, or null. */
    public FunctionParam variadic() {
        return variadic;
    }

    public Type returnType() {
        return returnType;
    }

    /** The signature as the plugin protocol describes it. */
    public FunctionSignature signature() {
        return new FunctionSignature(parameters.stream().map(ProviderFunction::wire).toList(),
                variadic == null ? null : wire(variadic), BlockSpec.typeExpr(returnType), summary, description,
                DescriptionKind.PLAIN, deprecationMessage);
    }

    private static FunctionParameter wire(FunctionParam p) {
        return new FunctionParameter(p.name(), BlockSpec.typeExpr(p.type()), p.nullAllowed(), p.unknownAllowed(),
                p.description(), DescriptionKind.PLAIN);
    }

    /** The parameter the argument at {@code i} binds to, or null past the end without a variadic one. */
    FunctionParam parameterFor(int i) {
        return i < parameters.size() ? parameters.get(i) : variadic;
    }

    /**
     * Runs the function on decoded arguments. The host already checked arity, nulls and
     * unknowns; they are checked again here so that a host that did not gets an argument error
     * rather than a crash in the implementation.
     */
    Value run(List<Value> args) {
        if (args.size() < parameters.size() || (variadic == null && args.size() > parameters.size())) {
            throw FunctionFailure.of("expected " + parameters.size() + (variadic == null ? "" : " or more")
                    + " argument(s), got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            FunctionParam p = parameterFor(i);
            Value v = args.get(i);
            if (v.isNull() && !p.nullAllowed()) {
                throw FunctionFailure.argument(i, "argument must not be null");
            }
            if (!v.isWhollyKnown() && !p.unknownAllowed()) {
                throw FunctionFailure.argument(i, "argument must be known");
            }
        }
        Value out = impl.call(new FunctionArgs(args, parameters.size()));
        if (out == null) {
            throw FunctionFailure.of("function " + name + " returned no value");
        }
        try {
            return returnType == Type.DYNAMIC ? out : Convert.convert(out, returnType);
        } catch (ConversionException e) {
            throw FunctionFailure.of("function " + name + " returned a value that is not a "
                    + returnType.friendlyName() + ": " + e.describe());
        }
    }

    /** Collects the parts of a {@link ProviderFunction}; {@code returns} and {@code impl} are required. */
    public static final class Builder {
        private final String name;
        private String summary = "";
        private String description = "";
        private String deprecationMessage = "";
        private final List<FunctionParam> parameters = new ArrayList<>();
        private FunctionParam variadic;
        private Type returnType;
        private Impl impl;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("invalid function name \"" + name
                        + "\": lower-case letters, digits and underscores, not starting with a digit");
            }
            this.name = name;
        }

        public Builder summary(String s) {
            this.summary = Objects.requireNonNull(s);
            return this;
        }

        public Builder description(String d) {
            this.description = Objects.requireNonNull(d);
            return this;
        }

        public Builder deprecated(String message) {
            this.deprecationMessage = Objects.requireNonNull(message);
            return this;
        }

        public Builder parameter(FunctionParam p) {
            parameters.add(Objects.requireNonNull(p));
            return this;
        }

        /** A final parameter taking zero or more arguments of its type. */
        public Builder variadic(FunctionParam p) {
            this.variadic = Objects.requireNonNull(p);
            return this;
        }

        public Builder returns(Type t) {
            this.returnType = Objects.requireNonNull(t);
            return this;
        }

        public Builder impl(Impl i) {
            this.impl = Objects.requireNonNull(i);
            return this;
        }

        public ProviderFunction build() {
            return new ProviderFunction(this);
        }
    }
}
