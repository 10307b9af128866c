package io.capstan.cli.engine;

import io.capstan.graph.config.InputVariables;
import io.capstan.graph.config.InputVariables.Given;
import io.capstan.graph.config.Module;
import io.capstan.graph.config.Variable;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.eval.DiagnosticValues;
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
 * {@code -var}. Ephemeral variables are left alone.
 */
public final class SavedPlanVariables {
    private SavedPlanVariables() {
    }

    /** Terraform's diagnostics for the values {@code applying} against those the plan was made with, {@code planned}. */
    public static Diagnostics diagnostics(Module root, Map<String, Given> planned, Map<String, Given> applying) {
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
                continue;
            }
            Given then = planned.get(name);
            if (then == null || then.value() == null) {
                undeclared.put(name, now); // as terraform: a value the plan does not hold counts as undeclared
                continue;
            }
            if (then.value().equals(now.value())) {
                continue;
            }
            String values = "The saved plan specifies " + DiagnosticValues.compact(then.value()) + " as the value "
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
        return d;
    }

}
