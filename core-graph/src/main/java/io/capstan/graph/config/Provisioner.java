package io.capstan.graph.config;

import io.capstan.hcl.body.Body;
import io.capstan.hcl.diag.SourceRange;

import java.util.Objects;

/**
 * A {@code provisioner "type"} block of a resource. {@code when} is "create" or "destroy",
 * {@code onFailure} "fail" or "continue"; {@code connection} may be null.
 */
public record Provisioner(String type, Body config, Body connection, String when, String onFailure,
                          SourceRange declRange) {
    public Provisioner {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(declRange, "declRange");
    }
}
