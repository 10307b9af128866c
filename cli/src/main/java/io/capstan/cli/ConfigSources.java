package io.capstan.cli;

import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.DiagnosticRenderer;

import java.util.ArrayList;
import java.util.List;

/** The source files of a loaded configuration, as the diagnostic renderer needs them. */
final class ConfigSources implements DiagnosticRenderer.Sources {
    private final DiagnosticRenderer.Sources files;

    ConfigSources(ModuleTree tree) {
        List<File> all = new ArrayList<>();
        if (tree != null) {
            tree.walk(t -> all.addAll(t.module().files()));
        }
        this.files = File.sources(all);
    }

    @Override
    public byte[] bytes(String filename) {
        return files.bytes(filename);
    }

    @Override
    public String context(String filename, int byteOffset) {
        return files.context(filename, byteOffset);
    }
}
