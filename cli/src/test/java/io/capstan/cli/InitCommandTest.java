package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code capstan init} end to end in a temporary working directory, with tiny fake provider
 * packages in a filesystem mirror (packed and unpacked) and a local child module.
 */
class InitCommandTest {
    static final String PLATFORM = io.capstan.provider.install.ProviderInstaller.currentPlatform();

    @TempDir
    Path tmp;
    Path work;
    Path mirror;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void setUp() throws IOException {
        mirror = tmp.resolve("mirror");
        unpacked(mirror, "hashicorp", "fake", "1.0.0");
        unpacked(mirror, "hashicorp", "fake", "1.2.5");
        packed(mirror, "acme", "zipped", "0.2.0");
        work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("main.tf"), """
                terraform {
                  required_providers {
                    fake   = { source = "hashicorp/fake", version = ">= 1.0" }
                    zipped = { source = "acme/zipped" }
                  }
                }
                module "child" {
                  source = "./mod"
                }
                resource "fake_thing" "a" {}
                resource "terraform_data" "d" {}
                """);
        Files.createDirectories(work.resolve("mod"));
        Files.writeString(work.resolve("mod/main.tf"), """
                terraform {
                  required_providers {
                    fake = { source = "hashicorp/fake", version = "~> 1.2" }
                  }
                }
                resource "fake_thing" "b" {}
                """);
    }

    static void unpacked(Path mirror, String ns, String type, String version) throws IOException {
        Path dir = Files.createDirectories(mirror.resolve("registry.terraform.io/" + ns + "/" + type + "/" + version + "/"
                + PLATFORM));
        Path exe = dir.resolve("terraform-provider-" + type + "_v" + version);
        Files.writeString(exe, "#!/bin/sh\necho " + version + "\n");
        exe.toFile().setExecutable(true);
    }

    static void packed(Path mirror, String ns, String type, String version) throws IOException {
        Path dir = Files.createDirectories(mirror.resolve("registry.terraform.io/" + ns + "/" + type));
        try (OutputStream o = Files.newOutputStream(dir.resolve("terraform-provider-" + type + "_" + version + "_"
                + PLATFORM + ".zip")); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("terraform-provider-" + type + "_v" + version));
            z.write(("#!/bin/sh\necho " + version + "\n").getBytes());
            z.closeEntry();
        }
    }

    int init(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cmd = new CommandLine(new InitCommand(work, Map.of("TF_CLI_CONFIG_FILE", "/dev/null"),
                tmp.resolve("home")));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(TerraformFlags.normalize(args));
    }

    @Test
    void firstRunInstallsModulesAndProvidersAndPrintsTerraformsSteps() throws IOException {
        assertThat(init("-no-color", "-plugin-dir", mirror.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("""
                Initializing the backend...
                Initializing modules...
                - child in mod
                Initializing provider plugins...
                - terraform.io/builtin/terraform is built in to Capstan
                - Finding latest version of acme/zipped...
                - Finding hashicorp/fake versions matching ">= 1.0.0, ~> 1.2"...
                - Installing acme/zipped v0.2.0...
                - Installed acme/zipped v0.2.0 (unauthenticated)
                - Installing hashicorp/fake v1.2.5...
                - Installed hashicorp/fake v1.2.5 (unauthenticated)
                Capstan has created a lock file .terraform.lock.hcl to record the provider
                selections it made above. Include this file in your version control repository
                so that Capstan can guarantee to make the same selections by default when
                you run "capstan init" in the future.


                Warning: Incomplete lock file information for providers
                """).contains("  - acme/zipped\n  - hashicorp/fake\n")
                .endsWith("""
                Capstan has been successfully initialized!

                You may now begin working with Capstan. Try running "capstan plan" to see
                any changes that are required for your infrastructure. All Capstan commands
                should now work.

                If you ever set or change modules or backend configuration for Capstan,
                rerun this command to reinitialize your working directory. If you forget, other
                commands will detect it and remind you to do so if necessary.
                """);
        assertThat(Files.readString(work.resolve(".terraform/modules/modules.json"))).isEqualTo(
                "{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"},{\"Key\":\"child\",\"Source\":\"./mod\","
                        + "\"Dir\":\"mod\"}]}");
        assertThat(Files.readString(work.resolve(".terraform/plugin_path"))).isEqualTo("[\n  \"" + mirror + "\"\n]");
        assertThat(Files.readString(work.resolve(".terraform.lock.hcl"))).contains(
                "  version     = \"1.2.5\"\n  constraints = \">= 1.0.0, ~> 1.2\"\n");
        assertThat(work.resolve(".terraform/providers/registry.terraform.io/acme/zipped/0.2.0/" + PLATFORM
                + "/terraform-provider-zipped_v0.2.0")).isExecutable();
    }

    @Test
    void secondRunReusesTheLockAndTheInstalledPackages() {
        assertThat(init("-no-color", "-plugin-dir", mirror.toString())).isZero();
        assertThat(init("-no-color", "-plugin-dir=" + mirror, "-backend=false")).isZero();
        assertThat(out.toString()).startsWith("""
                Initializing modules...
                Initializing provider plugins...
                - terraform.io/builtin/terraform is built in to Capstan
                - Reusing previous version of acme/zipped from the dependency lock file
                - Reusing previous version of hashicorp/fake from the dependency lock file
                - Using previously-installed acme/zipped v0.2.0
                - Using previously-installed hashicorp/fake v1.2.5

                Capstan has been successfully initialized!
                """);
    }

    @Test
    void initRemembersTheChecksumsOfWhatItInstalledSoThePlanAfterItHashesNothing() throws IOException {
        assertThat(init("-no-color", "-plugin-dir", mirror.toString())).as(err.toString()).isZero();
        java.util.Properties memo = new java.util.Properties();
        try (var r = Files.newBufferedReader(work.resolve(".terraform").resolve(
                io.capstan.provider.install.PackageChecksums.FILE))) {
            memo.load(r);
        }
        for (String pkg : new String[]{"acme/zipped/0.2.0", "hashicorp/fake/1.2.5"}) {
            Path dir = work.resolve(".terraform/providers/registry.terraform.io/" + pkg + "/" + PLATFORM).toRealPath();
            // the checksum init took from the source is the installed directory's (unzipped or linked)
            assertThat(memo).containsEntry(dir + ".h1", io.capstan.provider.install.PackageHash.h1OfDirectory(dir));
        }
        // plan's check of the installed plugins, and init again, find both remembered: nothing is hashed
        long hashed = io.capstan.provider.install.PackageChecksums.hashed();
        assertThat(io.capstan.cli.engine.DependencyLocks.installed(work, Map.of(), true).asList()).isEmpty();
        assertThat(init("-no-color", "-plugin-dir=" + mirror, "-backend=false")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("- Using previously-installed acme/zipped v0.2.0");
        assertThat(io.capstan.provider.install.PackageChecksums.hashed()).isEqualTo(hashed);
        try (var files = Files.list(work.resolve(".terraform"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void missingProviderFailsWithAnExplanation() throws IOException {
        Files.writeString(work.resolve("extra.tf"), "resource \"nothere_x\" \"a\" {}\n");
        assertThat(init("-no-color", "-plugin-dir", mirror.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("- Finding latest version of hashicorp/nothere...");
        assertThat(err.toString().replace('\n', ' ')).contains("Error: Failed to query available provider packages",
                "provider registry.terraform.io/hashicorp/nothere was not found in any of the search locations",
                "  - " + mirror, "no access to a network provider registry");
        assertThat(work.resolve(".terraform.lock.hcl")).doesNotExist();
    }

    @Test
    void readonlyLockfileRefusesNewSelections() {
        assertThat(init("-no-color", "-lockfile=readonly", "-plugin-dir", mirror.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Provider dependency changes detected");
        assertThat(init("-no-color", "-lockfile=sometimes")).isEqualTo(1);
        assertThat(err.toString()).contains("Invalid lockfile mode");
    }

    @Test
    void backendBlockIsConfiguredAndAChangeNeedsMigrateState() throws IOException {
        Files.writeString(work.resolve("backend.tf"), """
                terraform {
                  backend "local" {
                    path = "first.tfstate"
                  }
                }
                """);
        assertThat(init("-no-color", "-plugin-dir", mirror.toString())).isZero();
        assertThat(out.toString()).contains("Successfully configured the backend \"local\"!");
        assertThat(work.resolve(".terraform/terraform.tfstate")).exists();
        // Some state in the configured backend, then the block changes: init must refuse
        // without -migrate-state and copy the state with it.
        Files.writeString(work.resolve("first.tfstate"), """
                {"version":4,"terraform_version":"1.11.4","serial":3,"lineage":"3f1c1e0e-0000-4000-8000-000000000001","outputs":{},"resources":[],"check_results":null}
                """);
        Files.writeString(work.resolve("backend.tf"), """
                terraform {
                  backend "local" {
                    path = "second.tfstate"
                  }
                }
                """);
        assertThat(init("-no-color", "-plugin-dir", mirror.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Backend configuration changed");
        assertThat(work.resolve("second.tfstate")).doesNotExist();
        assertThat(init("-no-color", "-plugin-dir", mirror.toString(), "-migrate-state")).isZero();
        assertThat(work.resolve("second.tfstate")).exists();
        assertThat(Files.readString(work.resolve("second.tfstate"))).contains("3f1c1e0e-0000-4000-8000-000000000001");
    }

    @Test
    void emptyDirectoryIsNotAnError() throws IOException {
        work = Files.createDirectories(tmp.resolve("empty"));
        assertThat(init("-no-color")).isZero();
        assertThat(out.toString()).startsWith("Capstan initialized in an empty directory!\n");
    }

    @Test
    void cliConfigFilesystemMirrorIsUsedWithoutPluginDir() throws IOException {
        Path rc = tmp.resolve("cli.tfrc");
        Files.writeString(rc, "provider_installation {\n  filesystem_mirror {\n    path = \"" + mirror + "\"\n  }\n}\n");
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cmd = new CommandLine(new InitCommand(work, Map.of("TF_CLI_CONFIG_FILE", rc.toString()),
                tmp.resolve("home")));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("--no-color")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("- Installed hashicorp/fake v1.2.5 (unauthenticated)");
        assertThat(work.resolve(".terraform/plugin_path")).doesNotExist();
    }

    /** terraform init on a copy of the same directory: same steps, lock file and module manifest. */
    @Test
    void sameStepsLockAndModulesAsTerraform() throws Exception {
        Path terraform = terraform();
        org.junit.jupiter.api.Assumptions.assumeTrue(terraform != null, "terraform is not on the PATH");
        Path tfWork = tmp.resolve("tfwork");
        Files.createDirectories(tfWork.resolve("mod"));
        Files.copy(work.resolve("main.tf"), tfWork.resolve("main.tf"));
        Files.copy(work.resolve("mod/main.tf"), tfWork.resolve("mod/main.tf"));
        ProcessBuilder pb = new ProcessBuilder(terraform.toString(), "init", "-no-color", "-input=false",
                "-plugin-dir", mirror.toString()).directory(tfWork.toFile()).redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        Process p = pb.start();
        String tfOut = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(tfOut).isZero();
        assertThat(init("-no-color", "-plugin-dir", mirror.toString())).isZero();
        // Terraform chooses every version first, then installs; within a phase its order is a Go map's.
        assertThat(steps(out.toString())).isEqualTo(steps(tfOut));
        assertThat(providerPhase(out.toString(), "- Finding ")).isEqualTo(providerPhase(tfOut, "- Finding "));
        assertThat(providerPhase(out.toString(), "- Install")).isEqualTo(providerPhase(tfOut, "- Install"));
        for (String f : List.of(".terraform.lock.hcl", ".terraform/modules/modules.json", ".terraform/plugin_path")) {
            String expected = Files.readString(tfWork.resolve(f));
            if (f.endsWith("plugin_path")) {
                expected = expected.replace(tfWork.toString(), work.toString());
            }
            assertThat(Files.readString(work.resolve(f))).as(f).isEqualTo(expected);
        }
    }

    /** Headers and module lines in order, each provider line replaced by its phase. */
    private static List<String> steps(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("- ") && !line.startsWith("Initializing")) {
                continue;
            }
            line = line.replace("built in to Terraform", "built in to Capstan");
            String step = line.startsWith("- Finding ") ? "- (choose)" : line.startsWith("- Install") ? "- (install)" : line;
            if (!step.startsWith("- (") || out.isEmpty() || !out.get(out.size() - 1).equals(step)) {
                out.add(step);
            }
        }
        return out;
    }

    private static List<String> providerPhase(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).sorted().toList();
    }

    static Path terraform() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path t = Path.of(dir, "terraform");
            if (Files.isExecutable(t)) {
                return t;
            }
        }
        System.out.println("SKIP: terraform is not on the PATH");
        return null;
    }
}
