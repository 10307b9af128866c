package io.capstan.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Check results of all three kinds survive state's {@code check_results} and come back as the
 * JSON plan's {@code checks}, as {@code show -json} of a state presents them.
 */
class CheckResultTest {
    @Test
    void resourceOutputAndCheckResultsRoundTripThroughState() {
        ModuleInstance child = Addresses.parseModuleInstance("module.m[\"k\"]").value();
        Resource a = new Resource(ResourceMode.MANAGED, "terraform_data", "a");
        List<CheckResult> results = List.of(
                new CheckResult(null, null, "c", "pass", List.of()),
                CheckResult.output(ModuleInstance.ROOT, null, "o", "fail", List.of("o wrong")),
                CheckResult.resource(ModuleInstance.ROOT, null, a, new InstanceKey.Int(1), "fail", List.of("x1")),
                CheckResult.resource(ModuleInstance.ROOT, null, a, new InstanceKey.Int(0), "pass", List.of()),
                CheckResult.resource(child, "module.m", a, InstanceKey.NONE, "unknown", List.of()));

        var state = CheckResult.stateJson(results);
        assertThat(state.toString()).contains("\"object_kind\":\"output\"", "\"config_addr\":\"module.m.terraform_data.a\"",
                "\"object_addr\":\"module.m[\\\"k\\\"].terraform_data.a\"", "\"failure_messages\":[\"x1\"]");
        var fromState = CheckResult.fromState(state);
        assertThat(fromState).containsExactlyInAnyOrderElementsOf(results);

        var plan = CheckResult.planJson(fromState);
        assertThat(plan.toString()).contains(
                "{\"kind\":\"resource\",\"mode\":\"managed\",\"name\":\"a\",\"to_display\":\"terraform_data.a\","
                        + "\"type\":\"terraform_data\"},\"status\":\"fail\"",
                "{\"address\":{\"instance_key\":1,\"to_display\":\"terraform_data.a[1]\"},\"status\":\"fail\","
                        + "\"problems\":[{\"message\":\"x1\"}]}",
                "{\"kind\":\"output_value\",\"name\":\"o\",\"to_display\":\"output.o\"}",
                "\"module\":\"module.m[\\\"k\\\"]\"");
    }
}
