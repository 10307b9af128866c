/**
 * Expression evaluation with HCL and Terraform semantics. Entry points:
 * {@link io.capstan.hcl.eval.Evaluator} (expression + {@link io.capstan.hcl.eval.EvalContext}
 * to a value and diagnostics), {@link io.capstan.hcl.eval.Traverse} (attribute and index
 * steps on values), {@link io.capstan.hcl.eval.TypeExpressions} (type constraints from
 * the syntax tree) and {@link io.capstan.hcl.eval.StaticExpressions} (static traversals,
 * lists, maps and keywords for configuration decoding). Reference checking against a
 * configuration ("Reference to undeclared ...") belongs to the scope that builds the
 * context, not to the evaluator.
 */
package io.capstan.hcl.eval;
