package io.capstan.graph.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The modules init installed, as recorded in the data directory's {@code modules/modules.json}
 * (terraform's manifest: key, source address, version and directory of each module call). Outside
 * init, terraform loads every module call from its record, so a call init has not seen is "not
 * installed"; {@link ConfigLoader} does the same.
 *
 * @param manifest whether the data directory holds a manifest at all
 * @param records by key: the call names from the root joined with dots ({@code a.b})
 */
public record InstalledModules(boolean manifest, Map<String, Record> records) {
    /** One installed module: its source address as terraform writes it, its version (null for local and remote sources), its directory relative to the working directory. */
    public record Record(String source, String version, String dir) {
    }

    public InstalledModules {
        records = Map.copyOf(records);
    }

    /** The manifest in {@code dataDir}; none (no records) when it is absent or unreadable. */
    public static InstalledModules read(Path dataDir) {
        Path f = dataDir.resolve("modules").resolve("modules.json");
        if (!Files.isRegularFile(f)) {
            return new InstalledModules(false, Map.of());
        }
        Map<String, Record> out = new LinkedHashMap<>();
        try {
            for (JsonNode m : new ObjectMapper().readTree(f.toFile()).path("Modules")) {
                String version = m.path("Version").asText("");
                out.put(m.path("Key").asText(), new Record(m.path("Source").asText(),
                        version.isEmpty() ? null : version, m.path("Dir").asText()));
            }
        } catch (IOException e) {
            return new InstalledModules(false, Map.of());
        }
        return new InstalledModules(true, out);
    }

    /**
     * A module source as terraform records it: a local path cleaned ({@code ./mod/} is
     * {@code ./mod}), a registry address with its host ({@code registry.terraform.io/ns/name/system});
     * anything else as written.
     */
    public static String normalise(String source) {
        if (source.startsWith("./") || source.startsWith("../")) {
            String clean = Path.of(source).normalize().toString().replace('\\', '/');
            return clean.startsWith("../") || clean.equals("..") ? clean : "./" + clean;
        }
        if (!source.contains("::") && !source.contains("://") && source.matches("[A-Za-z0-9-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9]+")) {
            return "registry.terraform.io/" + source;
        }
        return source;
    }
}
