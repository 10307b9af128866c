package io.capstan.cli;

import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.DiagnosticRenderer;

import java.util.HashMap;
import java.util.Map;

/** The source files of a loaded configuration, as the diagnostic renderer needs them. */
final class ConfigSources implements DiagnosticRenderer.Sources {
    private final Map<String, File> files = new HashMap<>();

    ConfigSources(ModuleTree tree) {
        if (tree != null) {
            tree.walk(t -> t.module().files().forEach(f -> files.put(f.filename(), f)));
        }
    }

    @Override
    public byte[] bytes(String filename) {
        File f = files.get(filename);
        return f == null ? null : f.bytes();
    }

    @Override
    public String context(String filename, int byteOffset) {
        File f = files.get(filename);
        return f == null ? "" : f.contextString(byteOffset);
    }
}
