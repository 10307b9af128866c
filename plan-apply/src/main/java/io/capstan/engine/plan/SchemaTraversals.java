package io.capstan.engine.plan;

import io.capstan.graph.addrs.Provider;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.graph.graph.ResourceTypeSchemas;
import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.body.Suggestions;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.Traverse;
import io.capstan.hcl.parser.Identifiers;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Terraform's {@code configschema.Block.StaticValidateTraversal} on the schemas the providers
 * report: the steps after a resource reference ({@code aws_vpc.main.cidr_blok}) must name one of
 * the type's attributes or nested block types ("Unsupported attribute", with "Did you mean" among
 * them all), a block is not indexed ("Invalid index operation"), a list block is indexed by
 * number, a set block not at all; what follows an attribute is HCL's traversal of an unknown
 * value of the attribute's type; a deprecated attribute is a warning. The references' other
 * static checks (instance keys, {@code .count}) are the graph builder's.
 */
public final class SchemaTraversals implements ResourceTypeSchemas {
    private final Function<Provider, ProviderSchema> schemas;

    /** {@code schemas} gives a provider's schema, or null when it cannot be had (not reported here). */
    public SchemaTraversals(Function<Provider, ProviderSchema> schemas) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
    }

    /**
     * The schemas of {@code providers}' installed plugins, asked of the instance started early (kept
     * for the run) without reporting a failure, which the run reports where the provider is first
     * needed; a provider not installed is not started here (its "Missing required provider" is the
     * run's to report).
     */
    public static SchemaTraversals of(java.util.function.Supplier<Providers> providers) {
        return new SchemaTraversals(p -> {
            Providers ps = providers.get();
            try {
                return ps.resolver().find(p) == null ? null : ps.schema(p, new Diagnostics());
            } catch (RuntimeException e) {
                return null; // a plugin that fails to start: the run reports it where it starts it again
            }
        });
    }

    @Override
    public boolean check(Provider provider, ResourceMode mode, String type, List<Traverser> steps, Diagnostics diags) {
        ProviderSchema ps = schemas.apply(provider);
        if (ps == null) {
            return false;
        }
        Schema s = switch (mode) {
            case MANAGED -> ps.resourceSchemas().get(type);
            case DATA -> ps.dataSourceSchemas().get(type);
            case EPHEMERAL -> ps.ephemeralResourceSchemas().get(type);
        };
        if (s == null) {
            return false; // the block itself is an invalid type, which the walk reports first
        }
        block(s.block(), steps, diags);
        return true;
    }

    /** {@code StaticValidateTraversal} of {@code steps} on a block. */
    static void block(Block b, List<Traverser> steps, Diagnostics diags) {
        if (steps.isEmpty()) {
            return;
        }
        Traverser next = steps.get(0);
        List<Traverser> after = steps.subList(1, steps.size());
        if (next instanceof TraverseIndex i) {
            if (i.key() instanceof Literal.Str k && Identifiers.valid(k.value())) {
                diags.add(Diagnostic.error("Invalid index operation", "Only attribute access is allowed here. Did you "
                        + "mean to access attribute \"" + k.value() + "\" using the dot operator?", i.range()));
                return;
            }
            diags.add(Diagnostic.error("Invalid index operation", "Only attribute access is allowed here, using the "
                    + "dot operator.", i.range()));
            return;
        }
        if (!(next instanceof TraverseAttr a)) {
            diags.add(Diagnostic.error("Invalid operation", "Only attribute access is allowed here, using the dot "
                    + "operator.", next.range()));
            return;
        }
        Attribute attr = b.attributes().get(a.name());
        if (attr != null) {
            if (attr.deprecated()) {
                diags.add(Diagnostic.warning("Deprecated attribute", "The attribute \"" + a.name() + "\" is deprecated. "
                        + "Refer to the provider documentation for details.", a.range()));
            }
            // the rest as HCL traverses an unknown value of the attribute's type
            Traverse.steps(Value.unknown(SchemaTypes.attributeType(attr)), after, diags);
            return;
        }
        NestedBlock nb = b.blockTypes().get(a.name());
        if (nb != null) {
            nested(nb, a.name(), after, diags);
            return;
        }
        List<String> names = new ArrayList<>(b.attributes().keySet());
        names.addAll(b.blockTypes().keySet());
        names.sort(null);
        String suggestion = Suggestions.nameSuggestion(a.name(), names);
        diags.add(Diagnostic.error("Unsupported attribute", "This object has no argument, nested block, or exported "
                + "attribute named \"" + a.name() + "\"." + (suggestion == null ? "" : " Did you mean \"" + suggestion
                + "\"?"), a.range()));
    }

    private static void nested(NestedBlock nb, String typeName, List<Traverser> steps, Diagnostics diags) {
        switch (nb.nesting()) {
            case SINGLE, GROUP -> block(nb.block(), steps, diags);
            case SET -> {
                if (!steps.isEmpty()) {
                    diags.add(Diagnostic.error("Cannot index a set value", "Block type \"" + typeName + "\" is "
                            + "represented by a set of objects, and set elements do not have addressable keys. To find "
                            + "elements matching specific criteria, use a \"for\" expression with an \"if\" clause.",
                            steps.get(0).range()));
                }
            }
            case LIST -> {
                if (steps.isEmpty()) {
                    return;
                }
                if (steps.get(0) instanceof TraverseIndex) {
                    block(nb.block(), steps.subList(1, steps.size()), diags);
                } else {
                    diags.add(Diagnostic.error("Invalid operation", "Block type \"" + typeName + "\" is represented by "
                            + "a list of objects, so it must be indexed using a numeric key, like ." + typeName + "[0].",
                            steps.get(0).range()));
                }
            }
            case MAP -> {
                if (!steps.isEmpty()) {
                    block(nb.block(), steps.subList(1, steps.size()), diags);
                }
            }
        }
    }
}
