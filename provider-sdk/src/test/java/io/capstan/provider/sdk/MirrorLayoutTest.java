package io.capstan.provider.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.sdk.testing.ProviderHarness;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem-mirror launcher: Terraform's layout, and a handshake even with an unusable class-data archive. */
class MirrorLayoutTest {

    @Test
    void launcherHandshakesInTheMirrorLayoutEvenWhenTheArchiveIsStale(@TempDir Path tmp) throws Exception {
        List<Path> cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        Path exe = MirrorLayout.write(tmp, "capstan", "example", "0.1.0", ExampleProvider.class.getName(), cp, false);
        assertThat(tmp.relativize(exe).toString()).isEqualTo("registry.terraform.io/capstan/example/0.1.0/"
                + MirrorLayout.platform() + "/terraform-provider-example_v0.1.0");
        assertThat(Files.isExecutable(exe)).isTrue();
        // An archive the JVM cannot use must not keep the provider from starting and handshaking.
        Files.createDirectories(exe.resolveSibling("lib"));
        Files.writeString(exe.resolveSibling("lib").resolve(MirrorLayout.ARCHIVE), "not a CDS archive");
        try (ProviderHarness h = ProviderHarness.process("registry.terraform.io/capstan/example", exe)) {
            assertThat(h.schema().resourceSchemas()).containsKey("example_thing");
        }
    }
}
