package io.capstan.engine.builtin;

import io.capstan.graph.validate.BuiltinTerraformSchema;
import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code terraform_data} managed resource: stores {@code input}, mirrors it as
 * {@code output} after apply, gets a random UUID {@code id}, and is replaced when
 * {@code triggers_replace} changes. At plan time {@code output} is unknown whenever it will
 * change (create, input changed, replacement), as Terraform plans it.
 */
public final class TerraformData {
    public static final String TYPE_NAME = BuiltinTerraformSchema.TERRAFORM_DATA;
    public static final ObjectType TYPE = BuiltinTerraformSchema.objectType(
            BuiltinTerraformSchema.managedAttributes(TYPE_NAME));

    /** The provider's planned state and the attributes whose change forces replacement. */
    public record Planned(Value state, List<String> requiresReplace) {
    }

    private final Supplier<String> ids;

    public TerraformData(Supplier<String> ids) {
        this.ids = java.util.Objects.requireNonNull(ids, "ids");
    }

    public TerraformData() {
        this(io.capstan.state.RandomUuid::next);
    }

    /** Plans the change from {@code prior} (null value when creating) to {@code proposed}. */
    public Planned plan(Value prior, Value proposed) {
        if (proposed.isNull()) {
            return new Planned(proposed, List.of()); // destroy
        }
        Map<String, Value> planned = new LinkedHashMap<>(proposed.entries());
        Value input = proposed.attr("input");
        boolean create = prior.isNull();
        boolean replace = !create && !prior.attr("triggers_replace").equals(proposed.attr("triggers_replace"));
        if (create || replace) {
            planned.put("id", Value.unknown(Type.STRING));
            planned.put("output", input.isNull() ? input : Value.unknown(input.type()));
        } else {
            planned.put("id", prior.attr("id"));
            planned.put("output", prior.attr("input").equals(input)
                    ? prior.attr("output") : Value.unknown(input.type()));
        }
        return new Planned(Value.object(planned), replace ? List.of("triggers_replace") : List.of());
    }

    /** Carries out a planned create or update: fills in the id and the output. */
    public Value apply(Value planned) {
        if (planned.isNull()) {
            return planned;
        }
        Map<String, Value> state = new LinkedHashMap<>(planned.entries());
        if (!planned.attr("id").isKnown()) {
            state.put("id", Value.of(ids.get()));
        }
        if (!planned.attr("output").isKnown()) {
            state.put("output", planned.attr("input"));
        }
        return Value.object(state);
    }

    /** The state {@code terraform import terraform_data.x ID} records: the id, nothing else. */
    public Value imported(String id) {
        return Value.object(Map.of("id", Value.of(id), "input", Value.DYNAMIC_NULL,
                "output", Value.DYNAMIC_NULL, "triggers_replace", Value.DYNAMIC_NULL));
    }
}
