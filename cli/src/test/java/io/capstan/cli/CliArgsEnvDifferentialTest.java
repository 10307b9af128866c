package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TF_CLI_ARGS} and {@code TF_CLI_ARGS_<command>} against terraform 1.11: the same commands
 * with the same environment in two directories print the same, exit the same and leave the same
 * state, where the extra arguments change what a user sees (a variable's value, a prompt skipped,
 * a refresh left out, a filter, an error).
 */
class CliArgsEnvDifferentialTest {
    private static final String CONFIG = """
            variable "x" {
              default = "d"
            }
            resource "terraform_data" "r" {
              input = var.x
            }
            output "o" {
              value = var.x
            }
            """;

    /** One command with extra environment; {@code full}: stdout and stderr compared, else the exit code only. */
    record Step(Map<String, String> env, boolean full, String... args) {
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    record Out(int code, String out, String err) {
    }

    private static Out terraform(Path tf, Path dir, Map<String, String> extra, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tf.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TF_"));
        pb.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().putAll(extra);
        Path out = Files.createTempFile(dir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(dir.getParent(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        Process p = pb.start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("terraform " + String.join(" ", args)).isTrue();
        return new Out(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Out capstan(Path dir, Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("TF_"));
        env.putAll(extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.runFor(dir, false, env, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Out(code, out.toString(), err.toString());
    }

    private static String normalized(String s) {
        return s.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");
    }

    private static String plain(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void extraArgumentsFromTheEnvironmentActAsTerraformsDo(@TempDir Path tmp) throws Exception {
        Path tf = Differential.terraform();
        Path t = Files.createDirectories(tmp.resolve("tf"));
        Path c = Files.createDirectories(tmp.resolve("cap"));
        Files.writeString(t.resolve("main.tf"), CONFIG);
        Files.writeString(c.resolve("main.tf"), CONFIG);
        List<Step> steps = List.of(
                // quoting: a value with a blank, in double quotes
                new Step(env("TF_CLI_ARGS_plan", "-var \"x=a b\""), true, "plan", "-no-color"),
                // both variables: the command's own goes first, so TF_CLI_ARGS's later -var wins
                new Step(env("TF_CLI_ARGS", "-var x=g", "TF_CLI_ARGS_plan", "-var x=s"), true, "plan", "-no-color"),
                // the command line's own arguments come after the extra ones and win
                new Step(env("TF_CLI_ARGS", "-var x=g"), true, "plan", "-no-color", "-var", "x=c"),
                // escapes, single quotes, adjacent quoted parts, a literal $ and #
                new Step(env("TF_CLI_ARGS_plan", "-var x=a\\ b\"c \\\"d\"'e\\f'$HOME#"), true, "plan", "-no-color"),
                // an unquoted ; ends the list
                new Step(env("TF_CLI_ARGS_plan", "-var x=a;b -var x=z"), true, "plan", "-no-color"),
                // an unclosed quote and a trailing backslash: terraform's error, exit 1
                new Step(env("TF_CLI_ARGS_plan", "-var \"x=a"), true, "plan", "-no-color"),
                new Step(env("TF_CLI_ARGS", "-var x=\\"), true, "plan", "-no-color"),
                // another command's variable does not apply
                new Step(env("TF_CLI_ARGS_apply", "-var x=nope"), true, "plan", "-no-color"),
                // apply without a prompt: -auto-approve from the environment
                new Step(env("TF_CLI_ARGS_apply", "-auto-approve -var x=applied"), true, "apply", "-no-color"),
                // -refresh=false leaves out "Refreshing state..."
                new Step(env("TF_CLI_ARGS_plan", "-refresh=false"), true, "plan", "-no-color", "-var", "x=applied"),
                new Step(env(), true, "plan", "-no-color", "-var", "x=applied"),
                new Step(env("TF_CLI_ARGS_output", "-json"), true, "output"),
                // a two-word command's name is TF_CLI_ARGS_state_list; TF_CLI_ARGS_state is not it
                new Step(env("TF_CLI_ARGS_state_list", "terraform_data.nosuch"), true, "state", "list"),
                new Step(env("TF_CLI_ARGS_state", "-bogus"), true, "state", "list"),
                // extra flags a command does not know, or that conflict with the command line's: an error
                new Step(env("TF_CLI_ARGS_state_list", "-bogus"), false, "state", "list"),
                new Step(env("TF_CLI_ARGS_output", "-json"), false, "output", "-raw", "o"),
                new Step(env("TF_CLI_ARGS", "-bogus"), false, "output"));
        SoftAssertions soft = new SoftAssertions();
        List<Integer> codes = new ArrayList<>();
        for (Step s : steps) {
            String what = s.env() + " " + String.join(" ", s.args());
            Out a = terraform(tf, t, s.env(), s.args());
            Out b = capstan(c, s.env(), s.args());
            codes.add(a.code());
            soft.assertThat(b.code()).as(what + " exit code\n" + b.out() + b.err()).isEqualTo(a.code());
            if (s.full()) {
                soft.assertThat(normalized(b.out())).as(what + " stdout").isEqualTo(normalized(a.out()));
                // colour codes aside: state list's error colours differ slightly (not this test's subject)
                soft.assertThat(plain(b.err())).as(what + " stderr").isEqualTo(plain(a.err()));
            }
        }
        soft.assertThat(normalized(Files.readString(c.resolve("terraform.tfstate")))
                .replaceAll("\"(serial|lineage|terraform_version)\": [^\n]*", ""))
                .as("state after the apply")
                .isEqualTo(normalized(Files.readString(t.resolve("terraform.tfstate")))
                        .replaceAll("\"(serial|lineage|terraform_version)\": [^\n]*", ""));
        // the steps exercised what they are meant to: two parse errors and three refused flags
        soft.assertThat(codes).as("terraform's exit codes").containsExactly(0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1);
        soft.assertAll();
    }
}
