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

    /**
     * Over automatic mutual TLS as with any provider: the host's offer of a private plaintext
     * socket ({@link PrivateSocket}) is blanked, so these tests keep exercising the TLS path.
     */
    public static PluginLaunchSpec spec(String mode, String network) {
        return new PluginLaunchSpec("capstan/test", command(),
                Map.of("CAPSTAN_TEST_PROVIDER_MODE", mode, "CAPSTAN_TEST_PROVIDER_NETWORK", network,
                        PrivateSocket.OFFER, ""),
                null, HandshakeConfig.TERRAFORM, List.of(5, 6), Duration.ofSeconds(30), true);
    }

    /** As Capstan launches a provider on its SDK: the host's offer of a private plaintext socket stands. */
    public static PluginLaunchSpec privateSocketSpec(String network) {
        return spec("", network).withEnvironment(
                Map.of("CAPSTAN_TEST_PROVIDER_MODE", "", "CAPSTAN_TEST_PROVIDER_NETWORK", network));
    }

    /** Live processes started by this JVM (to prove a test leaked none). */
    public static long liveChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    }
}
