package io.capstan.hcl.ast;

import io.capstan.hcl.diag.SourceRange;

import java.util.List;

/**
 * An expression of either configuration syntax, modelled on HCL's hclsyntax node types so
 * that evaluation can follow HCL/Terraform semantics node by node. Every node knows its
 * source range and, without evaluation, the absolute traversals (variables) it refers to.
 */
public sealed interface Expression
        permits LiteralValueExpr, TemplateExpr, TemplateWrapExpr, TemplateJoinExpr,
        ScopeTraversalExpr, RelativeTraversalExpr, IndexExpr, FunctionCallExpr, ConditionalExpr,
        BinaryOpExpr, UnaryOpExpr, TupleConsExpr, ObjectConsExpr, ObjectConsKeyExpr, ForExpr,
        SplatExpr, AnonSymbolExpr, ParenthesesExpr, InvalidExpr, JsonExpression {

    /** The source range of the whole expression. */
    SourceRange range();

    /**
     * The absolute traversals (rooted at a variable name) this expression refers to, in
     * source order, excluding for-expression iterator variables (inside their scope) and
     * splat placeholders.
     */
    default List<Traversal> variables() {
        return VariableWalker.variables(this);
    }
}
