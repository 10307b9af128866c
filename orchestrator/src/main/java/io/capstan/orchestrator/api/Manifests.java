package io.capstan.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.capstan.orchestrator.api.v1.ApiObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the files users {@code apply}: JSON or YAML (several YAML documents, or a JSON array,
 * per file), each object written the way Kubernetes users expect —
 * {@code {kind, metadata, spec}} (or {@code data} for config maps and secrets) — and maps it
 * onto the API's protobuf objects. A mistake names the document and the field.
 */
public final class Manifests {
    private static final Map<Kind, String> BODY = Map.of(
            Kind.NAMESPACE, "namespace", Kind.DEPLOYMENT, "deployment", Kind.SERVICE, "service",
            Kind.CONFIG_MAP, "config_map", Kind.SECRET, "secret", Kind.NODE, "node",
            Kind.INSTANCE, "instance", Kind.ENDPOINTS, "endpoints");

    private Manifests() {
    }

    /** Parses a file's text; {@code yaml} selects YAML, else JSON. */
    public static List<ApiObject> parse(String text, boolean yaml, String source) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            if (yaml) {
                YAMLMapper m = new YAMLMapper();
                try (MappingIterator<JsonNode> it = m.readerFor(JsonNode.class).readValues(text)) {
                    while (it.hasNext()) {
                        JsonNode n = it.next();
                        if (n != null && !n.isNull() && !n.isMissingNode()) {
                            addAll(docs, n);
                        }
                    }
                }
            } else {
                addAll(docs, new ObjectMapper().readTree(text));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        List<ApiObject> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            out.add(toObject(docs.get(i), source + (docs.size() > 1 ? " (object " + (i + 1) + ")" : "")));
        }
        return out;
    }

    private static void addAll(List<JsonNode> docs, JsonNode n) {
        if (n.isArray()) {
            n.forEach(docs::add);
        } else {
            docs.add(n);
        }
    }

    /** {@code template.docker} (issue #8's name for the driver) is read as {@code template.container}. */
    private static JsonNode dockerAlias(JsonNode spec) {
        JsonNode t = spec.path("template");
        if (t instanceof ObjectNode template && template.has("docker") && !template.has("container")) {
            template.set("container", template.remove("docker"));
        }
        return spec;
    }

    static ApiObject toObject(JsonNode doc, String where) {
        if (!doc.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object with kind, metadata and spec");
        }
        String kindText = doc.path("kind").asText("");
        Kind kind = Kind.parse(kindText).orElseThrow(() -> new IllegalArgumentException(where + ": kind: "
                + (kindText.isEmpty() ? "required" : "unknown kind \"" + kindText + "\"")));
        ObjectNode wire = new ObjectMapper().createObjectNode();
        wire.put("kind", kind.wireName());
        if (doc.has("metadata")) {
            wire.set("metadata", doc.get("metadata"));
        }
        ObjectNode body = wire.putObject(BODY.get(kind));
        var fields = doc.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            switch (f.getKey()) {
                case "kind", "metadata", "apiVersion" -> { }
                case "spec", "status", "data", "ready" -> body.set(f.getKey(), dockerAlias(f.getValue()));
                default -> throw new IllegalArgumentException(where + ": " + f.getKey()
                        + ": unknown top-level field (expected kind, metadata, spec" + (kind == Kind.CONFIG_MAP || kind == Kind.SECRET ? ", data" : "") + ")");
            }
        }
        ApiObject.Builder b = ApiObject.newBuilder();
        try {
            JsonFormat.parser().merge(wire.toString(), b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage().replace("capstan.orchestrator.v1.", ""));
        }
        return b.build();
    }
}
