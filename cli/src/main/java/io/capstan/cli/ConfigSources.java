package io.capstan.cli;

import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.DiagnosticRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The source files of a loaded configuration, as the diagnostic renderer needs them; with a
 * working directory, also the variables files ({@code .tfvars}, {@code .tfvars.json}) read there,
 * whose lines terraform shows under a diagnostic about a value they set.
 */
final class ConfigSources implements DiagnosticRenderer.Sources {
    private final DiagnosticRenderer.Sources files;
    private final Path dir;

    ConfigSources(ModuleTree tree) {
        this(tree, null);
    }

    ConfigSources(ModuleTree tree, Path dir) {
        List<File> all = new ArrayList<>();
        if (tree != null) {
            tree.walk(t -> all.addAll(t.module().files()));
        }
        this.files = File.sources(all);
        this.dir = dir;
    }

    @Override
    public byte[] bytes(String filename) {
        byte[] b = files.bytes(filename);
        if (b == null && dir != null && (filename.endsWith(".tfvars") || filename.endsWith(".tfvars.json"))) {
            try {
                return Files.readAllBytes(dir.resolve(filename));
            } catch (IOException | RuntimeException e) {
                return null; // gone or unreadable since it was read: no snippet, as for any missing source
            }
        }
        return b;
    }

    @Override
    public String context(String filename, int byteOffset) {
        return files.context(filename, byteOffset);
    }
}
