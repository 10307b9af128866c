package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.Addresses;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.ModuleInstance;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one checkable object: a {@code check} block instance, a resource instance with
 * pre/postconditions or an output value with preconditions. {@code pass}, {@code fail} or
 * {@code unknown}, with the messages of what failed (a check's data source's read errors, or the
 * failing conditions' {@code error_message}s) in terraform's order. Terraform writes these as
 * {@code checks} in the JSON plan and as {@code check_results} in state.
 *
 * @param kind       the JSON plan's kind: {@code check}, {@code resource} or {@code output_value}
 * @param module     the module instance ({@code module.a["x"]}), or null for the root
 * @param configPath the module's configuration path ({@code module.a}), or null for the root
 * @param resource   the resource, for kind {@code resource} (else null)
 * @param key        the resource instance's key, for kind {@code resource} (else null)
 */
public record CheckResult(String kind, String module, String configPath, String name, String status,
                          List<String> problems, Resource resource, InstanceKey key) {
    public static final String CHECK = "check";
    public static final String RESOURCE = "resource";
    public static final String OUTPUT = "output_value";

    public CheckResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        problems = problems.stream().sorted().toList();
    }

    /** A {@code check} block instance's result. */
    public CheckResult(String module, String configPath, String name, String status, List<String> problems) {
        this(CHECK, module, configPath, name, status, problems, null, null);
    }

    /** A resource instance's conditions' result. */
    static CheckResult resource(ModuleInstance module, String configPath, Resource resource, InstanceKey key,
                                String status, List<String> problems) {
        return new CheckResult(RESOURCE, module.isRoot() ? null : module.toString(), configPath, resource.name(),
                status, problems, resource, key == null ? InstanceKey.NONE : key);
    }

    /** An output value's preconditions' result. */
    static CheckResult output(ModuleInstance module, String configPath, String name, String status,
                              List<String> problems) {
        return new CheckResult(OUTPUT, module.isRoot() ? null : module.toString(), configPath, name, status, problems,
                null, null);
    }

    private String local() {
        return switch (kind) {
            case RESOURCE -> resource.toString();
            case OUTPUT -> "output." + name;
            default -> "check." + name;
        };
    }

    String instanceAddr() {
        String local = kind.equals(RESOURCE) ? local() + key : local();
        return module == null ? local : module + "." + local;
    }

    String configAddr() {
        return configPath == null ? local() : configPath + "." + local();
    }

    /** {@code object_kind} in state's {@code check_results}. */
    private String stateKind() {
        return kind.equals(OUTPUT) ? "output" : kind;
    }

    /** Terraform's aggregate of several statuses: any error, else any fail, else any unknown, else pass. */
    static String aggregate(Collection<String> statuses) {
        return statuses.contains("error") ? "error" : statuses.contains("fail") ? "fail"
                : statuses.contains("unknown") ? "unknown" : "pass";
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
            addr.put("kind", first.kind);
            if (first.resource != null) {
                addr.put("mode", first.resource.mode() == ResourceMode.DATA ? "data" : "managed");
            }
            if (first.configPath != null) {
                addr.put("module", first.configPath);
            }
            addr.put("name", first.name);
            addr.put("to_display", config);
            if (first.resource != null) {
                addr.put("type", first.resource.type());
            }
            o.put("status", aggregate(instances.stream().map(CheckResult::status).toList()));
            ArrayNode is = o.putArray("instances");
            for (CheckResult r : instances) {
                ObjectNode i = is.addObject();
                ObjectNode ia = i.putObject("address");
                if (r.key instanceof InstanceKey.Int n) {
                    ia.put("instance_key", n.index());
                } else if (r.key instanceof InstanceKey.Str k) {
                    ia.put("instance_key", k.key());
                }
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
            String kind = r.path("object_kind").asText();
            String config = r.path("config_addr").asText();
            for (JsonNode o : r.path("objects")) {
                String addr = o.path("object_addr").asText();
                List<String> problems = new ArrayList<>();
                o.path("failure_messages").forEach(m -> problems.add(m.asText()));
                String status = o.path("status").asText();
                switch (kind) {
                    case CHECK, "output" -> {
                        String marker = kind.equals(CHECK) ? "check." : "output.";
                        int at = config.lastIndexOf(marker);
                        String configPath = at > 0 ? config.substring(0, at - 1) : null;
                        int i = addr.lastIndexOf(marker);
                        String module = i > 0 ? addr.substring(0, i - 1) : null;
                        out.add(new CheckResult(kind.equals(CHECK) ? CHECK : OUTPUT, module, configPath,
                                addr.substring(i + marker.length()), status, problems, null, null));
                    }
                    case RESOURCE -> {
                        var parsed = Addresses.parseAbsResourceInstance(addr);
                        if (parsed.hasErrors() || parsed.value() == null) {
                            continue;
                        }
                        AbsResourceInstance a = parsed.value();
                        String local = a.resource().resource().toString();
                        String configPath = config.length() > local.length()
                                ? config.substring(0, config.length() - local.length() - 1) : null;
                        out.add(resource(a.module(), configPath, a.resource().resource(), a.resource().key(), status,
                                problems));
                    }
                    default -> {
                    }
                }
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
            o.put("object_kind", instances.get(0).stateKind());
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
