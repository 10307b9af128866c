package io.capstan.graph.config;

import io.capstan.hcl.body.File;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration files of a loaded module tree, as terraform's plan file embeds them
 * ({@code configload.Snapshot}): for each module, by its key (the call names from the root joined
 * with dots; the root's is empty), the directory it was read from (relative to the root
 * directory), its source address and version as init recorded them, and every configuration file
 * the loader read there ({@code .tf}, {@code .tf.json}, overrides), by file name. {@link
 * ConfigLoader#load(Path, ConfigSnapshot)} loads the same tree again from it, whatever the files
 * on disk became.
 *
 * @param modules by key, sorted
 */
public record ConfigSnapshot(Map<String, SnapshotModule> modules) {
    /**
     * One module of a snapshot.
     *
     * @param dir     the directory it was read from, relative to the root directory ({@code .} for the root)
     * @param source  the source address init recorded (null for the root)
     * @param version the version init installed (null for the root, local and remote sources)
     * @param files   the configuration files read, by file name (sorted)
     */
    public record SnapshotModule(String dir, String source, String version, Map<String, byte[]> files) {
        public SnapshotModule {
            files = Collections.unmodifiableMap(new TreeMap<>(files));
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof SnapshotModule m) || !java.util.Objects.equals(dir, m.dir)
                    || !java.util.Objects.equals(source, m.source) || !java.util.Objects.equals(version, m.version)
                    || !files.keySet().equals(m.files.keySet())) {
                return false;
            }
            return files.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), m.files.get(e.getKey())));
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(dir, source, version, files.keySet());
        }
    }

    public ConfigSnapshot {
        modules = Collections.unmodifiableMap(new TreeMap<>(modules));
    }

    /**
     * The snapshot of {@code tree}, loaded from {@code rootDir}: each module's files as the loader
     * read them, its source and version from {@code installed} (the manifest the tree was loaded
     * through; a module it has no record of gets its call's source).
     */
    public static ConfigSnapshot of(ModuleTree tree, Path rootDir, InstalledModules installed) {
        Path root = rootDir.toAbsolutePath().normalize();
        Map<String, SnapshotModule> out = new TreeMap<>();
        tree.walk(t -> {
            String key = String.join(".", t.path().names());
            Map<String, byte[]> files = new TreeMap<>();
            for (File f : t.module().files()) {
                String name = f.filename();
                files.put(name.substring(name.lastIndexOf('/') + 1), f.bytes());
            }
            String dir = root.relativize(t.module().dir().toAbsolutePath().normalize()).toString();
            String source = null;
            String version = null;
            if (t.parent() != null) {
                InstalledModules.Record r = installed == null ? null : installed.records().get(key);
                ModuleCall call = t.parent().module().moduleCalls().get(t.path().names().get(t.path().names().size() - 1));
                source = r != null ? r.source() : call == null ? null : InstalledModules.normalise(call.source());
                version = r != null ? r.version() : null;
            }
            out.put(key, new SnapshotModule(dir.isEmpty() ? "." : dir, source, version, files));
        });
        return new ConfigSnapshot(out);
    }

    /** This snapshot with {@code name} added to (or replaced in) the root module's files. */
    public ConfigSnapshot withRootFile(String name, byte[] bytes) {
        Map<String, SnapshotModule> out = new TreeMap<>(modules);
        SnapshotModule root = out.get("");
        Map<String, byte[]> files = new TreeMap<>(root.files());
        files.put(name, bytes);
        out.put("", new SnapshotModule(root.dir(), root.source(), root.version(), files));
        return new ConfigSnapshot(out);
    }

    /** The manifest the snapshot's tree loads its module calls through, as terraform's snapshot loader makes one. */
    InstalledModules manifest() {
        Map<String, InstalledModules.Record> records = new TreeMap<>();
        modules.forEach((key, m) -> {
            if (!key.isEmpty()) {
                records.put(key, new InstalledModules.Record(m.source(), m.version(), m.dir()));
            }
        });
        return new InstalledModules(true, records);
    }

    /** The module read from {@code dir} (relative to the root directory), or null. */
    SnapshotModule at(String dir) {
        String d = dir.isEmpty() ? "." : dir;
        for (SnapshotModule m : modules.values()) {
            if (m.dir().equals(d)) {
                return m;
            }
        }
        return null;
    }
}
