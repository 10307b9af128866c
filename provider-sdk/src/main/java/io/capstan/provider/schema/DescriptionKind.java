package io.capstan.provider.schema;

/** How a schema description is formatted: plain text or Markdown (the protocol's StringKind). */
public enum DescriptionKind {
    PLAIN, MARKDOWN;

    /** The spelling used by {@code terraform providers schema -json}. */
    public String jsonName() {
        return this == PLAIN ? "plain" : "markdown";
    }
}
