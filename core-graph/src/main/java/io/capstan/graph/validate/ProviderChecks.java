package io.capstan.graph.validate;

import io.capstan.graph.config.ModuleTree;
import io.capstan.graph.config.ProviderConfig;
import io.capstan.graph.config.ResourceConfig;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.EvalContext;
import java.util.function.Function;

/**
 * What {@code terraform validate} asks of the providers once they are installed: that every
 * provider the configuration needs is available (before the walk), the schema of each resource
 * and data type the built-in one does not cover, and the provider's own validation of each block
 * (ValidateResourceConfig, ValidateDataResourceConfig, ValidateProviderConfig). The validate walk
 * hands each block over with its scope: input variables, resources, module outputs,
 * {@code count.index} and {@code each} unknown, {@code locals} as the walk evaluated them.
 * {@link #NONE} asks nothing (a configuration checked without its providers).
 */
public interface ProviderChecks {
    ProviderChecks NONE = new ProviderChecks() {
    };

    /**
     * Called once the configuration is loaded, before the graph is built: errors added here (a
     * provider not installed) end validation, as terraform reports only those.
     */
    default void dependencies(ModuleTree tree, Diagnostics diags) {
    }

    /**
     * The resource types' schemas for the static check of references to them, made as the graph is
     * built (terraform loads every schema before its walk evaluates any reference);
     * {@link io.capstan.graph.graph.ResourceTypeSchemas#NONE} leaves plugin types unchecked.
     */
    default io.capstan.graph.graph.ResourceTypeSchemas schemas() {
        return io.capstan.graph.graph.ResourceTypeSchemas.NONE;
    }

    /** A resource or data block whose type has no built-in schema, in module {@code module}. */
    default void resource(ModuleTree module, ResourceConfig rc, Function<Expression, EvalContext> scope,
                          Diagnostics diags) {
    }

    /** A {@code provider} block of module {@code module}, after the walk (its locals evaluated). */
    default void provider(ModuleTree module, ProviderConfig pc, Function<Expression, EvalContext> scope,
                          Diagnostics diags) {
    }
}
