package io.capstan.provider.plugin;

/**
 * Turns off Netty's JFR events (buffer and chunk allocation) in a plugin host or plugin, unless the
 * JVM was started with the property set. Netty registers them on its first allocation when the JVM
 * has a flight recorder, whether or not a recording runs: that loads the {@code jdk.jfr} classes
 * (about 95), builds annotation proxies and reflective accessors for the event types, and spins
 * event handler classes, none of which an archive can hold. Nothing in Capstan records them. Apply
 * of bench/executor.sh's 1,000 time_sleep (5 alternated runs, load 20-25 on 2 cores, with the
 * one-loop {@code Diagnostics.hasErrors}): CPU of host and provider 3.70 -> 3.54 s (medians;
 * host 2.42 -> 2.33 s, provider 1.30 -> 1.21 s); jdk.jfr classes loaded by validate 99 -> 16.
 */
final class NettyEvents {
    /** Netty's switch for its JFR events, as grpc-netty-shaded relocates it. */
    static final String JFR_PROPERTY = "io.grpc.netty.shaded.io.netty.jfr.enabled";

    private NettyEvents() {
    }

    /**
     * Sets {@link #JFR_PROPERTY} to false when it is not set; must run before Netty's
     * {@code PlatformDependent} is initialised (its first use), which reads it once.
     */
    static void off() {
        if (System.getProperty(JFR_PROPERTY) == null) {
            System.setProperty(JFR_PROPERTY, "false");
        }
    }
}
