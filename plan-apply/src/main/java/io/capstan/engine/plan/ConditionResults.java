package io.capstan.engine.plan;

import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * The statuses and failure messages of one checkable object's conditions (a resource instance's
 * pre/postconditions, an output's preconditions) as a walk evaluates them; becomes a
 * {@link CheckResult} at the end of the walk. Safe for the walk's threads.
 */
final class ConditionResults {
    private final ModuleInstance module;
    private final String configPath;
    private final Resource resource;
    private final InstanceKey key;
    private final String output;
    private final List<String> statuses = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private ConditionResults(ModuleInstance module, String configPath, Resource resource, InstanceKey key,
                             String output) {
        this.module = module;
        this.configPath = configPath;
        this.resource = resource;
        this.key = key;
        this.output = output;
    }

    static ConditionResults resource(ModuleInstance module, String configPath, Resource resource, InstanceKey key) {
        return new ConditionResults(module, configPath, resource, key, null);
    }

    static ConditionResults output(ModuleInstance module, String configPath, String name) {
        return new ConditionResults(module, configPath, null, null, name);
    }

    synchronized void add(String status, String problem) {
        statuses.add(status);
        if (problem != null) {
            problems.add(problem);
        }
    }

    synchronized CheckResult result() {
        String status = CheckResult.aggregate(statuses);
        return output != null ? CheckResult.output(module, configPath, output, status, List.copyOf(problems))
                : CheckResult.resource(module, configPath, resource, key, status, List.copyOf(problems));
    }
}
