package io.capstan.provider.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.provider.TestBinaries;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.GetProviderSchemaResponse;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.client.ProviderDiagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Providers that misbehave: each case must end in a message a user can act on (naming the
 * provider, quoting what it printed), within its deadline, and leave no process behind.
 */
class PluginFaultTest {
    @TempDir
    Path dir;

    static Stream<Arguments> brokenStartups() {
        return Stream.of(
                Arguments.of("garbage instead of a handshake",
                        // the stderr line first: the launcher kills the plugin as soon as it reads the bad
                        // line, so a line written after it may never be written at all
                        "echo 'starting up' >&2\necho 'hello, I am not a plugin'\nsleep 30\n",
                        List.of("invalid plugin handshake", "Unrecognized remote plugin message: hello, I am not a plugin",
                                "starting up")),
                Arguments.of("handshake timeout",
                        "echo 'still loading the world' >&2\nsleep 30\n",
                        List.of("did not complete the plugin handshake within 1500ms", "still loading the world")),
                Arguments.of("exit before the handshake",
                        "echo 'fatal: cannot read configuration' >&2\nexit 3\n",
                        List.of("exited before completing the plugin handshake (exit status 3)",
                                "fatal: cannot read configuration")),
                Arguments.of("unsupported protocol version",
                        "echo '1|4|tcp|127.0.0.1:1234|grpc'\nsleep 30\n",
                        List.of("plugin chose protocol version 4, but Capstan offered [5, 6]")),
                Arguments.of("netrpc instead of grpc",
                        "echo '1|5|tcp|127.0.0.1:1234|netrpc'\nsleep 30\n",
                        List.of("only grpc is supported")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenStartups")
    void brokenStartupIsReportedClearlyAndLeavesNoProcess(String name, String script, List<String> expected)
            throws IOException {
        Path fake = fakeProvider(script);
        long before = JavaProviders.liveChildren();
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider("example/fake", fake)
                .withStartTimeout(Duration.ofMillis(1500));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> PluginLauncher.launch(spec))
                .isInstanceOf(PluginStartException.class)
                .hasMessageContaining("Provider example/fake")
                .satisfies(e -> assertThat(e.getMessage()).contains(expected));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(JavaProviders.liveChildren()).as("no leaked process").isEqualTo(before);
    }

    @Test
    void startFailureReachesTheCallerAsADiagnostic() throws IOException {
        Path fake = fakeProvider("echo 'panic: no credentials' >&2\nexit 2\n");
        try (PluginProviderClient client = new PluginProviderClient(
                PluginLaunchSpec.terraformProvider("example/fake", fake), Duration.ofSeconds(5))) {
            GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            assertThat(r.schema()).isNull();
            assertThat(r.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.summary()).isEqualTo("Failed to start provider example/fake");
                assertThat(d.detail()).contains("exit status 2", "panic: no credentials");
            });
        }
    }

    @Test
    void awsProviderRefusesToRunWithTheWrongCookie() {
        Path aws = TestBinaries.requireAwsProvider();
        long before = JavaProviders.liveChildren();
        PluginLaunchSpec spec = PluginLaunchSpec.terraformProvider("registry.terraform.io/hashicorp/aws", aws)
                .withHandshake(new HandshakeConfig("TF_PLUGIN_MAGIC_COOKIE", "not-the-cookie"));
        assertThatThrownBy(() -> PluginLauncher.launch(spec))
                .isInstanceOf(PluginStartException.class)
                .hasMessageContaining("exited before completing the plugin handshake (exit status 1)")
                .hasMessageContaining("This binary is a plugin. These are not meant to be executed directly.");
        assertThat(JavaProviders.liveChildren()).isEqualTo(before);
    }

    @Test
    void providerCrashingDuringACallYieldsACrashDiagnosticWithItsPanic() {
        long before = JavaProviders.liveChildren();
        try (PluginProviderClient client = new PluginProviderClient(JavaProviders.spec("crash-on-schema", "unix"),
                Duration.ofSeconds(30))) {
            long t0 = System.nanoTime();
            GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("fails fast, not at the deadline")
                    .isLessThan(Duration.ofSeconds(20));
            ProviderDiagnostic d = r.diagnostics().get(0);
            assertThat(d.summary()).isEqualTo("Provider capstan/test crashed");
            assertThat(d.detail()).contains("during the GetProviderSchema call", "exited unexpectedly with status 2",
                    "panic: test provider crashed in GetProviderSchema");
            assertThat(client.process().isAlive()).isFalse();
        }
        assertThat(JavaProviders.liveChildren()).isEqualTo(before);
    }

    @Test
    void providerThatNeverAnswersHitsTheDeadlineAndIsKilledOnClose() {
        long before = JavaProviders.liveChildren();
        PluginProviderClient client = new PluginProviderClient(JavaProviders.spec("hang-on-schema", "tcp"),
                Duration.ofSeconds(3));
        GetProviderSchemaResponse r = client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.summary()).isEqualTo("Provider capstan/test did not respond");
            assertThat(d.detail()).contains("GetProviderSchema", "still running", "test provider starting");
        });
        client.close();
        assertThat(JavaProviders.liveChildren()).isEqualTo(before);
    }

    private Path fakeProvider(String body) throws IOException {
        Path p = dir.resolve("terraform-provider-fake");
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
