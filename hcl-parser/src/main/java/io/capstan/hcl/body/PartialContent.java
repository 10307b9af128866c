package io.capstan.hcl.body;

import java.util.Objects;

/** The result of {@link Body#partialContent}: what matched, and a body holding the rest. */
public record PartialContent(BodyContent content, Body remain) {
    public PartialContent {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(remain, "remain");
    }
}
