package io.capstan.engine.render;

/** The kind of plan being shown; it changes the wording of empty plans and drift notes. */
public enum RenderMode {
    /** An ordinary plan. */
    NORMAL,
    /** {@code plan -destroy}. */
    DESTROY,
    /** {@code plan -refresh-only}. */
    REFRESH_ONLY
}
