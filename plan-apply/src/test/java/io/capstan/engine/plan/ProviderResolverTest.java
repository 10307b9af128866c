package io.capstan.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.graph.addrs.Provider;
import io.capstan.provider.install.LockFile;
import io.capstan.provider.install.LockedProvider;
import io.capstan.provider.install.ProviderAddress;
import io.capstan.provider.install.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine runs the provider version {@code init} selected: the one in the lock file, from
 * the data directory init installed into ({@code TF_DATA_DIR} when set), even when a higher
 * version is installed beside it; without a lock file entry, the highest installed version.
 */
class ProviderResolverTest {
    private static final Provider FAKE = new Provider("registry.terraform.io", "capstan", "fake");

    @TempDir
    Path work;

    private Path install(String dataDir, String version) throws IOException {
        Path dir = Files.createDirectories(work.resolve(dataDir).resolve("providers/registry.terraform.io/capstan/fake")
                .resolve(version).resolve(ProviderResolver.platform()));
        Path exe = dir.resolve("terraform-provider-fake_v" + version);
        Files.writeString(exe, "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    private void lock(String version) throws IOException {
        LockFile l = LockFile.EMPTY.with(new LockedProvider(new ProviderAddress("registry.terraform.io", "capstan", "fake"),
                Version.parse(version), "", List.of()));
        Files.write(work.resolve(LockFile.FILE_NAME), l.renderBytes());
    }

    @Test
    void runsTheLockedVersionFromTheDataDirectoryInitUsed() throws IOException {
        Path old = install(".terraform", "1.0.0");
        Path newer = install(".terraform", "2.0.0");
        assertThat(new ProviderResolver(work, Map.of(), List.of()).find(FAKE)).as("no lock: highest").isEqualTo(newer);
        lock("1.0.0");
        assertThat(new ProviderResolver(work, Map.of(), List.of()).find(FAKE)).as("locked").isEqualTo(old);
    }

    @Test
    void honoursTfDataDir() throws IOException {
        install(".terraform", "1.0.0");
        Path custom = install("custom-data", "1.0.0");
        install("custom-data", "3.0.0");
        lock("1.0.0");
        assertThat(new ProviderResolver(work, Map.of("TF_DATA_DIR", "custom-data"), List.of()).find(FAKE))
                .isEqualTo(custom);
    }

    @Test
    void aLockedVersionThatIsNotInstalledIsNotReplacedByAnother() throws IOException {
        install(".terraform", "2.0.0");
        lock("1.5.0");
        assertThat(new ProviderResolver(work, Map.of(), List.of()).find(FAKE)).isNull();
    }
}
