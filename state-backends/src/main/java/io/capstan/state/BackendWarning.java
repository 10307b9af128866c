package io.capstan.state;

/**
 * A warning a backend's configuration gives (terraform's s3 backend's "Deprecated Parameter"),
 * without a source range: the caller decides where, and whether, it is shown.
 */
public record BackendWarning(String summary, String detail) {
}
