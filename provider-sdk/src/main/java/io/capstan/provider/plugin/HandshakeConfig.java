package io.capstan.provider.plugin;

import java.util.Objects;

/**
 * The go-plugin "magic cookie": an environment variable the host sets so that a plugin
 * binary started by hand refuses to run (it is not a program for people). Terraform's
 * cookie is {@link #TERRAFORM}.
 */
public record HandshakeConfig(String cookieKey, String cookieValue) {
    /** go-plugin's own protocol version, the first field of the handshake line. */
    public static final int CORE_PROTOCOL_VERSION = 1;

    /** The cookie every Terraform provider expects. */
    public static final HandshakeConfig TERRAFORM = new HandshakeConfig("TF_PLUGIN_MAGIC_COOKIE",
            "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2");

    public HandshakeConfig {
        Objects.requireNonNull(cookieKey, "cookieKey");
        Objects.requireNonNull(cookieValue, "cookieValue");
    }
}
