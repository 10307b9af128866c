package io.capstan.orchestrator.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the Docker Engine API (v1.41) the agent needs, spoken over the daemon's Unix socket:
 * ensure an image (local, else pull, with a clear error when no registry answers), create with env,
 * labels, CPU and memory limits, start, stop with a grace period, wait for the exit code, logs,
 * remove, and list by label so a restarted agent adopts the containers it already runs.
 */
public final class DockerEngine {
    /** Label that ties a container to an instance (namespace/name). */
    public static final String INSTANCE_LABEL = "io.capstan.instance";
    private static final String V = "/v1.41";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UnixHttp http;

    private DockerEngine(Path socket) {
        this.http = new UnixHttp(socket);
    }

    /** Connects to the daemon socket and checks that it answers. */
    public static DockerEngine connect(Path socket) throws DockerException {
        if (!Files.exists(socket)) {
            throw new DockerException("no Docker daemon socket at " + socket);
        }
        DockerEngine d = new DockerEngine(socket);
        d.expect(d.call("GET", "/_ping", null), 200, "ping the Docker daemon");
        return d;
    }

    private UnixHttp.Response call(String method, String path, Object body) throws DockerException {
        try {
            return http.call(method, V + path, body == null ? null : JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new DockerException("Docker daemon: " + method + " " + path + ": " + e.getMessage());
        }
    }

    private UnixHttp.Response expect(UnixHttp.Response r, int ok, String what) throws DockerException {
        if (r.status() != ok && !(ok == 204 && r.status() == 304)) {
            throw new DockerException("cannot " + what + ": " + message(r));
        }
        return r;
    }

    private static String message(UnixHttp.Response r) {
        try {
            JsonNode n = JSON.readTree(r.body());
            return n.path("message").asText(r.text()).trim() + " (HTTP " + r.status() + ")";
        } catch (IOException e) {
            return r.text().trim() + " (HTTP " + r.status() + ")";
        }
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Makes sure the image is present: local if it exists, else pulled from its registry. */
    public void ensureImage(String image) throws DockerException {
        if (call("GET", "/images/" + q(image) + "/json", null).status() == 200) {
            return;
        }
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > image.lastIndexOf('/');
        String from = tagged ? image.substring(0, colon) : image;
        String tag = tagged ? image.substring(colon + 1) : "latest";
        UnixHttp.Response r = call("POST", "/images/create?fromImage=" + q(from) + "&tag=" + q(tag), null);
        String error = null;
        if (r.status() == 200) {
            for (String line : r.text().split("\n")) {
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n.hasNonNull("error")) {
                        error = n.get("error").asText();
                    }
                } catch (IOException ignored) {
                    // progress lines only
                }
            }
        } else {
            error = message(r);
        }
        if (error != null || call("GET", "/images/" + q(image) + "/json", null).status() != 200) {
            throw new DockerException("image " + image + " is not present locally and cannot be pulled (is its registry reachable?): "
                    + (error == null ? "pull did not produce the image" : error));
        }
    }

    /** Creates and starts a container; returns its id. */
    public String run(ContainerSpec spec) throws DockerException {
        ObjectNode body = JSON.createObjectNode();
        body.put("Image", spec.image());
        if (!spec.command().isEmpty()) {
            ArrayNode cmd = body.putArray("Cmd");
            spec.command().forEach(cmd::add);
        }
        ArrayNode env = body.putArray("Env");
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        ObjectNode labels = body.putObject("Labels");
        spec.labels().forEach(labels::put);
        ObjectNode host = body.putObject("HostConfig");
        host.put("NetworkMode", "host");
        host.put("Init", true);
        if (spec.cpuMillis() > 0) {
            host.put("NanoCpus", spec.cpuMillis() * 1_000_000L);
        }
        if (spec.memoryMb() > 0) {
            host.put("Memory", spec.memoryMb() << 20);
        }
        UnixHttp.Response r = expect(call("POST", "/containers/create?name=" + q(spec.name()), body), 201,
                "create container " + spec.name());
        String id;
        try {
            id = JSON.readTree(r.body()).get("Id").asText();
        } catch (IOException e) {
            throw new DockerException("unreadable create response: " + r.text());
        }
        expect(call("POST", "/containers/" + id + "/start", null), 204, "start container " + spec.name());
        return id;
    }

    /** SIGTERM, then SIGKILL after {@code graceSeconds}. Stopping a stopped container is fine. */
    public void stop(String id, int graceSeconds) throws DockerException {
        expect(call("POST", "/containers/" + id + "/stop?t=" + graceSeconds, null), 204, "stop container " + id);
    }

