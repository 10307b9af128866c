package io.capstan.provider.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds tiny fake provider packages in a filesystem mirror, unpacked or packed: one shell
 * script {@code terraform-provider-TYPE_vVERSION} printing its version (installation never
 * runs it). The same content in both forms has the same {@code h1:} hash.
 */
final class FakeMirror {
    private final Path root;
    private final String platform;

    FakeMirror(Path root, String platform) {
        this.root = root;
        this.platform = platform;
    }

    Path root() {
        return root;
    }

    static String script(String version) {
        return "#!/bin/sh\necho " + version + "\n";
    }

    /** {@code root/HOST/NS/TYPE/VERSION/PLATFORM/terraform-provider-TYPE_vVERSION}. */
    FakeMirror unpacked(String source, String version) throws IOException {
        ProviderAddress a = ProviderAddress.of(source);
        Path dir = ProviderInstaller.layoutDir(root, a, Version.parse(version), platform);
        Files.createDirectories(dir);
        Path exe = dir.resolve("terraform-provider-" + a.type() + "_v" + version);
        Files.writeString(exe, script(version));
        exe.toFile().setExecutable(true);
        return this;
    }

    /** {@code root/HOST/NS/TYPE/terraform-provider-TYPE_VERSION_PLATFORM.zip}. */
    FakeMirror packed(String source, String version) throws IOException {
        ProviderAddress a = ProviderAddress.of(source);
        Path dir = root.resolve(a.hostname()).resolve(a.namespace()).resolve(a.type());
        Files.createDirectories(dir);
        Path zip = dir.resolve("terraform-provider-" + a.type() + "_" + version + "_" + platform + ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("terraform-provider-" + a.type() + "_v" + version));
            z.write(script(version).getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return this;
    }
}
