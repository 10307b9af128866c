package io.capstan.graph.config;

import io.capstan.hcl.body.Body;
import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/** The {@code backend "type"} (or {@code cloud}) block of the {@code terraform} block; its body is decoded by the backend. */
public record Backend(String type, Body config, SourceRange declRange) {
    public Backend {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
    }
}
