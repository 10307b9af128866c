package io.capstan.hcl.ast;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.HclParser;

import java.util.Objects;

/**
 * An expression written in the JSON syntax. Its meaning depends on the evaluation
 * context, as in HCL's JSON syntax: strings are templates in the native template syntax
 * (parsed on demand by {@link #template(JsonValue.Str)}), arrays are tuples, objects are objects
 * (whose property names are templates too).
 */
public record JsonExpression(JsonValue value) implements Expression {
    public JsonExpression {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public SourceRange range() {
        return value.range();
    }

    /**
     * The string as a native template; ranges inside the template are relative to the
     * position just after the opening quote (exact when the string has no escapes).
     */
    public static Result<Expression> template(JsonValue.Str s) {
        return HclParser.parseTemplateAt(s.value(), s.range().filename(), s.range().start().line(),
                s.range().start().column() + 1, s.range().start().byteOffset() + 1);
    }
}