    /** Blocks until the container exits; returns its exit code. */
    public int await(String id) throws DockerException {
        UnixHttp.Response r = expect(call("POST", "/containers/" + id + "/wait", null), 200, "wait for container " + id);
        try {
            return JSON.readTree(r.body()).path("StatusCode").asInt();
        } catch (IOException e) {
            throw new DockerException("unreadable wait response: " + r.text());
        }
    }

    public void remove(String id) throws DockerException {
        UnixHttp.Response r = call("DELETE", "/containers/" + id + "?force=true", null);
        if (r.status() != 204 && r.status() != 404) {
            throw new DockerException("cannot remove container " + id + ": " + message(r));
        }
    }

    public Optional<ContainerInfo> inspect(String id) throws DockerException {
        UnixHttp.Response r = call("GET", "/containers/" + id + "/json", null);
        if (r.status() == 404) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(expect(r, 200, "inspect container " + id).body());
            JsonNode state = n.path("State");
            return Optional.of(new ContainerInfo(n.path("Id").asText(), n.path("Name").asText().replaceFirst("^/", ""),
                    labels(n.path("Config").path("Labels")), state.path("Running").asBoolean(), state.path("ExitCode").asInt()));
        } catch (IOException e) {
            throw new DockerException("unreadable inspect response: " + r.text());
        }
    }

    /** Every container (running or not) carrying {@code label}: what an agent adopts after a restart. */
    public List<ContainerInfo> list(String label) throws DockerException {
        String filters = q("{\"label\":[\"" + label + "\"]}");
        UnixHttp.Response r = expect(call("GET", "/containers/json?all=true&filters=" + filters, null), 200, "list containers");
        List<ContainerInfo> out = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(r.body())) {
                String name = n.path("Names").path(0).asText().replaceFirst("^/", "");
                out.add(new ContainerInfo(n.path("Id").asText(), name, labels(n.path("Labels")),
                        n.path("State").asText().equals("running"), 0));
            }
        } catch (IOException e) {
            throw new DockerException("unreadable list response: " + r.text());
        }
        return out;
    }

    /** stdout and stderr interleaved as Docker recorded them (its multiplexed stream, de-framed). */
    public String logs(String id) throws DockerException {
        return logs(id, 0);
    }

    /** The last {@code tail} lines of the container's output (all of it when {@code tail <= 0}). */
    public String logs(String id, int tail) throws DockerException {
        byte[] raw = expect(call("GET", "/containers/" + id + "/logs?stdout=1&stderr=1" + (tail > 0 ? "&tail=" + tail : ""), null),
                200, "read logs of " + id).body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i + 8 <= raw.length && raw[i] <= 2 && raw[i + 1] == 0 && raw[i + 2] == 0 && raw[i + 3] == 0) {
            int len = ((raw[i + 4] & 0xff) << 24) | ((raw[i + 5] & 0xff) << 16) | ((raw[i + 6] & 0xff) << 8) | (raw[i + 7] & 0xff);
            out.write(raw, i + 8, Math.min(len, raw.length - i - 8));
            i += 8 + len;
        }
        if (i == 0) {
            out.write(raw, 0, raw.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code command} inside the running container (a probe) and returns its exit code;
     * a command still running after {@code timeoutMs} is reported as exit code -1.
     */
    public int exec(String id, List<String> command, long timeoutMs) throws DockerException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode cmd = body.putArray("Cmd");
        command.forEach(cmd::add);
        body.put("AttachStdout", false).put("AttachStderr", false);
        String execId;
        try {
            execId = JSON.readTree(expect(call("POST", "/containers/" + id + "/exec", body), 201, "exec in " + id).body())
                    .get("Id").asText();
        } catch (IOException e) {
            throw new DockerException("unreadable exec response");
        }
        expect(call("POST", "/exec/" + execId + "/start", JSON.createObjectNode().put("Detach", true)), 200, "start exec in " + id);
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            try {
                JsonNode n = JSON.readTree(expect(call("GET", "/exec/" + execId + "/json", null), 200, "inspect exec").body());
                if (!n.path("Running").asBoolean()) {
                    return n.path("ExitCode").asInt();
                }
            } catch (IOException e) {
                throw new DockerException("unreadable exec inspect response");
            }
            if (System.nanoTime() > end) {
                return -1;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    private static Map<String, String> labels(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
