package io.capstan.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.json.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes Terraform's version 4 state JSON. Writing follows Terraform's field
 * order, omission rules and Go's JSON formatting, so a snapshot Capstan writes is what
 * Terraform would have written for the same content; reading accepts what Terraform writes
 * and reports anything else as a diagnostic rather than an exception.
 */
public final class StateCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private StateCodec() {
    }

    public static Result<StateFile> read(byte[] bytes) {
        Diagnostics diags = new Diagnostics();
        JsonNode root;
        try {
            root = JsonTrees.read(bytes, true);
        } catch (java.io.IOException e) {
            diags.add(Diagnostic.error("Failed to load state",
                    "The state is not valid JSON: " + e.getMessage(), null));
            return new Result<>(null, diags);
        }
        if (root == null || !root.isObject()) {
            diags.add(Diagnostic.error("Failed to load state", "The state is not a JSON object.", null));
            return new Result<>(null, diags);
        }
        int version = root.path("version").asInt(-1);
        if (version != 4) {
            diags.add(Diagnostic.error("Unsupported state file format",
                    "The state file uses format version " + version
                            + ", which this version of Capstan does not support (it reads version 4).", null));
            return new Result<>(null, diags);
        }
        Map<String, OutputState> outputs = new LinkedHashMap<>();
        root.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), new OutputState(
                e.getValue().path("value"), e.getValue().path("type"),
                e.getValue().path("sensitive").asBoolean(false))));
        List<ResourceState> resources = new ArrayList<>();
        // one String per address depended on: dependencies are transitive, so a 1,000-long chain's
        // state names its resources 499,500 times (36 MB of separate strings)
        Map<String, String> addresses = new HashMap<>();
        for (JsonNode r : root.path("resources")) {
            List<InstanceState> instances = new ArrayList<>();
            for (JsonNode i : r.path("instances")) {
                JsonNode attrs = i.get("attributes");
                if (attrs == null && i.has("attributes_flat")) {
                    diags.add(Diagnostic.error("Unsupported legacy state",
                            "Resource " + r.path("type").asText() + "." + r.path("name").asText()
                                    + " uses flatmap attributes (attributes_flat); upgrade the state with Terraform first.",
                            null));
                    continue;
                }
                instances.add(new InstanceState(
                        i.has("index_key") ? i.get("index_key") : null,
                        textOrNull(i.get("status")),
                        textOrNull(i.get("deposed")),
                        i.path("schema_version").asLong(0),
                        attrs == null ? F.objectNode() : attrs,
                        i.get("sensitive_attributes"),
                        textOrNull(i.get("private")),
                        dependencies(i.get("dependencies"), addresses),
                        i.path("create_before_destroy").asBoolean(false)));
            }
            resources.add(new ResourceState(textOrNull(r.get("module")), r.path("mode").asText("managed"),
                    r.path("type").asText(), r.path("name").asText(), r.path("provider").asText(), instances));
        }
        JsonNode checks = root.get("check_results");
        StateFile state = new StateFile(root.path("terraform_version").asText(StateFile.TERRAFORM_VERSION),
                root.path("serial").asLong(0), root.path("lineage").asText(""), outputs, resources,
                checks == null || checks.isNull() ? null : checks);
        return new Result<>(state, diags);
    }

    private static List<String> dependencies(JsonNode arr, Map<String, String> addresses) {
        List<String> out = new ArrayList<>(arr == null ? 0 : arr.size());
        if (arr != null && arr.isArray()) {
            for (JsonNode e : arr) {
                String a = e.asText();
                String known = addresses.putIfAbsent(a, a);
                out.add(known == null ? a : known);
            }
        }
        return out;
    }

    /** The state as Terraform writes it to disk, including the final newline. */
    public static byte[] write(StateFile state) {
        // straight to UTF-8 bytes (GoJson.indentedLineUtf8): no text of the whole state is held
        return GoJson.indentedLineUtf8(toJson(state));
    }

    public static ObjectNode toJson(StateFile s) {
        ObjectNode root = F.objectNode();
        root.put("version", 4);
        root.put("terraform_version", s.terraformVersion());
        root.put("serial", s.serial());
        root.put("lineage", s.lineage());
        ObjectNode outs = root.putObject("outputs");
        s.outputs().forEach((name, o) -> {
            ObjectNode on = outs.putObject(name);
            on.set("value", o.value());
            on.set("type", o.type());
            if (o.sensitive()) {
                on.put("sensitive", true);
            }
        });
        ArrayNode res = root.putArray("resources");
        for (ResourceState r : StateOrder.sorted(s.resources(), true)) {
            ObjectNode rn = res.addObject();
            if (r.module() != null && !r.module().isEmpty()) {
                rn.put("module", r.module());
            }
            rn.put("mode", r.mode());
            rn.put("type", r.type());
            rn.put("name", r.name());
            rn.put("provider", r.provider());
            ArrayNode insts = rn.putArray("instances");
            for (InstanceState i : r.instances()) {
                ObjectNode in = insts.addObject();
                if (i.indexKey() != null && !i.indexKey().isNull()) {
                    in.set("index_key", i.indexKey());
                }
                if (i.status() != null) {
                    in.put("status", i.status());
                }
                if (i.deposed() != null) {
                    in.put("deposed", i.deposed());
                }
                in.put("schema_version", i.schemaVersion());
                in.set("attributes", i.attributes());
                in.set("sensitive_attributes", i.sensitiveAttributes());
                if (i.privateData() != null && !i.privateData().isEmpty()) {
                    in.put("private", i.privateData());
                }
                if (!i.dependencies().isEmpty()) {
                    ArrayNode deps = in.putArray("dependencies");
                    i.dependencies().stream().sorted().forEach(deps::add);
                }
                if (i.createBeforeDestroy()) {
                    in.put("create_before_destroy", true);
                }
            }
        }
        root.set("check_results", s.checkResults() == null ? F.nullNode() : s.checkResults());
        return root;
    }

    /** Parses a JSON text into a node with exact numbers (for attribute values). */
    public static JsonNode parse(String json) {
        try {
            return JsonTrees.read(json, true);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String does no I/O
        }
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
