package io.capstan.provider.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one plugin: its display name, command line, extra environment, the cookie,
 * the protocol versions Capstan offers, how long to wait for the handshake, and whether to
 * use automatic mutual TLS (always, unless a test wants plaintext).
 *
 * @param workDir null to inherit Capstan's working directory
 */
public record PluginLaunchSpec(String name, List<String> command, Map<String, String> environment,
                               Path workDir, HandshakeConfig handshake, List<Integer> protocolVersions,
                               Duration startTimeout, boolean autoMtls) {
    public PluginLaunchSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty plugin command");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(handshake, "handshake");
        protocolVersions = List.copyOf(protocolVersions);
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** A Terraform provider binary: Terraform's cookie, protocols 5 and 6, a minute to start, mTLS. */
    public static PluginLaunchSpec terraformProvider(String name, Path executable) {
        return new PluginLaunchSpec(name, List.of(executable.toString()), Map.of(), null,
                HandshakeConfig.TERRAFORM, List.of(5, 6), Duration.ofMinutes(1), true);
    }

    public PluginLaunchSpec withCommand(List<String> newCommand) {
        return new PluginLaunchSpec(name, newCommand, environment, workDir, handshake, protocolVersions,
                startTimeout, autoMtls);
    }

    public PluginLaunchSpec withEnvironment(Map<String, String> env) {
        return new PluginLaunchSpec(name, command, env, workDir, handshake, protocolVersions, startTimeout, autoMtls);
    }

    /** Runs the plugin in {@code dir} (Terraform runs providers in the {@code -chdir} directory). */
    public PluginLaunchSpec withWorkDir(Path dir) {
        return new PluginLaunchSpec(name, command, environment, dir, handshake, protocolVersions, startTimeout, autoMtls);
    }

    public PluginLaunchSpec withHandshake(HandshakeConfig h) {
        return new PluginLaunchSpec(name, command, environment, workDir, h, protocolVersions, startTimeout, autoMtls);
    }

    public PluginLaunchSpec withProtocolVersions(List<Integer> versions) {
        return new PluginLaunchSpec(name, command, environment, workDir, handshake, versions, startTimeout, autoMtls);
    }

    public PluginLaunchSpec withStartTimeout(Duration timeout) {
        return new PluginLaunchSpec(name, command, environment, workDir, handshake, protocolVersions, timeout, autoMtls);
    }

    public PluginLaunchSpec withAutoMtls(boolean mtls) {
        return new PluginLaunchSpec(name, command, environment, workDir, handshake, protocolVersions, startTimeout, mtls);
    }
}
