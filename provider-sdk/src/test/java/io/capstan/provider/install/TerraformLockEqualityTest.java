package io.capstan.provider.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.provider.TerraformCli;
import io.capstan.provider.TestBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real terraform as the oracle: {@code terraform init -plugin-dir} and Capstan's installer,
 * given the same requirements and mirror, must write the same {@code .terraform.lock.hcl}
 * byte for byte and the same {@code .terraform/providers} tree. Skipped, with a printed
 * reason, where terraform (or for the second test the aws mirror) is absent.
 */
class TerraformLockEqualityTest {
    private static final String PLATFORM = ProviderInstaller.currentPlatform();

    @TempDir
    Path tmp;

    @Test
    void sameLockFileAsTerraformForPackedAndUnpackedMirrors() throws Exception {
        TestBinaries.requireTerraform();
        FakeMirror m = new FakeMirror(tmp.resolve("mirror"), PLATFORM)
                .unpacked("hashicorp/fake", "1.0.0").unpacked("hashicorp/fake", "1.2.5").packed("hashicorp/fake", "2.0.0")
                .packed("acme/zipped", "0.1.0").packed("acme/zipped", "0.3.0-rc1")
                .unpacked("example.com/team/other", "3.1.4");
        Map<String, String> req = new LinkedHashMap<>();
        req.put("hashicorp/fake", ">= 1.0, < 2.0, != 1.1.0");
        req.put("acme/zipped", "");
        req.put("example.com/team/other", "~> 3.1");
        assertSameAsTerraform(m.root(), req);
    }

    @Test
    void sameH1AsTerraformForTheAwsProvider() throws Exception {
        TestBinaries.requireTerraform();
        Path aws = TestBinaries.requireAwsProvider();
        Path versionDir = aws.getParent().getParent();
        Path mirror = versionDir.getParent().getParent().getParent().getParent();
        Map<String, String> req = Map.of("hashicorp/aws", versionDir.getFileName().toString());
        long t0 = System.nanoTime();
        String h1 = PackageHash.h1OfDirectory(aws.getParent());
        System.out.printf("h1 of %s (%d MB) in %d ms%n", aws.getFileName(), Files.size(aws) >> 20,
                (System.nanoTime() - t0) / 1_000_000);
        LockFile ours = assertSameAsTerraform(mirror, req);
        assertThat(ours.get(ProviderAddress.of("hashicorp/aws")).hashes()).containsExactly(h1);
    }

    private LockFile assertSameAsTerraform(Path mirror, Map<String, String> req) throws Exception {
        Path tf = Files.createDirectories(tmp.resolve("tf"));
        StringBuilder main = new StringBuilder("terraform {\n  required_providers {\n");
        int i = 0;
        Map<ProviderAddress, VersionConstraints> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : req.entrySet()) {
            main.append("    p").append(i++).append(" = { source = \"").append(e.getKey()).append('"');
            if (!e.getValue().isEmpty()) {
                main.append(", version = \"").append(e.getValue()).append('"');
            }
            main.append(" }\n");
            parsed.put(ProviderAddress.of(e.getKey()), VersionConstraints.parse(e.getValue()).constraints());
        }
        Files.writeString(tf.resolve("main.tf"), main.append("  }\n}\n"));
        TerraformCli.run(tf, Path.of("/dev/null"), "init", "-no-color", "-input=false", "-plugin-dir", mirror.toString());

        Path ours = Files.createDirectories(tmp.resolve("capstan"));
        InstallResult r = new ProviderInstaller(InstallSources.pluginDirs(List.of(mirror)), ours.resolve(".terraform"),
                new ProviderInstaller.Options(false, false, null, PLATFORM), InstallEvents.NONE)
                .install(parsed, null, ours);
        assertThat(r.diagnostics().hasErrors()).as(r.diagnostics().toString()).isFalse();
        assertThat(Files.readString(ours.resolve(LockFile.FILE_NAME)))
                .isEqualTo(Files.readString(tf.resolve(LockFile.FILE_NAME)));
        assertThat(tree(ours.resolve(".terraform/providers"))).isEqualTo(tree(tf.resolve(".terraform/providers")));
        return r.lock();
    }

    /** Relative paths under {@code dir}, links marked, so layouts compare regardless of the root. */
    private static List<String> tree(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + (Files.isSymbolicLink(p) ? " -> link" : "")).sorted().toList();
        }
    }
}
