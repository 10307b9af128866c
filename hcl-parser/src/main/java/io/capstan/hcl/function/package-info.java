/**
 * Terraform's built-in function library. {@link io.capstan.hcl.function.FunctionRegistry#standard()}
 * holds every Terraform 1.11 function; {@link io.capstan.hcl.function.FunctionRegistry#call} is the
 * one calling convention (argument conversion, null checks, unknown short-circuit, marks,
 * diagnostics without source ranges, which the evaluator fills in).
 *
 * <p>Left to the evaluator: {@code try} and {@code can} take unevaluated expressions, so the
 * evaluator implements them itself (they are not in the registry); {@code templatefile} and
 * {@code templatestring} are registered but render through the
 * {@link io.capstan.hcl.function.ExpressionEvaluator} set on the
 * {@link io.capstan.hcl.function.FunctionContext}; Terraform also requires
 * {@code templatestring}'s first argument to be a direct reference, a check that needs the AST.
 */
package io.capstan.hcl.function;
