package io.capstan.provider.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageHashTest {
    /**
     * What terraform 1.11 wrote into .terraform.lock.hcl for a package holding only
     * terraform-provider-fake_v1.2.5 = "#!/bin/sh\necho 1.2.5\n", from a packed and from an
     * unpacked mirror alike.
     */
    private static final String TERRAFORM_H1 = "h1:2Z6htULVyd5lU7S4MhuqltKgtoeQVvWwD8erGBUzFi0=";

    @Test
    void unpackedAndPackedPackagesHashLikeTerraform(@TempDir Path tmp) throws Exception {
        new FakeMirror(tmp, "linux_amd64").unpacked("hashicorp/fake", "1.2.5").packed("hashicorp/fake", "1.2.5");
        Path typeDir = tmp.resolve("registry.terraform.io/hashicorp/fake");
        assertThat(PackageHash.h1OfDirectory(typeDir.resolve("1.2.5/linux_amd64"))).isEqualTo(TERRAFORM_H1);
        assertThat(PackageHash.h1OfZip(typeDir.resolve("terraform-provider-fake_1.2.5_linux_amd64.zip")))
                .isEqualTo(TERRAFORM_H1);
    }

    @Test
    void directoryHashCoversEveryFileAndFollowsALinkedPackage(@TempDir Path tmp) throws Exception {
        Path pkg = Files.createDirectories(tmp.resolve("pkg/sub"));
        Files.writeString(tmp.resolve("pkg/terraform-provider-x_v1.0.0"), "a");
        String before = PackageHash.h1OfDirectory(tmp.resolve("pkg"));
        Files.writeString(pkg.resolve("LICENSE.txt"), "b");
        String after = PackageHash.h1OfDirectory(tmp.resolve("pkg"));
        assertThat(after).isNotEqualTo(before).startsWith("h1:");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("pkg"));
        assertThat(PackageHash.h1OfDirectory(link)).isEqualTo(after);
    }

    @Test
    void zipHashIsTheArchivesSha256(@TempDir Path tmp) throws Exception {
        new FakeMirror(tmp, "linux_amd64").packed("hashicorp/fake", "1.0.0");
        Path zip = tmp.resolve("registry.terraform.io/hashicorp/fake/terraform-provider-fake_1.0.0_linux_amd64.zip");
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        String expected = "zh:" + java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(zip)));
        assertThat(PackageHash.zhOfZip(zip)).isEqualTo(expected);
    }
}
