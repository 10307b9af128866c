package io.capstan.graph.config;

import io.capstan.graph.addrs.ModulePath;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.json.JsonParser;
import io.capstan.hcl.parser.HclParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads a configuration from a directory: its {@code .tf} and {@code .tf.json} files
 * (override files last), and recursively every module called with a local-path source.
 * Remote sources are reported with an error naming the source. File names in diagnostics are
 * relative to the root directory, as Terraform prints them.
 */
public final class ConfigLoader {
    private final Path rootDir;
    private final Diagnostics diags = new Diagnostics();
    /** What init recorded in the data directory; null: modules are read from their sources. */
    private final InstalledModules installed;
    /** Files named by absolute path (terraform's graph command loads its configuration so). */
    private final boolean absoluteNames;
    /** The files to read instead of the directories' (a saved plan's configuration); null: the directories'. */
    private final ConfigSnapshot snapshot;

    private ConfigLoader(Path rootDir, InstalledModules installed, boolean absoluteNames, ConfigSnapshot snapshot) {
        this.rootDir = rootDir;
        this.installed = installed;
        this.absoluteNames = absoluteNames;
        this.snapshot = snapshot;
    }

    /** Loads the module tree rooted at {@code dir}, every module from its source (as init does). */
    public static Result<ModuleTree> load(Path dir) {
        return load(dir, (InstalledModules) null);
    }

    /**
     * Loads the module tree rooted at {@code dir} as terraform loads it outside init: each module
     * call as init recorded it in {@code dataDir}'s {@code modules/modules.json}, with terraform's
     * "Module not installed", "Module source has changed" and "Module version requirements have
     * changed" when the call and the record disagree. Without a manifest (init never ran, or found
     * no module calls) every call is "not installed", local ones too, as terraform's loader finds
     * no record for them.
     */
    public static Result<ModuleTree> load(Path dir, Path dataDir) {
        return load(dir, dataDir, false);
    }

    /**
     * As {@link #load(Path, Path)}; with {@code absoluteNames} every file is named by its absolute
     * path, as terraform's {@code graph} names them (it loads the working directory by its
     * absolute path), in diagnostics and sources alike.
     */
    public static Result<ModuleTree> load(Path dir, Path dataDir, boolean absoluteNames) {
        Path abs = dir.toAbsolutePath().normalize();
        return load(dir, dataDir == null ? null : InstalledModules.read(abs.resolve(dataDir)), absoluteNames);
    }

    /**
     * The root module alone, its files named as given (relative to {@code dir}): what terraform's
     * backend step reads before the whole configuration ({@code Meta.loadSingleModule}), so the
     * errors it finds there are the ones reported first, named so. A tree without children.
     */
    public static Result<ModuleTree> loadRoot(Path dir) {
        ConfigLoader l = new ConfigLoader(dir.toAbsolutePath().normalize(), null, false, null);
        Module root = l.loadModule(l.rootDir, null);
        return new Result<>(new ModuleTree(ModulePath.ROOT, root, null), l.diags);
    }

    private static Result<ModuleTree> load(Path dir, InstalledModules installed) {
        return load(dir, installed, false);
    }

    /**
     * Loads the module tree a saved plan recorded ({@link ConfigSnapshot}), as terraform's loader
     * from a plan file's snapshot: the snapshot's files in place of those under {@code dir}, its
     * module records in place of init's manifest. The modules keep their directories under
     * {@code dir} (file names in diagnostics, {@code path.module}), as terraform's do.
     */
    public static Result<ModuleTree> load(Path dir, ConfigSnapshot snapshot) {
        return load(dir, snapshot.manifest(), false, snapshot);
    }

    private static Result<ModuleTree> load(Path dir, InstalledModules installed, boolean absoluteNames) {
        return load(dir, installed, absoluteNames, null);
    }

    private static Result<ModuleTree> load(Path dir, InstalledModules installed, boolean absoluteNames,
            ConfigSnapshot snapshot) {
        ConfigLoader l = new ConfigLoader(dir.toAbsolutePath().normalize(), installed, absoluteNames, snapshot);
        Module root = l.loadModule(l.rootDir, null);
        ModuleTree tree = new ModuleTree(ModulePath.ROOT, root, null);
        if (installed == null || !l.diags.hasErrors()) {
            // as terraform's loader: a root module with errors is not built into a tree (no module is read)
            l.loadChildren(tree, new HashSet<>(Set.of(l.rootDir)));
        }
        return new Result<>(tree, l.diags);
    }

