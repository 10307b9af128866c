package io.capstan.engine.plan;

import io.capstan.graph.config.InputVariables.Given;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.Variable;
import io.capstan.hcl.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The root variables a saved plan records, as terraform 1.11's plan file does: the value as given
 * of each non-ephemeral declared variable the caller set ({@code VariableValues}; a default is not
 * recorded), and the names of the ephemeral ones set to a non-null value, whose values are not
 * saved and must be given again when the plan is applied ({@code ApplyTimeVariables}).
 */
public record SavedVariables(Map<String, Value> values, Set<String> applyTime) {
    public SavedVariables {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        applyTime = java.util.Collections.unmodifiableSet(new TreeSet<>(applyTime));
    }

    /** What a plan made from {@code given} (one run's values as given) records. */
    public static SavedVariables of(Module root, Map<String, Given> given) {
        Map<String, Value> values = new LinkedHashMap<>();
        Set<String> applyTime = new TreeSet<>();
        for (Map.Entry<String, Given> e : given.entrySet()) {
            Variable decl = root.variables().get(e.getKey());
            Value v = e.getValue().value();
            if (decl == null || v == null) {
                continue; // undeclared, or a value that could not be parsed (the plan failed on it)
            }
            if (decl.ephemeral()) {
                if (!v.isNull()) {
                    applyTime.add(e.getKey());
                }
                continue;
            }
            values.put(e.getKey(), v);
        }
        return new SavedVariables(values, applyTime);
    }
}
