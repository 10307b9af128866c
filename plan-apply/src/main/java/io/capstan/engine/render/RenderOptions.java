package io.capstan.engine.render;

import java.util.Objects;

/**
 * How to render a plan: with ANSI colours or without ({@code -no-color}), which plan mode it was
 * made in, and the width its paragraphs wrap at (terraform's: the terminal's width on a terminal,
 * 78 columns off one). (Whether planning errored and whether the plan is applyable come from the
 * plan JSON itself.)
 */
public record RenderOptions(boolean color, RenderMode mode, int columns) {
    public RenderOptions {
        Objects.requireNonNull(mode, "mode");
        if (columns <= 1) {
            throw new IllegalArgumentException("columns " + columns);
        }
    }

    /** At terraform's default width, 78 columns. */
    public RenderOptions(boolean color, RenderMode mode) {
        this(color, mode, GoText.COLUMNS);
    }
}
