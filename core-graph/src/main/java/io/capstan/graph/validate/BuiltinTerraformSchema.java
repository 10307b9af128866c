package io.capstan.graph.validate;

import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.BodySchema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configurable arguments of the built-in provider {@code terraform.io/builtin/terraform}:
 * {@code terraform_data} takes {@code input} and {@code triggers_replace} (both dynamic).
 * Like terraform's decoder spec it also has the computed-only {@code output} and {@code id}
 * (and {@code terraform_remote_state}'s {@code outputs}): a value for one is not an unsupported
 * argument but the provider's to reject ("attribute is read-only", the engine's
 * BuiltinTerraformProvider). Validation needs this before providers exist.
 */
public final class BuiltinTerraformSchema {
    private static final Map<String, BodySchema> MANAGED = Map.of("terraform_data", new BodySchema(List.of(
            new AttributeSchema("input", false), new AttributeSchema("triggers_replace", false),
            new AttributeSchema("output", false), new AttributeSchema("id", false)), List.of()));
    private static final Map<String, BodySchema> DATA = Map.of("terraform_remote_state", new BodySchema(List.of(
            new AttributeSchema("backend", true), new AttributeSchema("config", false),
            new AttributeSchema("defaults", false), new AttributeSchema("workspace", false),
            new AttributeSchema("outputs", false)), List.of()));

    private BuiltinTerraformSchema() {
    }

    /** The schema of a managed resource type, or null when the built-in provider does not have it. */
    public static BodySchema managed(String type) {
        return MANAGED.get(type);
    }

    /** The schema of a data source type, or null. */
    public static BodySchema data(String type) {
        return DATA.get(type);
    }

    /** Whether the argument is one of {@code terraform_data}'s read-only attributes ({@code id}, {@code output}). */
    public static boolean readOnly(boolean managed, String type, String name) {
        return managed && "terraform_data".equals(type) && (name.equals("id") || name.equals("output"));
    }

    /** Nested block types of a resource type (none for the built-in types). */
    public static Set<String> blockTypes(String type) {
        return Set.of();
    }
}
