package io.capstan.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the one-line JSON messages of Terraform's machine-readable UI ({@code plan -json},
 * {@code apply -json}): {@code @level}, {@code @message} with the same text Terraform writes,
 * {@code @module "terraform.ui"}, {@code @timestamp} (RFC 3339 with microseconds), the
 * type-specific body and {@code type}. Pure builders: the caller writes the lines.
 */
public final class JsonUi {
    /** The machine-readable UI version Terraform 1.11 announces. */
    public static final String UI_VERSION = "1.2";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Created on first use: only {@code -json} runs write messages. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private final Clock clock;

    public JsonUi(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private String line(String level, String message, String type, Map<String, JsonNode> body) {
        // Terraform's log lines have their top-level keys in sorted order.
        Map<String, JsonNode> all = new TreeMap<>(body);
        all.put("@level", F.textNode(level));
        all.put("@message", F.textNode(message));
        all.put("@module", F.textNode("terraform.ui"));
        all.put("@timestamp", F.textNode(TIMESTAMP.format(ZonedDateTime.now(clock))));
        all.put("type", F.textNode(type));
        ObjectNode o = F.objectNode();
        all.forEach(o::set);
        try {
            return goEscape(Mapper.INSTANCE.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Go's encoding/json escapes HTML-significant characters and line separators. */
    static String goEscape(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** {@code {"@message":"Terraform 1.11.4", "terraform":"1.11.4", "type":"version", "ui":"1.2"}}. */
    public String version(String product, String version) {
        return line("info", product + " " + version, "version",
                Map.of("terraform", F.textNode(version), "ui", F.textNode(UI_VERSION)));
    }

    public String log(String level, String message) {
        return line(level, message, "log", Map.of());
    }

    /**
     * A diagnostic, given as the object {@code validate -json} uses (severity, summary, detail,
     * range, snippet...). Level is {@code error} or {@code warn}.
     */
    public String diagnostic(JsonNode diagnostic) {
        boolean error = diagnostic.path("severity").asText().equals("error");
        String summary = diagnostic.path("summary").asText();
        return line(error ? "error" : "warn", (error ? "Error: " : "Warning: ") + summary, "diagnostic",
                Map.of("diagnostic", diagnostic));
    }

    /** The UI action name of a JSON plan resource change ({@code replace} for both orders). */
    static String uiAction(JsonNode rc) {
        PlanAction a = PlanAction.fromJson(rc.path("change").path("actions"));
        String prev = rc.path("previous_address").asText("");
        JsonNode importing = rc.path("change").get("importing");
        return switch (a) {
            case CREATE -> "create";
            case UPDATE -> "update";
            case DELETE -> "delete";
            case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> "replace";
            case READ -> "read";
            case FORGET -> "remove";
            case NO_OP -> {
                if (!prev.isEmpty() && !prev.equals(rc.path("address").asText())) {
                    yield "move";
                }
                yield importing != null && !importing.isNull() ? "import" : "noop";
            }
        };
    }

    static String uiReason(String actionReason) {
        return switch (actionReason) {
            case "replace_because_tainted" -> "tainted";
            case "replace_by_request" -> "requested";
            case "replace_because_cannot_update" -> "cannot_update";
            case "replace_by_triggers" -> "replace_by_triggers";
            default -> actionReason;
        };
    }

    private static ObjectNode change(JsonNode rc) {
        ObjectNode c = F.objectNode();
        c.set("resource", UiResource.parse(rc.path("address").asText()).toJson());
        String prev = rc.path("previous_address").asText("");
        if (!prev.isEmpty() && !prev.equals(rc.path("address").asText())) {
            c.set("previous_resource", UiResource.parse(prev).toJson());
        }
        c.put("action", uiAction(rc));
        String reason = rc.path("action_reason").asText("");
        if (!reason.isEmpty()) {
            c.put("reason", uiReason(reason));
        }
        JsonNode importing = rc.path("change").get("importing");
        if (importing != null && !importing.isNull()) {
            ObjectNode i = c.putObject("importing");
            if (importing.hasNonNull("id")) {
                i.put("id", importing.get("id").asText());
            }
        }
        String generated = rc.path("change").path("generated_config").asText("");
        if (!generated.isEmpty()) {
            c.put("generated_config", generated);
        }
        return c;
    }

    /** {@code addr: Plan to create} for one JSON plan {@code resource_changes} entry. */
    public String plannedChange(JsonNode resourceChange) {
        ObjectNode c = change(resourceChange);
        return line("info", resourceChange.path("address").asText() + ": Plan to " + c.path("action").asText(),
                "planned_change", Map.of("change", c));
    }

    /** {@code addr: Drift detected (update)} for one JSON plan {@code resource_drift} entry. */
    public String resourceDrift(JsonNode drift) {
        ObjectNode c = change(drift);
        return line("info", drift.path("address").asText() + ": Drift detected (" + c.path("action").asText() + ")",
                "resource_drift", Map.of("change", c));
    }

    /**
     * The change summary. {@code operation} is {@code plan}, {@code apply} or {@code destroy};
     * the message reads like Terraform's ({@code Plan: 1 to add, ...},
     * {@code Apply complete! Resources: ...}, {@code Destroy complete! Resources: N destroyed.}).
     */
    public String changeSummary(String operation, int add, int change, int remove, int imported) {
        String message = switch (operation) {
            case "apply" -> imported > 0
                    ? "Apply complete! Resources: " + imported + " imported, " + add + " added, " + change + " changed, " + remove + " destroyed."
                    : "Apply complete! Resources: " + add + " added, " + change + " changed, " + remove + " destroyed.";
            case "destroy" -> "Destroy complete! Resources: " + remove + " destroyed.";
            default -> imported > 0
                    ? "Plan: " + imported + " to import, " + add + " to add, " + change + " to change, " + remove + " to destroy."
                    : "Plan: " + add + " to add, " + change + " to change, " + remove + " to destroy.";
        };
        ObjectNode c = F.objectNode();
        c.put("add", add);
        c.put("change", change);
        c.put("import", imported);
        c.put("remove", remove);
        c.put("operation", operation);
        return line("info", message, "change_summary", Map.of("changes", c));
    }

    /** The plan's change summary counted from a JSON plan, as {@code plan -json} reports it. */
    public String changeSummary(JsonNode plan) {
        return changeSummary(ChangeSource.of(plan.path("resource_changes")));
    }

    /** The plan's change summary counted from its changes' headers, as {@code plan -json} reports it. */
    public String changeSummary(ChangeSource changes) {
        int add = 0;
        int change = 0;
        int remove = 0;
        int imported = 0;
        for (int i = 0, n = changes.size(); i < n; i++) {
            JsonNode rc = changes.header(i);
            JsonNode importing = rc.path("change").get("importing");
            if (importing != null && !importing.isNull()) {
                imported++;
            }
            switch (PlanAction.fromJson(rc.path("change").path("actions"))) {
                case CREATE -> add++;
                case UPDATE -> change++;
                case DELETE -> {
                    if (rc.path("mode").asText().equals("managed")) {
                        remove++;
                    }
                }
                case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> {
                    add++;
                    remove++;
                }
                default -> { }
            }
        }
        return changeSummary("plan", add, change, remove, imported);
    }

    /** The {@code outputs} message of a plan: each output's sensitivity and planned action. */
    public String plannedOutputs(JsonNode plan) {
        ObjectNode outs = F.objectNode();
        Map<String, JsonNode> sorted = new TreeMap<>();
        plan.path("output_changes").fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((name, oc) -> {
            ObjectNode o = outs.putObject(name);
            boolean sensitive = oc.path("before_sensitive").asBoolean(false) || oc.path("after_sensitive").asBoolean(false);
            o.put("sensitive", sensitive);
            PlanAction a = PlanAction.fromJson(oc.path("actions"));
            o.put("action", switch (a) {
                case CREATE -> "create";
                case UPDATE -> "update";
                case DELETE -> "delete";
                default -> "noop";
            });
        });
        return line("info", "Outputs: " + sorted.size(), "outputs", Map.of("outputs", outs));
    }

    /**
     * The {@code outputs} message after apply, from root outputs in the state's form
     * ({@code {"name": {"value":..., "type":..., "sensitive":...}}}); sensitive values omitted.
     */
    public String outputs(JsonNode stateOutputs) {
        ObjectNode outs = F.objectNode();
        Map<String, JsonNode> sorted = new TreeMap<>();
        stateOutputs.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((name, ov) -> {
            ObjectNode o = outs.putObject(name);
            boolean sensitive = ov.path("sensitive").asBoolean(false);
            o.put("sensitive", sensitive);
            if (ov.has("type")) {
                o.set("type", ov.get("type"));
            }
            if (!sensitive && ov.has("value")) {
                o.set("value", ov.get("value"));
            }
        });
        return line("info", "Outputs: " + sorted.size(), "outputs", Map.of("outputs", outs));
    }

    private static ObjectNode hook(UiResource r) {
        ObjectNode h = F.objectNode();
        h.set("resource", r.toJson());
        return h;
    }

    private static String idSuffix(String idKey, String idValue) {
        return idKey == null || idKey.isEmpty() ? "" : " [" + idKey + "=" + idValue + "]";
    }

    /** {@code addr: Creating...} / {@code Modifying... [id=x]} / {@code Destroying... [id=x]}. */
    public String applyStart(UiResource r, String action, String idKey, String idValue) {
        ObjectNode h = hook(r);
        h.put("action", action);
        if (idKey != null && !idKey.isEmpty()) {
            h.put("id_key", idKey);
            h.put("id_value", idValue);
        }
        return line("info", r.addr() + ": " + (action.equals("read") ? "Refreshing" : ApplyVerbs.start(action)) + "..." + idSuffix(idKey, idValue),
                "apply_start", Map.of("hook", h));
    }

    /** {@code addr: Still creating... [10s elapsed]}. */
    public String applyProgress(UiResource r, String action, long elapsedSeconds) {
        ObjectNode h = hook(r);
        h.put("action", action);
        h.put("elapsed_seconds", elapsedSeconds);
        return line("info", r.addr() + ": Still " + (action.equals("read") ? "refreshing" : ApplyVerbs.progress(action)) + "... ["
                + ApplyVerbs.duration(elapsedSeconds) + " elapsed]", "apply_progress", Map.of("hook", h));
    }

    /** {@code addr: Creation complete after 2s [id=x]}. */
    public String applyComplete(UiResource r, String action, String idKey, String idValue, long elapsedSeconds) {
        ObjectNode h = hook(r);
        h.put("action", action);
        if (idKey != null && !idKey.isEmpty()) {
            h.put("id_key", idKey);
            h.put("id_value", idValue);
        }
        h.put("elapsed_seconds", elapsedSeconds);
        return line("info", r.addr() + ": " + readNoun(action) + " complete after "
                + ApplyVerbs.duration(elapsedSeconds) + idSuffix(idKey, idValue), "apply_complete", Map.of("hook", h));
    }

    /** {@code addr: Creation errored after 10s} (the error itself is a separate diagnostic). */
    public String applyErrored(UiResource r, String action, long elapsedSeconds) {
        ObjectNode h = hook(r);
        h.put("action", action);
        h.put("elapsed_seconds", elapsedSeconds);
        return line("error", r.addr() + ": " + readNoun(action) + " errored after "
                + ApplyVerbs.duration(elapsedSeconds), "apply_errored", Map.of("hook", h));
    }

    public String provisionStart(UiResource r, String provisioner) {
        ObjectNode h = hook(r);
        h.put("provisioner", provisioner);
        return line("info", r.addr() + ": Provisioning with '" + provisioner + "'...", "provision_start", Map.of("hook", h));
    }

    public String provisionProgress(UiResource r, String provisioner, String output) {
        ObjectNode h = hook(r);
        h.put("provisioner", provisioner);
        h.put("output", output);
        return line("info", r.addr() + ": (" + provisioner + "): " + output, "provision_progress", Map.of("hook", h));
    }

    public String provisionComplete(UiResource r, String provisioner) {
        ObjectNode h = hook(r);
        h.put("provisioner", provisioner);
        return line("info", r.addr() + ": (" + provisioner + ") Provisioning complete", "provision_complete", Map.of("hook", h));
    }

    public String provisionErrored(UiResource r, String provisioner) {
        ObjectNode h = hook(r);
        h.put("provisioner", provisioner);
        return line("error", r.addr() + ": (" + provisioner + ") Provisioning errored", "provision_errored", Map.of("hook", h));
    }

    /** terraform's JSON view names a data source read a refresh, where the human view says "Read". */
    private static String readNoun(String action) {
        return action.equals("read") ? "Refresh" : ApplyVerbs.noun(action);
    }

    /** {@code addr: Refreshing state... [id=x]}. */
    public String refreshStart(UiResource r, String idKey, String idValue) {
        ObjectNode h = hook(r);
        if (idKey != null && !idKey.isEmpty()) {
            h.put("id_key", idKey);
            h.put("id_value", idValue);
        }
        return line("info", r.addr() + ": Refreshing state..." + idSuffix(idKey, idValue), "refresh_start", Map.of("hook", h));
    }

    /** {@code addr: Refresh complete [id=x]}. */
    public String refreshComplete(UiResource r, String idKey, String idValue) {
        ObjectNode h = hook(r);
        if (idKey != null && !idKey.isEmpty()) {
            h.put("id_key", idKey);
            h.put("id_value", idValue);
        }
        return line("info", r.addr() + ": Refresh complete" + idSuffix(idKey, idValue), "refresh_complete", Map.of("hook", h));
    }
}
