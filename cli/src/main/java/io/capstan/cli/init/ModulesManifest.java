package io.capstan.cli.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.graph.config.ModuleTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code .terraform/modules/modules.json}, Terraform's record of installed modules:
 * {@code {"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"child","Source":"./mod","Dir":"mod"}]}}.
 * Local-path modules are not copied; their {@code Dir} is the source directory relative to
 * the working directory. Keys of nested modules join call names with dots.
 */
public final class ModulesManifest {
    /** One record: module key, source as written, directory relative to the working directory. */
    public record Entry(String key, String source, String dir) {
    }

    private ModulesManifest() {
    }

    /** The entries for a loaded tree, root first then by key. */
    public static List<Entry> entries(ModuleTree tree, Path workDir) {
        Map<String, Entry> byKey = new TreeMap<>();
        Path root = workDir.toAbsolutePath().normalize();
        tree.walk(t -> {
            if (t.parent() == null) {
                return;
            }
            String key = String.join(".", t.path().names());
            String callName = t.path().names().get(t.path().names().size() - 1);
            String source = io.capstan.graph.config.InstalledModules.normalise(
                    t.parent().module().moduleCalls().get(callName).source());
            Path dir = t.module().dir().toAbsolutePath().normalize();
            String rel = dir.startsWith(root) ? root.relativize(dir).toString() : dir.toString();
            byKey.put(key, new Entry(key, source, rel.isEmpty() ? "." : rel));
        });
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("", "", "."));
        out.addAll(byKey.values());
        return out;
    }

    /** The entries recorded in {@code dataDir}, empty when there is no manifest. */
    public static Map<String, Entry> read(Path dataDir) {
        Path f = dataDir.resolve("modules").resolve("modules.json");
        Map<String, Entry> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(f.toFile());
            for (JsonNode m : n.path("Modules")) {
                Entry e = new Entry(m.path("Key").asText(), m.path("Source").asText(), m.path("Dir").asText());
                out.put(e.key(), e);
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Writes the manifest in Terraform's compact form. */
    public static void write(Path dataDir, List<Entry> entries) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode mods = root.putArray("Modules");
        for (Entry e : entries) {
            ObjectNode o = mods.addObject();
            o.put("Key", e.key());
            o.put("Source", e.source());
            o.put("Dir", e.dir());
        }
        Path dir = Files.createDirectories(dataDir.resolve("modules"));
        Files.writeString(dir.resolve("modules.json"), m.writeValueAsString(root));
    }
}
