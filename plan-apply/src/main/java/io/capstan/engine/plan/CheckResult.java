package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one {@code check} block instance: {@code pass}, {@code fail} or {@code unknown},
 * with the messages of what failed (its data source's read errors, or its failing assertions'
 * {@code error_message}s) in terraform's order. Terraform writes these as {@code checks} in the
 * JSON plan and as {@code check_results} in state; only check blocks are covered here (the
 * conditions of resources and outputs are not).
 *
 * @param module     the module instance ({@code module.a["x"]}), or null for the root
 * @param configPath the module's configuration path ({@code module.a}), or null for the root
 */
public record CheckResult(String module, String configPath, String name, String status, List<String> problems) {
    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        problems = problems.stream().sorted().toList();
    }

    String instanceAddr() {
        return module == null ? "check." + name : module + ".check." + name;
    }

    String configAddr() {
        return configPath == null ? "check." + name : configPath + ".check." + name;
    }

    /** Terraform's aggregate of several statuses: any fail fails, else any unknown is unknown, else pass. */
    static String aggregate(Collection<String> statuses) {
        return statuses.contains("fail") ? "fail" : statuses.contains("unknown") ? "unknown" : "pass";
    }

    private static Map<String, List<CheckResult>> byConfig(List<CheckResult> results) {
        Map<String, List<CheckResult>> out = new TreeMap<>();
        for (CheckResult r : results) {
            out.computeIfAbsent(r.configAddr(), k -> new ArrayList<>()).add(r);
        }
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(CheckResult::instanceAddr)));
        return out;
    }

    /** The JSON plan's {@code checks} array. */
    public static ArrayNode planJson(List<CheckResult> results) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        byConfig(results).forEach((config, instances) -> {
            CheckResult first = instances.get(0);
            ObjectNode o = out.addObject();
            ObjectNode addr = o.putObject("address");
            addr.put("kind", "check");
            if (first.configPath != null) {
                addr.put("module", first.configPath);
            }
            addr.put("name", first.name);
            addr.put("to_display", config);
            o.put("status", aggregate(instances.stream().map(CheckResult::status).toList()));
            ArrayNode is = o.putArray("instances");
            for (CheckResult r : instances) {
                ObjectNode i = is.addObject();
                ObjectNode ia = i.putObject("address");
                if (r.module != null) {
                    ia.put("module", r.module);
                }
                ia.put("to_display", r.instanceAddr());
                i.put("status", r.status);
                if (!r.problems.isEmpty()) {
                    ArrayNode ps = i.putArray("problems");
                    r.problems.forEach(p -> ps.addObject().put("message", p));
                }
            }
        });
        return out;
    }

    /**
     * The check blocks' results recorded in a state's {@code check_results} (as Capstan or
     * terraform wrote them), for {@code show -json}'s {@code checks}; empty when there are none.
     */
    public static List<CheckResult> fromState(JsonNode checkResults) {
        List<CheckResult> out = new ArrayList<>();
        if (checkResults == null || !checkResults.isArray()) {
            return out;
        }
        for (JsonNode r : checkResults) {
            if (!"check".equals(r.path("object_kind").asText())) {
                continue;
            }
            String config = r.path("config_addr").asText();
            int at = config.lastIndexOf("check.");
            String configPath = at > 0 ? config.substring(0, at - 1) : null;
            for (JsonNode o : r.path("objects")) {
                String addr = o.path("object_addr").asText();
                int i = addr.lastIndexOf("check.");
                List<String> problems = new ArrayList<>();
                o.path("failure_messages").forEach(m -> problems.add(m.asText()));
                out.add(new CheckResult(i > 0 ? addr.substring(0, i - 1) : null, configPath,
                        addr.substring(i + "check.".length()), o.path("status").asText(), problems));
            }
        }
        return out;
    }

    /** State's {@code check_results} array (null when there are none, as terraform writes it). */
    public static JsonNode stateJson(List<CheckResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        byConfig(results).forEach((config, instances) -> {
            ObjectNode o = out.addObject();
            o.put("object_kind", "check");
            o.put("config_addr", config);
            o.put("status", aggregate(instances.stream().map(CheckResult::status).toList()));
            ArrayNode objs = o.putArray("objects");
            for (CheckResult r : instances) {
                ObjectNode i = objs.addObject();
                i.put("object_addr", r.instanceAddr());
                i.put("status", r.status);
                if (!r.problems.isEmpty()) {
                    ArrayNode fm = i.putArray("failure_messages");
                    r.problems.forEach(fm::add);
                }
            }
        });
        return out;
    }
}
