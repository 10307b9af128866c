package io.capstan.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.provider.install.LockFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock checks of applying a saved plan, in terraform 1.11.4's words (its
 * {@code Config.VerifyDependencySelections} and {@code Locks.Equal}): a required provider without a
 * selection, a selection the constraints no longer allow (worded after whether the constraints
 * changed since the lock was made), the built-in provider never locked; equality by providers,
 * versions and hashes, not by the constraints recorded; the installed packages against the lock
 * file, each hashed once until one of its files changes.
 */
class DependencyLocksTest {
    @TempDir
    Path dir;

    private ModuleTree config(String tf) throws Exception {
        Files.writeString(dir.resolve("main.tf"), tf);
        return ConfigLoader.load(dir).value();
    }

    private static LockFile locks(String hcl) {
        return LockFile.parse(hcl.getBytes(StandardCharsets.UTF_8), ".terraform.lock.hcl").value();
    }

    private static String lock(String name, String version, String constraints, String... hashes) {
        StringBuilder b = new StringBuilder("provider \"registry.terraform.io/acme/" + name + "\" {\n  version = \""
                + version + "\"\n");
        if (constraints != null) {
            b.append("  constraints = \"").append(constraints).append("\"\n");
        }
        b.append("  hashes = [\n");
        for (String h : hashes) {
            b.append("    \"").append(h).append("\",\n");
        }
        return b.append("  ]\n}\n").toString();
    }

    @Test
    void selectionsAreCheckedAgainstTheConfigurationsRequirements() throws Exception {
        ModuleTree tree = config("""
                terraform {
                  required_providers {
                    one   = { source = "acme/one", version = ">= 2.0" }
                    two   = { source = "acme/two", version = "~> 1.1" }
                    three = { source = "acme/three" }
                    four  = { source = "acme/four", version = "1.0.0-beta" }
                  }
                }

                resource "terraform_data" "builtin" {
                }
                """);
        LockFile l = locks(lock("one", "1.5.0", ">= 1.0", "h1:a") + lock("two", "1.0.0", "~> 1.1", "h1:b")
                + lock("four", "1.0.0-beta", null, "h1:c"));
        assertThat(DependencyLocks.inconsistencies(tree, l)).containsExactly(
                "provider registry.terraform.io/acme/one: locked version selection 1.5.0 doesn't match the updated "
                        + "version constraints \">= 2.0.0\"",
                "provider registry.terraform.io/acme/three: required by this configuration but no version is selected",
                "provider registry.terraform.io/acme/two: version constraints \"~> 1.1\" don't match the locked "
                        + "version selection 1.0.0");
        // an unconstrained provider takes any version, a prerelease too
        ModuleTree free = config("terraform {\n  required_providers {\n    one = { source = \"acme/one\" }\n  }\n}\n");
        assertThat(DependencyLocks.inconsistencies(free, locks(lock("one", "3.0.0-rc1", null, "h1:a")))).isEmpty();
        assertThat(DependencyLocks.inconsistencies(config("resource \"terraform_data\" \"a\" {\n}\n"), LockFile.EMPTY))
                .isEmpty();
    }

    @Test
    void locksAreEqualWithTheSameVersionsAndHashesWhateverTheirConstraints() {
        LockFile a = locks(lock("one", "1.0.0", ">= 1.0", "h1:a", "zh:b"));
        assertThat(DependencyLocks.equal(a, locks(lock("one", "1.0.0", null, "zh:b", "h1:a")))).isTrue();
        assertThat(DependencyLocks.equal(a, locks(lock("one", "1.0.0", ">= 1.0", "h1:a")))).isFalse();
        assertThat(DependencyLocks.equal(a, locks(lock("one", "1.0.1", ">= 1.0", "h1:a", "zh:b")))).isFalse();
        assertThat(DependencyLocks.equal(a, locks(lock("one", "1.0.0", ">= 1.0", "h1:a", "zh:b")
                + lock("two", "1.0.0", null, "h1:c")))).isFalse();
        assertThat(DependencyLocks.equal(LockFile.EMPTY, LockFile.EMPTY)).isTrue();
        assertThat(DependencyLocks.equal(a, LockFile.EMPTY)).isFalse();
    }

    @Test
    void installedPackagesAreHashedOnceUntilAFileChanges() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve(".terraform/providers/registry.terraform.io/acme/one/1.0.0/"
                + io.capstan.provider.install.ProviderInstaller.currentPlatform()));
        Path exe = pkg.resolve("terraform-provider-one_v1.0.0");
        Files.writeString(exe, "#!/bin/sh\n");
        String h1 = io.capstan.provider.install.PackageHash.h1OfDirectory(pkg);
        Files.writeString(dir.resolve(".terraform.lock.hcl"), lock("one", "1.0.0", null, h1));
        java.util.Map<String, String> env = java.util.Map.of();
        assertThat(DependencyLocks.installed(dir, env, true).asList()).isEmpty();
        Path memo = dir.resolve(".terraform").resolve(DependencyLocks.VERIFIED);
        java.util.Properties remembered = new java.util.Properties();
        try (var r = Files.newBufferedReader(memo)) {
            remembered.load(r);
        }
        assertThat(remembered).containsEntry(pkg.toRealPath() + ".h1", h1);
        assertThat(DependencyLocks.installed(dir, env, true).asList()).isEmpty();

        // a changed file is hashed again: another size, then the same size and another time
        Files.writeString(exe, "#!/bin/sh\nexit 1\n");
        String detail = DependencyLocks.installed(dir, env, true).asList().get(0).detail();
        assertThat(detail).contains("registry.terraform.io/acme/one: the cached package for registry.terraform.io/"
                + "acme/one 1.0.0 (in .terraform/providers) does not match any of the checksums recorded in the "
                + "dependency lock file", "You must install the required plugins before running Terraform operations.");
        Files.writeString(exe, "#!/bin/sh\n");
        assertThat(DependencyLocks.installed(dir, env, false).asList()).isEmpty();
        Files.writeString(exe, "#!/bin/sx\n");
        Files.setLastModifiedTime(exe, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertThat(DependencyLocks.installed(dir, env, false).asList()).hasSize(1);

        // gone: no package at all, with init as the advice outside automation
        Files.delete(exe);
        Files.delete(pkg);
        assertThat(DependencyLocks.installed(dir, env, false).asList().get(0).detail()).contains(
                "there is no package for registry.terraform.io/acme/one 1.0.0 cached in .terraform/providers",
                "To download the plugins required for this configuration, run:\n  terraform init");
        try (var files = Files.list(dir.resolve(".terraform"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("providers",
                    DependencyLocks.VERIFIED);
        }
    }
}
