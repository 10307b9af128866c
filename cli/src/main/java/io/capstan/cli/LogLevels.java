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
        String name = levelName(tfLog);
        return name == null ? Level.OFF : Level.parse(name);
    }

    /**
     * The name of the level {@code TF_LOG} asks for, null when unset or unrecognised. A name, not a
     * {@link Level}: initialising {@code Level} (its known-level table links several method handles) cost
     * 3% of a 100-resource plan's samples, and a run without {@code TF_LOG} needs it for nothing else.
     */
    private static String levelName(String tfLog) {
        if (tfLog == null) {
            return null;
        }
        return switch (tfLog.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "JSON" -> "FINEST";
            case "DEBUG" -> "FINE";
            case "INFO" -> "INFO";
            case "WARN" -> "WARNING";
            case "ERROR" -> "SEVERE";
            default -> null;
        };
    }

    /**
     * For a new process: {@link #configure}, except that without {@code TF_LOG} logging is not
     * initialised now but silenced for whenever something first uses it (see {@link QuietLogging}).
     */
    static void configureAtStart(Map<String, String> env) {
        if (levelName(env.get("TF_LOG")) == null && System.getProperty("java.util.logging.config.class") == null) {
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
