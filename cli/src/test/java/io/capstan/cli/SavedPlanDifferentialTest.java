package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applying a saved plan as terraform 1.11.4 applies it, each case run by the real {@code terraform}
 * and by Capstan on the same configuration, output and exit code compared byte for byte: the
 * variable values the apply is given are compared with the plan's ("Ignoring variable when
 * applying a saved plan" for a {@code TF_VAR_}, "Can't change variable when applying a saved plan"
 * for {@code -var} and {@code -var-file}, a name the plan holds no value for treated as
 * undeclared). Skipped, with a printed reason, when terraform is absent.
 */
class SavedPlanDifferentialTest {
    @TempDir
    Path tmp;

    /**
     * {@code show -json PLANFILE} of a plan that destroys an orphan (no change of an output, then one):
     * {@code prior_state} among terraform 1.11.4's top-level keys where it puts it, before
     * {@code configuration}; the list of keys compared in order.
     */
    @Test
    void showJsonOfAnOrphansDestructionOrdersItsKeysAsTerraform() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, "resource \"terraform_data\" \"gone\" {\n  input = \"x\"\n}\n");
        d.bothOk("apply", "-input=false", "-no-color", "-auto-approve");
        for (String config : List.of("", "output \"o\" {\n  value = \"v\"\n}\n")) {
            d.write(config);
            d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
            Differential.Run t = Differential.tfStdout(d.t(), "show", "-json", "tfplan");
            Differential.Run c = Differential.capStdout(d.c(), "show", "-json", "tfplan");
            assertThat(t.exit()).as(t.out()).isZero();
            assertThat(c.exit()).as(c.out()).isZero();
            List<String> tKeys = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(t.out()).fieldNames().forEachRemaining(tKeys::add);
            List<String> cKeys = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.out()).fieldNames().forEachRemaining(cKeys::add);
            assertThat(tKeys).as(config).contains("prior_state", "configuration");
            assertThat(cKeys).as(config).isEqualTo(tKeys);
        }
    }

    /**
     * {@code show PATH} of a path that is not there, a directory, and a path through a file, human and
     * {@code -json}, coloured and not: terraform 1.11.4's "Failed to read the given file as a state or
     * plan file" with its state reader's and both plan readers' errors naming the path as given, exit 1;
     * standard output and standard error compared apart, byte for byte.
     */
    @Test
    void showOfAPathItCannotReadIsRefusedAsTerraformRefusesIt() throws Exception {
        Differential.terraform();
        Path dir = Files.createDirectories(tmp.resolve("unreadable"));
        Files.createDirectories(dir.resolve("somedir"));
        Files.writeString(dir.resolve("afile"), "");
        for (String path : List.of("nofile", "somedir", "afile/x", "nodir/nofile", dir.resolve("nofile").toString())) {
            for (List<String> flags : List.of(List.<String>of(), List.of("-json"), List.of("-no-color"),
                    List.of("-json", "-no-color"))) {
                List<String> args = new ArrayList<>(List.of("show"));
                args.addAll(flags);
                args.add(path);
                Differential.Streams t = Differential.tfStreams(dir, args);
                Differential.Streams c = Differential.capStreams(dir, args);
                String what = String.join(" ", args);
                assertThat(t.exit()).as("terraform " + what + "\n" + t.err()).isEqualTo(1);
                assertThat(t.err()).as(what).contains("Failed to read the given file as a state or plan file");
                assertThat(c.exit()).as("capstan " + what + "\n" + c.err()).isEqualTo(1);
                assertThat(c.out()).as(what + " (stdout)").isEqualTo(t.out());
                assertThat(c.err()).as(what + " (stderr)").isEqualTo(t.err());
            }
        }
    }

    /** One apply of a plan made with {@code TF_VAR_a=y}: its arguments and environment. */
    private record Case(String name, List<String> args, Map<String, String> env, int exit, String says) {
    }

    @Test
    void variablesGivenToTheApplyAreComparedWithThePlansAsTerraformComparesThem() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "a" {
                  default = "x"
                }

                variable "n" {
                  type    = number
                  default = 1
                }

                output "o" {
                  value = "${var.a}-${var.n}"
                }
                """);
        for (Path dir : List.of(d.t(), d.c())) {
            Files.writeString(dir.resolve("other.tfvars"), "n = 2\na = \"z\"\n");
            Files.writeString(dir.resolve("same.tfvars"), "a = \"y\"\n");
            Files.writeString(dir.resolve("undeclared.tfvars"), "zz = 1\n");
        }
        List<Case> cases = List.of(
                new Case("TF_VAR_ changed", List.of(), Map.of("TF_VAR_a", "z"), 0,
                        "Warning: Ignoring variable when applying a saved plan"),
                new Case("-var changed", List.of("-var", "a=z"), Map.of(), 1,
                        "Error: Can't change variable when applying a saved plan"),
                new Case("-var the same", List.of("-var", "a=y"), Map.of(), 0, "o = \"y-1\""),
                // n was not set when planning: terraform's plan holds no value for it, so n is "undeclared"
                new Case("-var-file changed", List.of("-var-file=same.tfvars", "-var-file=other.tfvars"), Map.of(), 1,
                        "set by a .tfvars file passed through\n-var-file argument"),
                new Case("-var not planned", List.of("-var", "n=5"), Map.of(), 1,
                        "was assigned on the command line, but the root module"),
                new Case("TF_VAR_ not planned", List.of(), Map.of("TF_VAR_n", "5", "TF_VAR_a", "y"), 0, "o = \"y-1\""),
                new Case("-var-file undeclared", List.of("-var-file=undeclared.tfvars"), Map.of(), 0,
                        "Warning: Value for undeclared variable"));
        for (Case c : cases) {
            String[] out = new String[2];
            int[] exit = new int[2];
            for (int i = 0; i < 2; i++) {
                Path dir = i == 0 ? d.t() : d.c();
                Files.deleteIfExists(dir.resolve("terraform.tfstate"));
                Files.deleteIfExists(dir.resolve("terraform.tfstate.backup"));
                Differential.Run plan = run(i == 0, dir, Map.of("TF_VAR_a", "y"), "plan", "-input=false", "-no-color",
                        "-out=tfplan");
                assertThat(plan.exit()).as(c.name() + ": " + plan.out()).isZero();
                List<String> args = new ArrayList<>(List.of("apply", "-input=false", "-no-color"));
                args.addAll(c.args());
                args.add("tfplan");
                Differential.Run apply = run(i == 0, dir, c.env(), args.toArray(String[]::new));
                out[i] = apply.out();
                exit[i] = apply.exit();
            }
            assertThat(exit[0]).as(c.name() + ": terraform\n" + out[0]).isEqualTo(c.exit());
            assertThat(out[0]).as(c.name()).contains(c.says());
            assertThat(exit[1]).as(c.name() + ": capstan\n" + out[1]).isEqualTo(c.exit());
            assertThat(out[1]).as(c.name()).isEqualTo(out[0]);
        }
    }

    @Test
    void automaticVariablesFilesChangedAfterThePlanAreIgnoredAsTerraformIgnoresThem() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "a" {
                  default = "x"
                }

                variable "b" {
                  type = list(string)
                }

                output "o" {
                  value = "${var.a}-${join(",", var.b)}"
                }
                """);
        List<String> shown = new ArrayList<>();
        for (boolean terraform : new boolean[] {true, false}) {
            Path dir = terraform ? d.t() : d.c();
            Files.writeString(dir.resolve("terraform.tfvars"), "a = \"file1\"\n");
            Files.writeString(dir.resolve("b.auto.tfvars.json"), "{\"b\": [\"p\", 1]}\n");
            assertThat(run(terraform, dir, Map.of(), "plan", "-input=false", "-no-color", "-out=tfplan").exit())
                    .isZero();
            // the values as given (a tuple, not the list(string) it became), sorted by name
            shown.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(run(terraform, dir, Map.of(), "show",
                    "-json", "tfplan").out()).path("variables").toString());
            // changed, and a value for an undeclared name (one: terraform orders several at random)
            Files.writeString(dir.resolve("terraform.tfvars"), "a = \"file2\"\nzz = 1\n");
            Files.writeString(dir.resolve("b.auto.tfvars.json"), "{\"b\": [\"q\", \"r\"]}\n");
        }
        String[] out = new String[2];
        for (int i = 0; i < 2; i++) {
            Differential.Run apply = run(i == 0, i == 0 ? d.t() : d.c(), Map.of(), "apply", "-input=false", "-no-color",
                    "tfplan");
            assertThat(apply.exit()).as(apply.out()).isZero();
            out[i] = apply.out();
        }
        assertThat(shown.get(0)).isEqualTo("{\"a\":{\"value\":\"file1\"},\"b\":{\"value\":[\"p\",1]}}");
        assertThat(shown.get(1)).isEqualTo(shown.get(0));
        assertThat(out[0]).contains("o = \"file1-p,1\"", "variable named \"zz\"");
        assertThat(out[1]).isEqualTo(out[0]);
        // the same -var given again, and one changed: compared with the plan's values, not the files'
        for (int i = 0; i < 2; i++) {
            Path dir = i == 0 ? d.t() : d.c();
            Files.delete(dir.resolve("terraform.tfstate"));
            Files.writeString(dir.resolve("terraform.tfvars"), "a = \"file1\"\n");
            assertThat(run(i == 0, dir, Map.of(), "plan", "-input=false", "-no-color", "-var", "b=[\"v\"]",
                    "-out=tfplan").exit()).isZero();
            Files.writeString(dir.resolve("terraform.tfvars"), "a = \"file3\"\n");
            Differential.Run apply = run(i == 0, dir, Map.of(), "apply", "-input=false", "-no-color", "-var",
                    "a=file1", "-var", "b=[\"w\"]", "tfplan");
            out[i] = apply.exit() + "\n" + apply.out();
        }
        assertThat(out[0]).startsWith("1\n").contains("Can't change variable", "The variable b ")
                .doesNotContain("The variable a ");
        assertThat(out[1]).isEqualTo(out[0]);
    }

    @Test
    void theConfigurationSavedWithThePlanIsAppliedWhateverTheFilesBecameAsTerraformAppliesItsSnapshot() throws Exception {
        Differential.terraform();
        TwinDirs d = new TwinDirs(Files.createDirectories(tmp.resolve("terraform")),
                Files.createDirectories(tmp.resolve("capstan")));
        d.write("""
                resource "terraform_data" "a" {
                  input = "${var.greeting}-v1"
                }

                module "m" {
                  source = "./mod"
                  in     = terraform_data.a.output
                }

                output "o" {
                  value = terraform_data.a.output
                }

                output "pm" {
                  value = module.m.pm
                }
                """);
        String module = """
                variable "in" {}

                resource "terraform_data" "r" {
                  input = var.in
                  provisioner "local-exec" {
                    command = "pwd > ${path.module}/pwd.txt"
                  }
                }

                output "pm" {
                  value = "${path.module}:${terraform_data.r.output}"
                }
                """;
        for (Path dir : List.of(d.t(), d.c())) {
            Files.createDirectories(dir.resolve("mod"));
            Files.writeString(dir.resolve("mod/main.tf"), module);
            Files.writeString(dir.resolve("vars.tf.json"), "{\"variable\": {\"greeting\": {\"default\": \"hi\"}}}\n");
        }
        d.bothOk("init", "-input=false", "-no-color"); // the module installed
        String[] out = new String[2];
        String[] state = new String[2];
        String[] stale = new String[2];
        for (int i = 0; i < 2; i++) {
            Path dir = i == 0 ? d.t() : d.c();
            Differential.Run plan = run(i == 0, dir, Map.of(), "plan", "-input=false", "-no-color", "-out=tfplan");
            assertThat(plan.exit()).as(plan.out()).isZero();
            // every file the plan was made from changed: the root's, a .tf.json file gone, the module's
            Files.writeString(dir.resolve("main.tf"), """
                    resource "terraform_data" "a" {
                      input = "${var.greeting}-v2"
                    }

                    resource "terraform_data" "added" {
                    }

                    output "o" {
                      value = terraform_data.a.output
                    }
                    """);
            Files.delete(dir.resolve("vars.tf.json"));
            Files.writeString(dir.resolve("mod/main.tf"), "output \"pm\" {\n  value = \"changed\"\n}\n");
            Differential.Run apply = run(i == 0, dir, Map.of(), "apply", "-input=false", "-no-color", "tfplan");
            assertThat(apply.exit()).as((i == 0 ? "terraform\n" : "capstan\n") + apply.out()).isZero();
            out[i] = masked(apply.out().replaceAll("\\[id=[0-9a-f-]+\\]", "[id=ID]"));
            state[i] = stateSummary(dir) + "\nlocal-exec ran in " + dir.relativize(
                    Path.of(Files.readString(dir.resolve("mod/pwd.txt")).strip())).toString().replace("\\", "/");
            // the state moved on: the same plan is stale now (the lineage and serial check stays)
            Differential.Run again = run(i == 0, dir, Map.of(), "apply", "-input=false", "-no-color", "tfplan");
            stale[i] = again.exit() + "\n" + again.out();
        }
        assertThat(out[0]).contains("module.m.terraform_data.r: Creation complete", "o = \"hi-v1\"",
                "pm = \"mod:hi-v1\"");
        assertThat(out[1]).isEqualTo(out[0]);
        assertThat(state[0]).contains("terraform_data.a", "module.m.terraform_data.r").doesNotContain("added");
        assertThat(state[1]).isEqualTo(state[0]);
        assertThat(stale[0]).startsWith("1\n").contains("Error: Saved plan is stale");
        assertThat(stale[1]).isEqualTo(stale[0]);
    }

    /** The state in {@code dir}: its serial, outputs and resources' attributes, without the ids and lineage. */
    static String stateSummary(Path dir) throws Exception {
        com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("terraform.tfstate").toFile());
        StringBuilder b = new StringBuilder("serial " + s.path("serial").asLong() + "\noutputs " + s.path("outputs"));
        for (com.fasterxml.jackson.databind.JsonNode r : s.path("resources")) {
            b.append('\n').append(r.path("module").asText("")).append(r.has("module") ? "." : "")
                    .append(r.path("type").asText()).append('.').append(r.path("name").asText());
            for (com.fasterxml.jackson.databind.JsonNode inst : r.path("instances")) {
                com.fasterxml.jackson.databind.node.ObjectNode a =
                        ((com.fasterxml.jackson.databind.node.ObjectNode) inst.path("attributes")).deepCopy();
                a.remove("id");
                b.append(' ').append(a);
            }
        }
        return b.toString();
    }

    /** One apply of a plan of {@link #EPHEMERAL}: the plan's and the apply's arguments, the tfvars given at apply. */
    private record EphemeralCase(String name, List<String> plan, List<String> apply, String tfvars, int exit,
                                 String got) {
    }

    private static final String EPHEMERAL = """
            variable "e" {
              type      = string
              ephemeral = true
              default   = "dflt"
            }

            variable "f" {
              type      = string
              ephemeral = true
              default   = null
            }

            resource "terraform_data" "r" {
              provisioner "local-exec" {
                command = "echo E=${var.e} F=${var.f == null ? "nil" : var.f} > got.txt"
              }
            }
            """;

    @Test
    void ephemeralVariablesAreGivenAgainToApplyASavedPlanAsTerraformRequires() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, EPHEMERAL);
        List<EphemeralCase> cases = List.of(
                new EphemeralCase("set when planning, missing", List.of("-var", "e=planned"), List.of(), null, 1, null),
                new EphemeralCase("set when planning, another value", List.of("-var", "e=planned"),
                        List.of("-var", "e=applied"), null, 0, "E=applied F=nil"),
                new EphemeralCase("not set when planning, -var", List.of(), List.of("-var", "f=applied"), null, 1, null),
                new EphemeralCase("not set when planning, tfvars", List.of(), List.of(), "f = \"x\"\n", 1, null),
                new EphemeralCase("set when planning, null in tfvars", List.of("-var", "f=x"), List.of(),
                        "f = null\n", 1, null),
                new EphemeralCase("set by tfvars, changed", List.of("-var-file=plan.tfvars"), List.of(),
                        "e = \"file2\"\n", 0, "E=file2 F=nil"),
                new EphemeralCase("not set at all", List.of(), List.of(), null, 0, "E=dflt F=nil"));
        for (EphemeralCase c : cases) {
            String[] out = new String[2];
            String[] got = new String[2];
            com.fasterxml.jackson.databind.JsonNode[] vars = new com.fasterxml.jackson.databind.JsonNode[2];
            for (int i = 0; i < 2; i++) {
                Path dir = i == 0 ? d.t() : d.c();
                for (String f : List.of("terraform.tfstate", "terraform.tfstate.backup", "got.txt", "terraform.tfvars")) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                Files.writeString(dir.resolve("plan.tfvars"), "e = \"file1\"\n");
                List<String> args = new ArrayList<>(List.of("plan", "-input=false", "-no-color", "-out=tfplan"));
                args.addAll(c.plan());
                Differential.Run plan = run(i == 0, dir, Map.of(), args.toArray(String[]::new));
                assertThat(plan.exit()).as(c.name() + ": " + plan.out()).isZero();
                // the plan records no ephemeral value: show -json gives the default (none without one)
                Differential.Run show = run(i == 0, dir, Map.of(), "show", "-json", "tfplan");
                vars[i] = new com.fasterxml.jackson.databind.ObjectMapper().readTree(show.out()).path("variables");
                if (c.tfvars() != null) {
                    Files.writeString(dir.resolve("terraform.tfvars"), c.tfvars());
                }
                args = new ArrayList<>(List.of("apply", "-input=false", "-no-color"));
                args.addAll(c.apply());
                args.add("tfplan");
                Differential.Run apply = run(i == 0, dir, Map.of(), args.toArray(String[]::new));
                assertThat(apply.exit()).as(c.name() + (i == 0 ? ": terraform\n" : ": capstan\n") + apply.out())
                        .isEqualTo(c.exit());
                out[i] = apply.out().replaceAll("\\[id=[0-9a-f-]+\\]", "[id=ID]").replaceAll("after \\d+s", "after Ns");
                got[i] = Files.exists(dir.resolve("got.txt")) ? Files.readString(dir.resolve("got.txt")).strip() : null;
            }
            assertThat(vars[1]).as(c.name()).isEqualTo(vars[0]);
            assertThat(vars[0].toString()).as(c.name()).doesNotContain("planned", "file1", "\"x\"");
            assertThat(got[0]).as(c.name()).isEqualTo(c.got());
            assertThat(got[1]).as(c.name()).isEqualTo(got[0]);
            // the value is never shown: terraform suppresses the provisioner's output
            assertThat(out[1]).as(c.name()).isEqualTo(out[0]).doesNotContain("E=");
        }
    }

    @Test
    void aCheckUnknownUntilApplyIsReportedBesideAnotherErrorWhenItsReferencesWerePlanned() throws Exception {
        TwinDirs d = TwinDirs.of(tmp, """
                variable "ok" {
                  default = false
                }

                resource "terraform_data" "bad" {
                  input = "x"
                  lifecycle {
                    precondition {
                      condition     = var.ok
                      error_message = "resource fails"
                    }
                  }
                }

                resource "terraform_data" "r" {
                  input = "x"
                }

                check "on_the_failed_one" {
                  assert {
                    condition     = terraform_data.bad.output == "x"
                    error_message = "bad"
                  }
                }

                check "on_a_planned_one" {
                  assert {
                    condition     = terraform_data.r.output == "x"
                    error_message = "bad"
                  }
                }

                output "o" {
                  value = "v"
                  precondition {
                    condition     = var.ok
                    error_message = "output fails"
                  }
                }
                """);
        Differential.Run[] plan = new Differential.Run[2];
        for (int i = 0; i < 2; i++) {
            plan[i] = run(i == 0, i == 0 ? d.t() : d.c(), Map.of(), "plan", "-input=false", "-no-color");
        }
        assertThat(plan[0].exit()).isEqualTo(1);
        assertThat(plan[0].out()).contains("Warning: Check block assertion known after apply", "in check \"on_a_planned_one\"",
                "Error: Resource precondition failed", "Error: Module output value precondition failed")
                .doesNotContain("in check \"on_the_failed_one\"");
        assertThat(plan[1].exit()).isEqualTo(1);
        assertThat(plan[1].out()).isEqualTo(plan[0].out());
    }

    @Test
    void theProvidersValidationWarningsAreShownAgainWhenASavedPlanIsApplied() throws Exception {
        TwinDirs d = warnDirs(tmp, """
                terraform {
                  required_providers {
                    warn = { source = "capstan/warn" }
                  }
                }

                resource "warn_thing" "a" {
                  name   = "a"
                  legacy = "old"
                }

                resource "warn_thing" "b" {
                  count = 2
                  name  = "b${count.index}"
                  note  = "hello"
                }
                """);
        String[] plan = d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(plan[0]).contains("Warning: Argument is deprecated", "with warn_thing.a,", "Warning: Thing noted");
        // the test environment drops terraform's -out note after the warnings; Capstan's follows them
        assertThat(plan[1]).startsWith(plan[0]);
        String[] apply = d.bothOk("apply", "-input=false", "-no-color", "tfplan");
        assertThat(apply[0]).contains("Warning: Argument is deprecated", "Warning: Thing noted");
        assertThat(apply[0].indexOf("Warning: Argument is deprecated")).isGreaterThan(apply[0].indexOf("Creation complete"));
        // the provider's warnings from validating each instance again while applying (not the planning's
        // block calls); the progress lines of parallel creations in any order
        assertThat(apply[0]).contains("with warn_thing.b[", "(and one more similar warning elsewhere)")
                .doesNotContain("with warn_thing.b,");
        assertThat(masked(apply[1])).isEqualTo(masked(apply[0]));
        // -json: the same diagnostics (terraform's validate walk visits blocks in parallel: compared sorted)
        Files.delete(d.t().resolve("terraform.tfstate"));
        Files.delete(d.c().resolve("terraform.tfstate"));
        d.bothOk("plan", "-input=false", "-no-color", "-out=tfplan");
        assertThat(diagnostics(Differential.capStdout(d.c(), "apply", "-input=false", "-json", "tfplan").out()))
                .isEqualTo(diagnostics(Differential.tfStdout(d.t(), "apply", "-input=false", "-json", "tfplan").out()))
                .isNotEmpty();
    }

    /**
     * Output without what differs from run to run: durations, the order of progress lines (the
     * lines before the first blank one, sorted) and of the per-instance warnings' addresses (terraform
     * names the first it got: b[0] or b[1]).
     */
    static String masked(String out) {
        String s = out.replaceAll("after \\d+s", "after Ns").replaceAll("with warn_thing\\.b\\[\\d\\],", "with warn_thing.b[N],");
        int blank = s.indexOf("\n\n");
        if (blank < 0) {
            return s;
        }
        List<String> progress = new ArrayList<>(List.of(s.substring(0, blank).split("\n")));
        progress.sort(null);
        return String.join("\n", progress) + s.substring(blank);
    }

    /** Both directories with {@code config}, initialised with {@link WarnProvider}'s mirror. */
    static TwinDirs warnDirs(Path tmp, String config) throws Exception {
        Differential.terraform();
        TwinDirs d = new TwinDirs(Files.createDirectories(tmp.resolve("terraform")),
                Files.createDirectories(tmp.resolve("capstan")));
        d.write(config);
        String[] init = Differential.init(List.of(WarnProvider.mirror(tmp)));
        d.bothOk(init);
        return d;
    }

    /** The {@code diagnostic} messages of a {@code -json} run, without timestamps, as sorted text. */
    static List<String> diagnostics(String jsonl) throws Exception {
        return Differential.uiMessages(jsonl).stream().filter(n -> n.path("type").asText().equals("diagnostic"))
                .map(Object::toString).sorted().toList();
    }

    /** terraform or Capstan (in this JVM) in {@code dir} with {@code env}'s variables added; stdout and stderr together. */
    static Differential.Run run(boolean terraform, Path dir, Map<String, String> env, String... args) throws Exception {
        if (terraform) {
            return Differential.tf(dir, env, args);
        }
        Map<String, String> all = new HashMap<>(System.getenv());
        all.keySet().removeIf(k -> k.startsWith("TF_VAR_"));
        all.putAll(env);
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out, true);
        int code = Main.runFor(dir, false, all, new ByteArrayInputStream(new byte[0]), args, w, w);
        return new Differential.Run(code, out.toString());
    }
}
