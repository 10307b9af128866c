package io.capstan.cli;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Logging for the CLI process, as Terraform does it: silent unless {@code TF_LOG} names a level
 * ({@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}; {@code JSON} means
 * trace), then to stderr or to the file {@code TF_LOG_PATH}. Libraries (gRPC, jetcd, plugin
 * log forwarding through SLF4J) all end in {@code java.util.logging}, so this one switch
 * governs them; without it a user sees none of their output.
 */
final class LogLevels {
    private LogLevels() {
    }

    /** The level {@code TF_LOG} asks for; {@link Level#OFF} when unset or unrecognised. */
    static Level level(String tfLog) {
        if (tfLog == null) {
            return Level.OFF;
        }
        return switch (tfLog.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "JSON" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "WARN" -> Level.WARNING;
            case "ERROR" -> Level.SEVERE;
            default -> Level.OFF;
        };
    }

    /**
     * For a new process: {@link #configure}, except that without {@code TF_LOG} logging is not
     * initialised now but silenced for whenever something first uses it (see {@link QuietLogging}).
     */
    static void configureAtStart(Map<String, String> env) {
        if (level(env.get("TF_LOG")) == Level.OFF && System.getProperty("java.util.logging.config.class") == null) {
            System.setProperty("java.util.logging.config.class", QuietLogging.class.getName());
            return;
        }
        configure(env);
    }

    /** Configures the root logger of this JVM from the environment. */
    static void configure(Map<String, String> env) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level level = level(env.get("TF_LOG"));
        root.setLevel(level);
        if (level == Level.OFF) {
            return;
        }
        Handler h;
        String path = env.get("TF_LOG_PATH");
        try {
            h = path == null || path.isEmpty() ? new ConsoleHandler() : new FileHandler(path, true);
        } catch (IOException e) {
            h = new ConsoleHandler();
        }
        h.setFormatter(new SimpleFormatter());
        h.setLevel(level);
        root.addHandler(h);
    }
}
