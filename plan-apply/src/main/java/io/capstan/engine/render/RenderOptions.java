package io.capstan.engine.render;

import java.util.Objects;

/**
 * How to render a plan: with ANSI colours or without ({@code -no-color}), and which plan mode
 * it was made in. (Whether planning errored and whether the plan is applyable come from the
 * plan JSON itself.)
 */
public record RenderOptions(boolean color, RenderMode mode) {
    public RenderOptions {
        Objects.requireNonNull(mode, "mode");
    }
}
