package io.capstan.hcl.function;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.Value;
import java.util.Map;

/**
 * What the functions that need the language itself ask of the evaluator: {@code can} and
 * {@code try} receive their arguments unevaluated, {@code templatefile} and
 * {@code templatestring} parse and render a template. The expression evaluator implements
 * this; until it exists those four functions report that they are unavailable.
 */
public interface ExpressionEvaluator {
    /**
     * Renders template source text with the given variables (templatefile/templatestring):
     * only those variables and the function library are in scope.
     */
    Result<Value> renderTemplate(String source, String filename, Map<String, Value> variables);
}
