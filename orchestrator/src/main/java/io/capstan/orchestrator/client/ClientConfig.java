package io.capstan.orchestrator.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the CLI finds the server, like a kubeconfig: address, CA certificate (PEM) and token.
 * {@code server} and {@code dev} write it; by default it is {@code ~/.capstan/orchestrator.json},
 * overridden by {@code --config} or {@code CAPSTAN_ORCHESTRATOR_CONFIG}.
 */
public record ClientConfig(String address, String caPem, String token) {
    public static final String ENV = "CAPSTAN_ORCHESTRATOR_CONFIG";

    /** The file to use: the flag, else the environment variable, else the user's home. */
    public static Path locate(String flag, Map<String, String> env) {
        if (flag != null && !flag.isEmpty()) {
            return Paths.get(flag);
        }
        String e = env.get(ENV);
        if (e != null && !e.isEmpty()) {
            return Paths.get(e);
        }
        return Paths.get(System.getProperty("user.home"), ".capstan", "orchestrator.json");
    }

    public static ClientConfig read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no client config at " + file + ": start \"capstan orchestrator dev\" or \"server\", or pass --config");
        }
        JsonNode n = new ObjectMapper().readTree(file.toFile());
        String address = n.path("address").asText("");
        String token = n.path("token").asText("");
        if (address.isEmpty() || token.isEmpty()) {
            throw new IOException("client config " + file + " lacks \"address\" or \"token\"");
        }
        return new ClientConfig(address, n.path("ca").asText(""), token);
    }

    public void write(Path file) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = m.createObjectNode();
        n.put("address", address);
        n.put("ca", caPem);
        n.put("token", token);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".orchestrator", ".json");
        Files.writeString(tmp, m.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
