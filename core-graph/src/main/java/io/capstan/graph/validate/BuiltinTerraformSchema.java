package io.capstan.graph.validate;

import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schemas of the built-in provider {@code terraform.io/builtin/terraform}, declared once:
 * validation decodes against them before providers exist, and the engine's in-process provider
 * (BuiltinTerraformProvider) serves them over the protocol and derives its value types from them.
 * {@code terraform_data} takes {@code input} and {@code triggers_replace} (both dynamic). Like
 * terraform's decoder spec the decoding schemas also have the computed-only {@code output} and
 * {@code id} (and {@code terraform_remote_state}'s {@code outputs}): a value for one is not an
 * unsupported argument but the provider's to reject ("attribute is read-only").
 */
public final class BuiltinTerraformSchema {
    /**
     * One attribute as terraform's provider schema declares it; {@code description} is markdown,
     * or empty when terraform gives none.
     */
    public record BuiltinAttribute(String name, Type type, boolean required, boolean optional, boolean computed,
                                   String description) {
        /** Computed and not configurable. */
        public boolean readOnly() {
            return computed && !optional && !required;
        }
    }

    public static final String TERRAFORM_DATA = "terraform_data";
    public static final String TERRAFORM_REMOTE_STATE = "terraform_remote_state";

    // in the order validation takes them: the configurable arguments, then the computed-only ones
    private static final Map<String, List<BuiltinAttribute>> MANAGED = Map.of(TERRAFORM_DATA, List.of(
            new BuiltinAttribute("input", Type.DYNAMIC, false, true, false, ""),
            new BuiltinAttribute("triggers_replace", Type.DYNAMIC, false, true, false, ""),
            new BuiltinAttribute("output", Type.DYNAMIC, false, false, true, ""),
            new BuiltinAttribute("id", Type.STRING, false, false, true, "")));
    private static final Map<String, List<BuiltinAttribute>> DATA = Map.of(TERRAFORM_REMOTE_STATE, List.of(
            new BuiltinAttribute("backend", Type.STRING, true, false, false,
                    "The remote backend to use, e.g. `remote` or `http`."),
            new BuiltinAttribute("config", Type.DYNAMIC, false, true, false, "The configuration of the remote "
                    + "backend. Although this is optional, most backends require some configuration.\n\nThe object "
                    + "can use any arguments that would be valid in the equivalent `terraform { backend \"<TYPE>\" "
                    + "{ ... } }` block."),
            new BuiltinAttribute("defaults", Type.DYNAMIC, false, true, false, "Default values for outputs, in case "
                    + "the state file is empty or lacks a required output."),
            new BuiltinAttribute("workspace", Type.STRING, false, true, false, "The Terraform workspace to use, if "
                    + "the backend supports workspaces."),
            new BuiltinAttribute("outputs", Type.DYNAMIC, false, false, true, "An object containing every root-level "
                    + "output in the remote state.")));
    private static final Map<String, BodySchema> MANAGED_BODIES = bodies(MANAGED);
    private static final Map<String, BodySchema> DATA_BODIES = bodies(DATA);

    private BuiltinTerraformSchema() {
    }

    /** The attributes of a managed resource type, or null when the built-in provider does not have it. */
    public static List<BuiltinAttribute> managedAttributes(String type) {
        return MANAGED.get(type);
    }

    /** The attributes of a data source type, or null. */
    public static List<BuiltinAttribute> dataAttributes(String type) {
        return DATA.get(type);
    }

    /** The schema of a managed resource type, or null when the built-in provider does not have it. */
    public static BodySchema managed(String type) {
        return MANAGED_BODIES.get(type);
    }

    /** The schema of a data source type, or null. */
    public static BodySchema data(String type) {
        return DATA_BODIES.get(type);
    }

    /** The object type of the values of a type with {@code attributes}. */
    public static ObjectType objectType(List<BuiltinAttribute> attributes) {
        Map<String, Type> types = new java.util.HashMap<>();
        for (BuiltinAttribute a : attributes) {
            types.put(a.name(), a.type());
        }
        return Type.object(types);
    }

    /** Whether the argument is a managed type's read-only attribute ({@code terraform_data}'s {@code id}, {@code output}). */
    public static boolean readOnly(boolean managed, String type, String name) {
        if (!managed) {
            return false;
        }
        for (BuiltinAttribute a : MANAGED.getOrDefault(type, List.of())) {
            if (a.name().equals(name) && a.readOnly()) {
                return true;
            }
        }
        return false;
    }

    /** Nested block types of a resource type (none for the built-in types). */
    public static Set<String> blockTypes(String type) {
        return Set.of();
    }

    private static Map<String, BodySchema> bodies(Map<String, List<BuiltinAttribute>> types) {
        Map<String, BodySchema> out = new java.util.HashMap<>();
        // loops rather than lambdas: each lambda call site costs every CLI run its bootstrap (#6)
        for (Map.Entry<String, List<BuiltinAttribute>> t : types.entrySet()) {
            List<AttributeSchema> attrs = new java.util.ArrayList<>(t.getValue().size());
            for (BuiltinAttribute a : t.getValue()) {
                attrs.add(new AttributeSchema(a.name(), a.required()));
            }
            out.put(t.getKey(), new BodySchema(List.copyOf(attrs), List.of()));
        }
        return Map.copyOf(out);
    }
}
