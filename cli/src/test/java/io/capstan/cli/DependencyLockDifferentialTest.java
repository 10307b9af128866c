package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency lock file's checks on the operations of a working directory (not only on applying
 * a saved plan), each case run by the real {@code terraform} 1.11.4 and by Capstan on the same
 * configuration after the same {@code init}, outputs (human and {@code -json}) and exit codes
 * compared: no {@code .terraform.lock.hcl}, a provider added to the configuration after {@code init},
 * a version constraint the locked version no longer meets ("Inconsistent dependency lock file", on
 * {@code plan}, {@code apply}, {@code destroy}, {@code refresh} and {@code import}); a locked
 * package whose checksum no longer matches, or that is gone from the data directory ("Required
 * plugins are not installed", with and without {@code TF_IN_AUTOMATION}); and what is no error: a
 * provider still locked but no longer required, a configuration of the built-in provider alone
 * without a lock file. With the SDK providers {@code init} installs from their mirrors, and
 * hashicorp/aws 5.100.0 from {@code /opt/tf-plugins} when that mirror is present. Skipped, with a
 * printed reason, when terraform is absent.
 */
class DependencyLockDifferentialTest {
    @TempDir
    Path tmp;

    private static final Path AWS_MIRROR = Path.of("/opt/tf-plugins");

    private static String config(String providers) {
        return "terraform {\n  required_providers {\n" + providers + "  }\n}\n\n"
                + "resource \"terraform_data\" \"x\" {\n  input = \"a\"\n}\n";
    }

    private static final String RANDOM = "    random = { source = \"capstan/random\" }\n";
    private static final String TIME = "    time = { source = \"capstan/time\" }\n";
    private static final String LOCAL = "    local = { source = \"capstan/local\" }\n";

    /** The operations terraform's local backend checks the lock file for, each with its arguments. */
    private static final List<String[]> OPERATIONS = List.of(
            new String[] {"plan", "-input=false", "-no-color"},
            new String[] {"plan", "-input=false", "-json"},
            new String[] {"apply", "-input=false", "-no-color", "-auto-approve"},
            new String[] {"apply", "-input=false", "-json", "-auto-approve"},
            new String[] {"destroy", "-input=false", "-no-color", "-auto-approve"},
            new String[] {"refresh", "-input=false", "-no-color"},
            new String[] {"import", "-input=false", "-no-color", "terraform_data.x", "an-id"});

    private static Differential.Run run(boolean terraform, Path dir, Map<String, String> env, String... args)
            throws Exception {
        return SavedPlanDifferentialTest.run(terraform, dir, env, args);
    }

    /** Output without what differs between the tools' runs: timestamps. */
    private static String masked(String out) {
        return out.replaceAll("\"@timestamp\":\"[^\"]*\"", "\"@timestamp\":\"T\"");
    }

    /** Each operation run by both tools, failing with identical output; how many runs compared. */
    private static int sameFailure(TwinDirs d, Map<String, String> env, String expected, List<String[]> ops)
            throws Exception {
        int n = 0;
        for (String[] op : ops) {
            Differential.Run t = run(true, d.t(), env, op);
            Differential.Run c = run(false, d.c(), env, op);
            String what = String.join(" ", op);
            assertThat(t.exit()).as("terraform " + what + ":\n" + t.out()).isEqualTo(1);
            assertThat(t.out()).as("terraform " + what).contains(expected);
            assertThat(c.exit()).as("capstan " + what + ":\n" + c.out()).isEqualTo(1);
            assertThat(masked(c.out())).as(what).isEqualTo(masked(t.out()));
            n++;
        }
        return n;
    }

    private static final Map<String, String> AUTOMATION = Map.of("TF_IN_AUTOMATION", "1");

    @Test
    void operationsStopWhereTheLockFileDisagreesWithTheConfiguration() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, config(RANDOM + TIME), "random", "time");
        int n = 0;

        // no lock file at all: "init" makes the first selections
        for (Path dir : List.of(d.t(), d.c())) {
            Files.move(dir.resolve(".terraform.lock.hcl"), dir.resolve("lock.bak"));
        }
        n += sameFailure(d, AUTOMATION, "To make the initial dependency selections", OPERATIONS);
        for (Path dir : List.of(d.t(), d.c())) {
            Files.move(dir.resolve("lock.bak"), dir.resolve(".terraform.lock.hcl"));
        }

        // a provider added to the configuration after init: "init -upgrade"
        d.write(config(RANDOM + TIME + LOCAL));
        n += sameFailure(d, AUTOMATION, "capstan/local: required by this configuration but no version is selected",
                OPERATIONS);

        // a constraint the locked version no longer meets
        d.write(config("    random = { source = \"capstan/random\", version = \">= 9.0, < 10\" }\n"));
        n += sameFailure(d, AUTOMATION, "doesn't match the updated version constraints", OPERATIONS.subList(0, 2));

        // the locked time provider no longer required, the built-in one alone without a lock file: no error
        d.write(config(RANDOM));
        for (String[] op : List.of(new String[] {"plan", "-input=false", "-no-color"},
                new String[] {"apply", "-input=false", "-no-color", "-auto-approve"})) {
            Differential.Run t = run(true, d.t(), AUTOMATION, op);
            Differential.Run c = run(false, d.c(), AUTOMATION, op);
            assertThat(t.exit()).as("terraform:\n" + t.out()).isZero();
            assertThat(c.exit()).as("capstan:\n" + c.out()).isZero();
        }
        d.write("resource \"terraform_data\" \"y\" {\n  input = \"b\"\n}\n");
        for (Path dir : List.of(d.t(), d.c())) {
            Files.delete(dir.resolve(".terraform.lock.hcl"));
        }
        Differential.Run t = run(true, d.t(), AUTOMATION, "apply", "-input=false", "-no-color", "-auto-approve");
        Differential.Run c = run(false, d.c(), AUTOMATION, "apply", "-input=false", "-no-color", "-auto-approve");
        assertThat(t.exit()).as("terraform:\n" + t.out()).isZero();
        assertThat(c.exit()).as("capstan:\n" + c.out()).isZero();
        assertThat(t.out()).contains("Apply complete! Resources: 1 added, 0 changed, 1 destroyed.");
        assertThat(c.out()).contains("Apply complete! Resources: 1 added, 0 changed, 1 destroyed.");
        System.out.println("lock file against the configuration: " + n + " runs the same in both tools");
    }

    @Test
    void operationsStopWhereTheInstalledPackagesDisagreeWithTheLockFile() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, config(RANDOM + TIME), "random", "time");
        List<String[]> ops = new ArrayList<>(OPERATIONS);
        ops.add(new String[] {"apply", "-input=false", "-no-color", "-auto-approve", "-refresh-only"});
        int n = 0;
        // a checksum the installed random package does not have
        for (Path dir : List.of(d.t(), d.c())) {
            Path lock = dir.resolve(".terraform.lock.hcl");
            Files.copy(lock, dir.resolve("lock.bak"));
            Files.writeString(lock, Files.readString(lock).replaceFirst("(provider \"registry.terraform.io/capstan/"
                    + "random\" \\{[^}]*?\"h1:)[^\"]*\"", "$1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\""));
        }
        assertThat(Files.readString(d.c().resolve(".terraform.lock.hcl"))).contains("h1:AAAA");
        n += sameFailure(d, Map.of("TF_IN_AUTOMATION", ""), "To download the plugins required", ops);
        n += sameFailure(d, AUTOMATION, "does not match any of the checksums recorded in the dependency lock file",
                ops);
        // the locked time package gone from the data directory (random's checksum restored: terraform lists
        // several providers in no fixed order)
        for (Path dir : List.of(d.t(), d.c())) {
            Files.move(dir.resolve("lock.bak"), dir.resolve(".terraform.lock.hcl"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path time = dir.resolve(".terraform/providers/registry.terraform.io/capstan/time");
            try (var files = Files.walk(time)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        n += sameFailure(d, AUTOMATION, "there is no package for registry.terraform.io/capstan/time", ops);
        System.out.println("installed packages against the lock file: " + n + " runs the same in both tools");
    }

    @Test
    void awsFromTheMirrorIsCheckedAsTerraformChecksIt() throws Exception {
        Path pkg = AWS_MIRROR.resolve("registry.terraform.io/hashicorp/aws/5.100.0");
        if (!Files.isDirectory(pkg)) {
            Differential.terraform();
            System.out.println("SKIP: no hashicorp/aws 5.100.0 under " + AWS_MIRROR);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no aws mirror");
        }
        Differential.terraform();
        TwinDirs d = new TwinDirs(Files.createDirectories(tmp.resolve("terraform")),
                Files.createDirectories(tmp.resolve("capstan")));
        d.write(config("    aws = { source = \"hashicorp/aws\", version = \"5.100.0\" }\n"));
        d.bothOk("init", "-input=false", "-no-color", "-plugin-dir=" + AWS_MIRROR);
        int n = 0;
        List<String[]> plan = List.<String[]>of(new String[] {"plan", "-input=false", "-no-color"});
        d.write(config("    aws = { source = \"hashicorp/aws\", version = \"~> 6.0\" }\n"));
        n += sameFailure(d, AUTOMATION, "locked version selection 5.100.0 doesn't match", plan);
        d.write(config("    aws = { source = \"hashicorp/aws\", version = \"5.100.0\" }\n"));
        for (Path dir : List.of(d.t(), d.c())) {
            Path lock = dir.resolve(".terraform.lock.hcl");
            Files.writeString(lock, Files.readString(lock).replaceFirst("\"h1:[^\"]*\"",
                    "\"h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\""));
        }
        n += sameFailure(d, AUTOMATION, "cached package for registry.terraform.io/hashicorp/aws 5.100.0", plan);
        for (Path dir : List.of(d.t(), d.c())) {
            Files.delete(dir.resolve(".terraform.lock.hcl"));
        }
        n += sameFailure(d, AUTOMATION, "hashicorp/aws: required by this configuration", plan);
        System.out.println("aws 5.100.0: " + n + " runs the same in both tools");
    }
}
