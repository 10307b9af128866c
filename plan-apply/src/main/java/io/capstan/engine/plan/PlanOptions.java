package io.capstan.engine.plan;

import io.capstan.graph.config.InputVariables;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to plan: variables from the command line (in order) and the environment, the mode,
 * whether to refresh, {@code -target} and {@code -replace} addresses, {@code -parallelism},
 * the selected workspace ({@code terraform.workspace}), and whether this same process applies the
 * plan right after making it ({@code apply} without a plan file): only then does planning keep
 * the providers' answers for the apply to reuse (see {@link PlanMemo}).
 */
public record PlanOptions(List<InputVariables.CliArg> vars, Map<String, String> env, PlanMode mode, boolean refresh,
                          List<String> targets, List<String> replace, int parallelism, String workspace,
                          boolean appliesInProcess) {
    public PlanOptions {
        vars = List.copyOf(vars);
        env = Map.copyOf(env);
        Objects.requireNonNull(mode, "mode");
        targets = List.copyOf(targets);
        replace = List.copyOf(replace);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        Objects.requireNonNull(workspace, "workspace");
    }

    /** Options for a plan that is saved or shown, not applied by this process. */
    public PlanOptions(List<InputVariables.CliArg> vars, Map<String, String> env, PlanMode mode, boolean refresh,
                       List<String> targets, List<String> replace, int parallelism, String workspace) {
        this(vars, env, mode, refresh, targets, replace, parallelism, workspace, false);
    }

    public static PlanOptions defaults() {
        return new PlanOptions(List.of(), Map.of(), PlanMode.NORMAL, true, List.of(), List.of(), 10, "default");
    }

    public PlanOptions withMode(PlanMode m) {
        return new PlanOptions(vars, env, m, refresh, targets, replace, parallelism, workspace, appliesInProcess);
    }

    public PlanOptions withVars(List<InputVariables.CliArg> v, Map<String, String> e) {
        return new PlanOptions(v, e, mode, refresh, targets, replace, parallelism, workspace, appliesInProcess);
    }

    /** These options, for a plan this process applies at once (true) or not (false). */
    public PlanOptions withAppliesInProcess(boolean b) {
        return new PlanOptions(vars, env, mode, refresh, targets, replace, parallelism, workspace, b);
    }
}
