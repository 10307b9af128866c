package io.capstan.engine.plan;

import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Resource;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * The planned change of one resource instance. {@code before} is the (refreshed) prior object
 * or a null value; {@code after} the planned object with unknowns for what apply will decide,
 * or a null value when deleting. {@code type} is the schema's object type for both.
 *
 * @param actionReason Terraform's {@code action_reason} (e.g. {@code replace_because_cannot_update}) or null
 * @param replacePaths attribute names whose change forces replacement
 * @param providerAddr absolute provider configuration as state writes it
 * @param deposed      null for the instance's current object, else the deposed object's key (its
 *                     deletion, left over from a create-before-destroy replacement)
 * @param generatedConfig the {@code resource} block {@code plan -generate-config-out} wrote for this import, or null
 */
public record ResourceChange(ModuleInstance module, Resource resource, InstanceKey key, Action action,
                             Value before, Value after, Type type, String actionReason, List<String> replacePaths,
                             String providerAddr, List<String> dependencies, boolean createBeforeDestroy,
                             String importId, String deposed, String generatedConfig) {
    public ResourceChange(ModuleInstance module, Resource resource, InstanceKey key, Action action, Value before,
                          Value after, Type type, String actionReason, List<String> replacePaths, String providerAddr,
                          List<String> dependencies, boolean createBeforeDestroy, String importId, String deposed) {
        this(module, resource, key, action, before, after, type, actionReason, replacePaths, providerAddr,
                dependencies, createBeforeDestroy, importId, deposed, null);
    }

    public ResourceChange(ModuleInstance module, Resource resource, InstanceKey key, Action action, Value before,
                          Value after, Type type, String actionReason, List<String> replacePaths, String providerAddr,
                          List<String> dependencies, boolean createBeforeDestroy, String importId) {
        this(module, resource, key, action, before, after, type, actionReason, replacePaths, providerAddr,
                dependencies, createBeforeDestroy, importId, null, null);
    }

    public ResourceChange {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        replacePaths = replacePaths == null ? List.of() : List.copyOf(replacePaths);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** The instance address as Terraform prints it, e.g. {@code module.a[0].terraform_data.x["k"]}. */
    public String address() {
        return Addrs.instance(module, resource, key);
    }

    public ResourceChange withAction(Action a, String reason) {
        return new ResourceChange(module, resource, key, a, before, after, type, reason, replacePaths, providerAddr,
                dependencies, createBeforeDestroy, importId, deposed, generatedConfig);
    }
}
