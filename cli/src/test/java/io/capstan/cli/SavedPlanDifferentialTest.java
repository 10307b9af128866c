package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
            List<String> cmd = new ArrayList<>(List.of(Differential.terraform().toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("TF_VAR_") || k.equals("TF_LOG") || k.equals("TF_DATA_DIR"));
            pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
            pb.environment().put("TF_IN_AUTOMATION", "1");
            pb.environment().put("CHECKPOINT_DISABLE", "1");
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
            return new Differential.Run(p.exitValue(), out);
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
