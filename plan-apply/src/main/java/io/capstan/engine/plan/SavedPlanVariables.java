package io.capstan.engine.plan;

import io.capstan.graph.config.InputVariables;
import io.capstan.graph.config.InputVariables.Given;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.Variable;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.DiagnosticValues;
import io.capstan.hcl.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What terraform 1.11 says about the variable values given to {@code apply PLANFILE} (the
 * environment's {@code TF_VAR_}s, the automatic variables files, {@code -var} and
 * {@code -var-file}), compared with the values the plan was made with: a value that differs is
 * ignored silently when an automatic file gave it, with the warning "Ignoring variable when
 * applying a saved plan" when the environment did, and refused ("Can't change variable when
 * applying a saved plan") when {@code -var} or {@code -var-file} did. A name the plan holds no
 * value for (undeclared, or declared but not set when planning) is treated as terraform treats
 * an undeclared one: ignored from the environment, a warning from a file, an error from
 * {@code -var}. An ephemeral variable must be given again exactly when the plan was made with it
 * set ("Ephemeral variable was not set during planning", and terraform core's "No value for
 * required variable" when it is missing).
 */
public final class SavedPlanVariables {
    private SavedPlanVariables() {
    }

    /** Terraform's diagnostics for the values {@code applying} against those the plan was made with, {@code planned}. */
    public static Diagnostics diagnostics(Module root, SavedVariables planned, Map<String, Given> applying) {
        Diagnostics d = new Diagnostics();
        Map<String, Given> undeclared = new LinkedHashMap<>();
        for (Map.Entry<String, Given> e : applying.entrySet()) {
            String name = e.getKey();
            Given now = e.getValue();
            Variable decl = root.variables().get(name);
            if (decl == null || now.value() == null) {
                undeclared.put(name, now);
                continue;
            }
            if (decl.ephemeral()) {
                if (!planned.applyTime().contains(name)) {
                    d.add(Diagnostic.error("Ephemeral variable was not set during planning", "The ephemeral input "
                            + "variable \"" + name + "\" was not set during the planning phase, and so must remain unset "
                            + "during the apply phase.", now.range()));
                } else if (now.value().isNull()) {
                    d.add(Diagnostic.error("Ephemeral variable must be set for apply", "The ephemeral input variable \""
                            + name + "\" was set during the planning phase, and so must be set again during the apply "
                            + "phase.", null));
                }
                continue;
            }
            Value then = planned.values().get(name);
            if (then == null) {
                undeclared.put(name, now); // as terraform: a value the plan does not hold counts as undeclared
                continue;
            }
            if (then.equals(now.value())) {
                continue;
            }
            String values = "The saved plan specifies " + DiagnosticValues.compact(then) + " as the value "
                    + "whereas during apply the value " + DiagnosticValues.compact(now.value()) + " was "
                    + now.source().label() + ". To declare an ephemeral variable which is not saved in the plan file, "
                    + "use ephemeral = true.";
            switch (now.source()) {
                case AUTO_FILE -> {
                    // not given by the user directly: terraform ignores it
                }
                case ENV -> d.add(Diagnostic.warning("Ignoring variable when applying a saved plan", "The variable "
                        + name + " cannot be overriden when applying a saved plan file, because a saved plan includes "
                        + "the variable values that were set when it was created. " + values, now.range()));
                default -> d.add(Diagnostic.error("Can't change variable when applying a saved plan", "The variable "
                        + name + " cannot be set using the -var and -var-file options when applying a saved plan file, "
                        + "because a saved plan includes the variable values that were set when it was created. "
                        + values, now.range()));
            }
        }
        int inFiles = 0;
        for (Map.Entry<String, Given> e : undeclared.entrySet()) {
            switch (e.getValue().source()) {
                case AUTO_FILE, NAMED_FILE -> {
                    if (inFiles++ < 2) {
                        d.add(InputVariables.undeclaredInFile(e.getKey(), e.getValue().file()));
                    }
                }
                case ENV -> {
                    // set globally for many configurations: terraform ignores undeclared ones
                }
                case CLI -> d.add(InputVariables.undeclaredOnCommandLine(e.getKey()));
            }
        }
        if (inFiles > 2) {
            d.add(InputVariables.undeclaredInMoreFiles(inFiles - 2));
        }
        if (d.hasErrors()) {
            return d;
        }
        // terraform core's check when it starts applying: every apply-time variable has a value again
        for (String name : planned.applyTime()) {
            Given now = applying.get(name);
            if (now == null || now.value() == null || now.value().isNull()) {
                d.add(Diagnostic.error("No value for required variable", "The ephemeral input variable \"" + name
                        + "\" was set during the plan phase, and so must also be set during the apply phase.", null));
            }
        }
        return d;
    }

}
