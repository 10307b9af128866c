package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider development overrides: the CLI configuration's {@code provider_installation { dev_overrides { ... } }}
 * (HCL 1, quoted keys) makes every command run a provider from a local directory without {@code init}, a lock
 * file or an installed package, as a provider author working on a Java provider expects. Each step is run by the
 * real {@code terraform} 1.11.4 and by Capstan with the same CLI configuration file, in twin directories, output
 * and exit code compared: {@code validate} (human and {@code -json}), {@code plan} (human and {@code -json}),
 * {@code apply}, a second {@code plan}, {@code apply} of a saved plan, {@code destroy} — the
 * "Provider development overrides are in effect" warning first, where terraform prints it; no "Inconsistent
 * dependency lock file" though nothing is locked; no "Required plugins are not installed" after {@code init}
 * when the package is gone; {@code init}'s own warning; a directory without the provider's executable.
 * Skipped, with a printed reason, when terraform is absent.
 */
class DevOverridesDifferentialTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            terraform {
              required_providers {
                time = { source = "capstan/time" }
              }
            }

            resource "time_sleep" "a" {
              create_duration = "1ms"
            }

            output "id" {
              value = time_sleep.a.id
            }
            """;

    /** Masks what differs between two runs of either tool: timestamps (time_sleep's id, -json lines). */
    private static String masked(String out) {
        return out.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME")
                .replaceAll("\"@timestamp\":\"[^\"]*\"", "\"@timestamp\":\"T\"")
                .replaceAll("after \\d+s", "after Ns");
    }

    private static Differential.Run run(boolean terraform, Path dir, Map<String, String> env, String... args)
            throws Exception {
        return SavedPlanDifferentialTest.run(terraform, dir, env, args);
    }

    private record Setup(Path t, Path c, Path override, Map<String, String> env) {
        Differential.Run[] both(String... args) throws Exception {
            return new Differential.Run[] {run(true, t, env, args), run(false, c, env, args)};
        }

        /** Both tools, same exit code {@code exit} and the same output; Capstan's output. */
        String same(int exit, String... args) throws Exception {
            Differential.Run[] r = both(args);
            String what = String.join(" ", args);
            assertThat(r[0].exit()).as("terraform " + what + ":\n" + r[0].out()).isEqualTo(exit);
            assertThat(r[1].exit()).as("capstan " + what + ":\n" + r[1].out()).isEqualTo(exit);
            assertThat(masked(r[1].out())).as(what).isEqualTo(masked(r[0].out()));
            return r[1].out();
        }
    }

    private Setup setup(String methodsAfter) throws Exception {
        Differential.terraform();
        Path mirror = Differential.mirrors(tmp, "time").get(0);
        Path override = mirror.resolve("registry.terraform.io/capstan/time/" + io.capstan.provider.sdk.testing
                .ClassPathProviders.VERSION + "/" + io.capstan.engine.plan.ProviderResolver.platform());
        assertThat(override.resolve("terraform-provider-time_v" + io.capstan.provider.sdk.testing.ClassPathProviders.VERSION))
                .isExecutable();
        Path rc = tmp.resolve("cli.tfrc");
        Files.writeString(rc, "provider_installation {\n  dev_overrides {\n    \"capstan/time\" = \"" + override
                + "\"\n  }\n" + methodsAfter.replace("MIRROR", mirror.toString()) + "}\n");
        Path t = Files.createDirectories(tmp.resolve("terraform"));
        Path c = Files.createDirectories(tmp.resolve("capstan"));
        Files.writeString(t.resolve("main.tf"), CONFIG);
        Files.writeString(c.resolve("main.tf"), CONFIG);
        return new Setup(t, c, override, Map.of("TF_CLI_CONFIG_FILE", rc.toString(), "TF_IN_AUTOMATION", "1"));
    }

    @Test
    void everyCommandRunsTheOverriddenProviderWithoutInitAndWarnsAsTerraformDoes() throws Exception {
        Setup s = setup("  direct {}\n");
        String warning = "Warning: Provider development overrides are in effect\n\n"
                + "The following provider development overrides are set in the CLI\nconfiguration:\n"
                + " - capstan/time in " + s.override() + "\n\n"
                + "The behavior may therefore not match any released version of the provider and\n"
                + "applying changes may cause the state to become incompatible with published\nreleases.\n";

        assertThat(s.same(0, "validate", "-no-color")).startsWith("\n" + warning)
                .contains("Success! The configuration is valid, but there were some validation warnings");
        assertThat(s.same(0, "validate", "-json")).contains("\"warning_count\": 1");
        assertThat(s.same(0, "plan", "-input=false", "-no-color")).startsWith("\n" + warning)
                .contains("Plan: 1 to add, 0 to change, 0 to destroy.");
        assertThat(s.same(0, "plan", "-input=false", "-json"))
                .contains("\"summary\":\"Provider development overrides are in effect\"");
        assertThat(s.same(0, "apply", "-input=false", "-no-color", "-auto-approve")).startsWith("\n" + warning)
                .contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
        assertThat(s.same(0, "plan", "-input=false", "-no-color", "-detailed-exitcode"))
                .contains("No changes. Your infrastructure matches the configuration.");
        // no lock file was ever written, nor a provider installed (Capstan's data directory holds only its
        // apply journal's directory, .terraform/capstan)
        for (Path dir : List.of(s.t(), s.c())) {
            assertThat(dir.resolve(".terraform.lock.hcl")).doesNotExist();
            assertThat(dir.resolve(".terraform/providers")).doesNotExist();
        }
        assertThat(s.t().resolve(".terraform")).doesNotExist();
        // each tool reads the other's state: the override's objects are the same to both
        Differential.swap(s.t().resolve("terraform.tfstate"), s.c().resolve("terraform.tfstate"));
        s.same(0, "plan", "-input=false", "-no-color", "-detailed-exitcode");
        Differential.swap(s.t().resolve("terraform.tfstate"), s.c().resolve("terraform.tfstate"));

        Files.writeString(s.t().resolve("main.tf"), CONFIG.replace("1ms", "2ms"));
        Files.writeString(s.c().resolve("main.tf"), CONFIG.replace("1ms", "2ms"));
        s.same(0, "plan", "-input=false", "-no-color", "-out=saved.plan");
        assertThat(s.same(0, "apply", "-input=false", "-no-color", "saved.plan")).startsWith("\n" + warning);
        assertThat(s.same(0, "destroy", "-input=false", "-no-color", "-auto-approve")).startsWith("\n" + warning)
                .contains("Destroy complete! Resources: 1 destroyed.");
    }

    @Test
    void initWarnsAndTheInstalledPackageIsNotNeededAfterwards() throws Exception {
        Setup s = setup("  filesystem_mirror {\n    path = \"MIRROR\"\n  }\n");
        Differential.Run[] init = s.both("init", "-input=false", "-no-color");
        assertThat(init[0].exit()).as("terraform init:\n" + init[0].out()).isZero();
        assertThat(init[1].exit()).as("capstan init:\n" + init[1].out()).isZero();
        String initWarning = "Warning: Provider development overrides are in effect\n\n"
                + "The following provider development overrides are set in the CLI\nconfiguration:\n"
                + " - capstan/time in " + s.override() + "\n\n"
                + "Skip terraform init when using provider development overrides. It is not\n"
                + "necessary and may error unexpectedly.\n";
        assertThat(init[0].out()).contains(initWarning);
        assertThat(init[1].out()).contains(initWarning);
        // (the "Incomplete lock file information" warning after it is in Capstan's own words: it cannot reach a registry)
        assertThat(Files.readString(s.c().resolve(".terraform.lock.hcl")))
                .isEqualTo(Files.readString(s.t().resolve(".terraform.lock.hcl")));

        // the installed package gone (terraform would say "Required plugins are not installed" without the override)
        for (Path dir : List.of(s.t(), s.c())) {
            deleteTree(dir.resolve(".terraform/providers"));
        }
        s.same(0, "plan", "-input=false", "-no-color");
        s.same(0, "apply", "-input=false", "-no-color", "-auto-approve");
        // the commands that only start the backend check the installed plugins too, the overridden one left out
        assertThat(s.same(0, "state", "list")).isEqualTo("time_sleep.a\n");
        s.same(0, "output", "-no-color");
        s.same(0, "console");
        s.same(0, "destroy", "-input=false", "-no-color", "-auto-approve");
    }

    @Test
    void aDirectoryWithoutTheExecutableIsAnError() throws Exception {
        Setup s = setup("");
        Path rc = Path.of(s.env().get("TF_CLI_CONFIG_FILE"));
        Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(rc, Files.readString(rc).replace(s.override().toString(), tmp.resolve("empty").toString()));
        Differential.Run[] r = s.both("plan", "-input=false", "-no-color");
        assertThat(r[0].exit()).isEqualTo(1);
        assertThat(r[1].exit()).as(r[1].out()).isEqualTo(1);
        assertThat(r[0].out()).contains("could not find\nexecutable file starting with terraform-provider-time");
        assertThat(r[1].out()).contains("Error: Failed to load plugin schemas")
                .contains("executable file starting with terraform-provider-time");
    }

    /**
     * terraform's main reads the CLI configuration before any command runs and prints its problems first, on
     * standard error, uncoloured and framed at 78 columns, then "As a result of the above problems, Terraform may
     * not behave as intended." for errors, and runs the command anyway: so does every Capstan command, those that
     * never look at provider installation ({@code version}, {@code fmt}, {@code workspace}, {@code state},
     * {@code output}, {@code show}, {@code graph}, {@code providers}, {@code console}) as much as the others. Exit
     * codes and standard error compared (the tool's name in the last line mapped; an unknown command's usage text
     * after it not), and standard output but for {@code version}'s and {@code init}'s, whose words name the tool.
     */
    @Test
    void everyCommandPrintsTheCliConfigurationsProblemsFirst() throws Exception {
        Path terraform = Differential.terraform();
        Path rc = tmp.resolve("bad.tfrc");
        Files.writeString(rc, "provider_installation {\n  dev_overrides {\n    \"not/valid/a/b\" = \"/tmp\"\n  }\n"
                + "  direct {}\n}\n");
        Path[] dirs = {Files.createDirectories(tmp.resolve("t")), Files.createDirectories(tmp.resolve("c"))};
        for (int i = 0; i < 2; i++) {
            Files.writeString(dirs[i].resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n"
                    + "output \"o\" {\n  value = \"v\"\n}\n");
            Differential.Run r = SavedPlanDifferentialTest.run(i == 0, dirs[i], Map.of(), "apply", "-input=false",
                    "-no-color", "-auto-approve");
            assertThat(r.exit()).as(r.out()).isZero();
        }
        String problems = "There are some problems with the CLI configuration:\n"
                + "╷\n│ Error: Invalid provider installation dev overrides\n│\n"
                + "│ The entry \"not/valid/a/b\" in 1:1 is not a valid provider source string.\n│\n"
                + "│ Invalid provider source string: The \"source\" attribute must be in the\n"
                + "│ format \"[hostname/][namespace/]name\"\n╵\n\n"
                + "As a result of the above problems, Terraform may not behave as intended.\n\n\n";
        Map<String, String> env = Map.of("TF_CLI_CONFIG_FILE", rc.toString(), "TF_IN_AUTOMATION", "1");
        List<List<String>> commands = List.of(List.of("version"), List.of("fmt"), List.of("workspace", "show"),
                List.of("workspace", "list"), List.of("state", "list"), List.of("output", "-no-color"),
                List.of("show", "-no-color"), List.of("show", "-json"), List.of("graph"), List.of("providers"),
                List.of("console"), List.of("validate", "-no-color"), List.of("plan", "-input=false", "-no-color"),
                List.of("init", "-input=false", "-no-color"), List.of("nosuch"));
        for (List<String> c : commands) {
            String what = String.join(" ", c);
            Differential.Streams t = streams(terraform, dirs[0], env, c);
            Differential.Streams k = capstanStreams(dirs[1], env, c);
            assertThat(t.err()).as("terraform " + what).startsWith(problems);
            assertThat(k.exit()).as("capstan " + what + ":\n" + k.out() + k.err()).isEqualTo(t.exit());
            String err = k.err().replace("Capstan may not behave", "Terraform may not behave");
            if (c.get(0).equals("nosuch")) {
                // (what follows is the usage text, which names each tool's commands)
                assertThat(err).as(what).startsWith(problems);
                continue;
            }
            assertThat(err).as(what).isEqualTo(t.err());
            if (!c.get(0).equals("version") && !c.get(0).equals("init")) {
                assertThat(k.out().replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID"))
                        .as(what).isEqualTo(t.out().replaceAll(
                                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID"));
            }
        }
        // a valid CLI configuration: nothing printed
        Files.writeString(rc, "provider_installation {\n  direct {}\n}\n");
        assertThat(streams(terraform, dirs[0], env, List.of("workspace", "show")).err()).isEmpty();
        assertThat(capstanStreams(dirs[1], env, List.of("workspace", "show")).err()).isEmpty();
    }

    /** terraform in {@code dir} with {@code env} (its CLI configuration), standard input closed: the two streams apart. */
    private static Differential.Streams streams(Path terraform, Path dir, Map<String, String> env, List<String> args)
            throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(terraform.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("TF_LOG");
        pb.environment().remove("TF_CLI_ARGS");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Differential.Streams(p.exitValue(), out,
                new String(err.get(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Capstan in-process, as {@link SavedPlanDifferentialTest#run}, the two streams apart. */
    private static Differential.Streams capstanStreams(Path dir, Map<String, String> env, List<String> args) {
        Map<String, String> all = new java.util.HashMap<>(System.getenv());
        all.keySet().removeIf(k -> k.startsWith("TF_VAR_"));
        all.putAll(env);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.runFor(dir, false, all, new java.io.ByteArrayInputStream(new byte[0]),
                args.toArray(String[]::new), new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return new Differential.Streams(code, out.toString(), err.toString());
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
