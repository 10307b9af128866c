package io.capstan.engine.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.InstalledModules;
import io.capstan.graph.config.ModuleTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code init} does for a configuration's local modules, for tests that plan without the
 * CLI: the engine loads module calls as init recorded them in {@code .terraform/modules/modules.json}
 * (terraform's "Module not installed" otherwise), so a test records every local module call, each
 * at its source directory, before planning.
 */
final class LocalModules {
    private LocalModules() {
    }

    /** Records the module calls of the configuration in {@code dir} (none: no manifest is written). */
    static void install(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        ModuleTree tree = ConfigLoader.load(root).value();
        Map<String, String[]> byKey = new TreeMap<>();
        tree.walk(t -> {
            if (t.parent() == null) {
                return;
            }
            var names = t.path().names();
            String source = t.parent().module().moduleCalls().get(names.get(names.size() - 1)).source();
            Path modDir = t.module().dir().toAbsolutePath().normalize();
            byKey.put(String.join(".", names), new String[] {InstalledModules.normalise(source),
                    modDir.startsWith(root) ? root.relativize(modDir).toString() : modDir.toString()});
        });
        if (byKey.isEmpty()) {
            return;
        }
        ObjectNode manifest = new ObjectMapper().createObjectNode();
        ArrayNode mods = manifest.putArray("Modules");
        mods.addObject().put("Key", "").put("Source", "").put("Dir", ".");
        byKey.forEach((key, rec) -> mods.addObject().put("Key", key).put("Source", rec[0]).put("Dir", rec[1]));
        try {
            Path f = Files.createDirectories(root.resolve(".terraform/modules")).resolve("modules.json");
            Files.writeString(f, manifest.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
