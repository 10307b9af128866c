package io.capstan.provider.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Launch specs for {@link TestProviderMain} as a separate JVM with this test's class path. */
public final class JavaProviders {
    private JavaProviders() {
    }

    public static List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                TestProviderMain.class.getName());
    }

    public static PluginLaunchSpec spec(String mode, String network) {
        return new PluginLaunchSpec("capstan/test", command(),
                Map.of("CAPSTAN_TEST_PROVIDER_MODE", mode, "CAPSTAN_TEST_PROVIDER_NETWORK", network),
                null, HandshakeConfig.TERRAFORM, List.of(5, 6), Duration.ofSeconds(30), true);
    }

    /** Live processes started by this JVM (to prove a test leaked none). */
    public static long liveChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    }
}
