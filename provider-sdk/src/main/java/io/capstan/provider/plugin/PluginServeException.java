package io.capstan.provider.plugin;

/**
 * A plugin cannot serve its host: it was run by hand (no magic cookie), the host offers no
 * protocol version it speaks, or it cannot listen. The message is meant for stderr.
 */
public class PluginServeException extends Exception {
    public PluginServeException(String message) {
        super(message);
    }
}
