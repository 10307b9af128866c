package io.capstan.provider.plugin;

/**
 * A plugin could not be started or connected to: it exited early, printed something other
 * than a handshake, did not answer in time, or refused the connection. The message is
 * written for the user and names the plugin; it includes the plugin's last output lines.
 */
public class PluginStartException extends Exception {
    public PluginStartException(String message) {
        super(message);
    }

    public PluginStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
