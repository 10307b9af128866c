package io.capstan.cli;

/**
 * The {@code java.util.logging} configuration of a run without {@code TF_LOG}: none at all, so
 * the root logger has no handler and nothing a library logs reaches the terminal. Named by the
 * {@code java.util.logging.config.class} property, which the JDK reads only when something first
 * touches logging; a command that never logs (version, validate, a plan with only the built-in
 * provider) then never initialises {@code LogManager}, whose start-up looks up
 * {@code System.LoggerFinder} services in every jar on the class path (105 jars: 0.10-0.15 s of
 * CPU that the CDS archive otherwise spares, since no class has to come from those jars).
 */
public final class QuietLogging {
    /** Called reflectively by {@code LogManager} in place of reading {@code logging.properties}. */
    public QuietLogging() {
    }
}
