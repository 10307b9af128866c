package io.capstan.provider.client;

import java.util.List;

/**
 * A path into a resource's value, as providers use it to point a diagnostic or a
 * "requires replacement" at one attribute. Renders like Terraform does: {@code tags["Name"]},
 * {@code ingress[0].from_port}.
 */
public record AttributePath(List<PathStep> steps) {
    public static final AttributePath ROOT = new AttributePath(List.of());

    public AttributePath {
        steps = List.copyOf(steps);
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (PathStep s : steps) {
            if (s instanceof PathStep.AttributeName a) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(a.name());
            } else if (s instanceof PathStep.ElementKeyString k) {
                sb.append("[\"").append(k.key().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            } else if (s instanceof PathStep.ElementKeyInt i) {
                sb.append('[').append(i.index()).append(']');
            }
        }
        return sb.toString();
    }
}