    private Module loadModule(Path dir, SourceRange callRange) {
        if (snapshot != null) {
            return loadSnapshotModule(dir, snapshot.at(rootDir.relativize(dir).toString()).files());
        }
        List<Path> paths = new ArrayList<>();
        // a loop rather than a stream of lambdas: each lambda call site costs every CLI run its bootstrap (#6)
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if ((n.endsWith(".tf") || n.endsWith(".tf.json")) && !n.startsWith(".") && !n.startsWith("#")
                        && !n.endsWith("~") && Files.isRegularFile(p)) {
                    paths.add(p);
                }
            }
            java.util.Collections.sort(paths);
        } catch (IOException e) {
            diags.add(Diagnostic.error("Failed to read module directory", "Module directory " + dir
                    + " does not exist or cannot be read.", callRange));
            return ModuleDecoder.decode(dir, List.of(), List.of()).value();
        }
        List<File> primary = new ArrayList<>();
        List<File> overrides = new ArrayList<>();
        for (Path p : paths) {
            String name = display(p);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                diags.add(Diagnostic.error("Failed to read file", "The configuration file \"" + name
                        + "\" could not be read.", null));
                continue;
            }
            parse(bytes, name, primary, overrides);
        }
        Result<Module> m = ModuleDecoder.decode(dir, primary, overrides);
        diags.addAll(m.diagnostics());
        return m.value();
    }

    /** The module in {@code dir} made of a snapshot's {@code files} (by file name, in name order). */
    private Module loadSnapshotModule(Path dir, java.util.Map<String, byte[]> files) {
        List<File> primary = new ArrayList<>();
        List<File> overrides = new ArrayList<>();
        files.forEach((name, bytes) -> parse(bytes, display(dir.resolve(name)), primary, overrides));
        Result<Module> m = ModuleDecoder.decode(dir, primary, overrides);
        diags.addAll(m.diagnostics());
        return m.value();
    }

    private void parse(byte[] bytes, String name, List<File> primary, List<File> overrides) {
        Result<File> r = name.endsWith(".json") ? JsonParser.parse(bytes, name) : HclParser.parseConfig(bytes, name);
        diags.addAll(r.diagnostics());
        if (r.value() != null) {
            (ModuleDecoder.isOverrideFile(name) ? overrides : primary).add(r.value());
        }
    }

    private String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(rootDir) && !absoluteNames ? rootDir.relativize(abs).toString() : abs.toString();
    }

    private void loadChildren(ModuleTree parent, Set<Path> ancestors) {
        for (ModuleCall call : parent.module().moduleCalls().values()) {
            String src = call.source();
            if (src == null) {
                continue;
            }
            boolean local = src.startsWith("./") || src.startsWith("../");
            if (local && call.version() != null) {
                diags.add(Diagnostic.error("Invalid registry module source address", "Cannot use a version "
                        + "constraint with a local module source \"" + src + "\".", call.version().range()));
            }
            Path dir;
            if (installed != null && installed.manifest()) {
                dir = installedDir(call, String.join(".", parent.path().child(call.name()).names()));
                if (dir == null) {
                    continue;
                }
            } else if (installed != null) {
                diags.add(notInstalled(call));
                continue;
            } else {
                if (!local) {
                    diags.add(Diagnostic.error("Unsupported module source", "Module \"" + call.name() + "\" uses source \""
                            + src + "\", which is a remote source (registry, git, http...). Capstan supports only local "
                            + "paths starting with \"./\" or \"../\" for now; download the module and refer to its "
                            + "directory.", call.sourceRange()));
                    continue;
                }
                dir = parent.module().dir().resolve(src).normalize();
                if (!Files.isDirectory(dir)) {
                    diags.add(Diagnostic.error("Unreadable module directory", "The directory " + display(dir)
                            + " does not exist or cannot be read.", call.sourceRange()));
                    continue;
                }
            }
            if (ancestors.contains(dir)) {
                diags.add(Diagnostic.error("Module cycle", "Module \"" + call.name() + "\" calls its own ancestor "
                        + display(dir) + ".", call.sourceRange()));
                continue;
            }
            Module m = loadModule(dir, call.sourceRange());
            ModuleTree child = new ModuleTree(parent.path().child(call.name()), m, parent);
            if (!m.imports().isEmpty()) {
                diags.add(Diagnostic.error("Invalid import configuration", "An import block was detected in \""
                        + child.path() + "\". Import blocks are only allowed in the root module.",
                        m.imports().get(0).declRange()));
            }
            parent.addChild(call.name(), child);
            Set<Path> next = new HashSet<>(ancestors);
            next.add(dir);
            loadChildren(child, next);
        }
    }

    /** terraform's moduleWalkerLoad: the directory init recorded for {@code key}, or null (reported). */
    private Path installedDir(ModuleCall call, String key) {
        InstalledModules.Record record = installed.records().get(key);
        if (record == null) {
            diags.add(notInstalled(call));
            return null;
        }
        if (!InstalledModules.normalise(call.source()).equals(record.source())) {
            diags.add(Diagnostic.error("Module source has changed", "The source address was changed since this module "
                    + "was installed. Run \"terraform init\" to install all modules required by this configuration.",
                    call.sourceRange()));
        }
        if (call.version() != null && record.version() == null) {
            diags.add(Diagnostic.error("Module version requirements have changed", "The version requirements have "
                    + "changed since this module was installed and the installed version is no longer acceptable. Run "
                    + "\"terraform init\" to install all modules required by this configuration.", call.sourceRange()));
        }
        Path dir = rootDir.resolve(record.dir()).normalize();
        if (snapshot != null ? snapshot.at(rootDir.relativize(dir).toString()) == null : !Files.isDirectory(dir)) {
            diags.add(Diagnostic.error("Module not installed", "This module's local cache directory " + record.dir()
                    + " could not be read. Run \"terraform init\" to install all modules required by this "
                    + "configuration.", call.declRange()));
            return null;
        }
        return dir;
    }

    private static Diagnostic notInstalled(ModuleCall call) {
        return Diagnostic.error("Module not installed", "This module is not yet installed. Run \"terraform init\" to "
                + "install all modules required by this configuration.", call.declRange());
    }
}
