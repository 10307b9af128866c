package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output piped (not a terminal) without {@code -no-color}, as terraform 1.11.4 prints it: its plan
 * body, progress lines, summaries ("Plan: ...", "Apply complete! ...", "No changes."), output
 * listings, validate's "Success!" and the diagnostics of validate, graph and providers are coloured
 * (terraform's colour is set by {@code -no-color} alone, given as a flag or in {@code TF_CLI_ARGS});
 * show, state and workspace commands as well, each byte for byte (standard output and error
 * together; ids and elapsed times masked). Skipped, with a printed reason, when terraform is absent.
 */
class PipedColourDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void aLifecycleIsColouredInAPipeAsTerraformColoursIt() throws Exception {
        Path[] d = Differential.sameFiles(tmp.resolve("ok"), Map.of("main.tf", """
                resource "terraform_data" "a" {
                  input = 1
                }

                output "o" {
                  value = terraform_data.a.output
                }

                output "s" {
                  value     = "secret"
                  sensitive = true
                }
                """));
        List<List<String>> steps = List.of(List.of("validate"), List.of("plan", "-input=false"),
                List.of("apply", "-auto-approve", "-input=false"), List.of("output"), List.of("output", "o"),
                List.of("plan", "-input=false"), List.of("refresh", "-input=false"), List.of("show"),
                List.of("state", "list"), List.of("taint", "terraform_data.a"), List.of("plan", "-input=false"),
                List.of("untaint", "terraform_data.a"), List.of("workspace", "new", "w"),
                List.of("workspace", "select", "default"), List.of("workspace", "delete", "w"),
                List.of("destroy", "-auto-approve", "-input=false"));
        for (List<String> args : steps) {
            same(d, args, Map.of());
        }
        // TF_CLI_ARGS's -no-color is the flag's
        same(d, List.of("plan", "-input=false"), Map.of("TF_CLI_ARGS_plan", "-no-color"));
        same(d, List.of("validate"), Map.of("TF_CLI_ARGS", "-no-color"));
        System.out.println("piped lifecycle: " + (steps.size() + 2) + " outputs equal to terraform's");
    }

    @Test
    void diagnosticsOfValidateGraphAndProvidersAreColouredInAPipe() throws Exception {
        Path[] d = Differential.sameFiles(tmp.resolve("bad"), Map.of("main.tf", """
                resource "terraform_data" "a" {
                  input = var.nope
                }
                """));
        Path[] s = Differential.sameFiles(tmp.resolve("syntax"), Map.of("main.tf", "resource \"terraform_data\" {\n}\n"));
        int n = 0;
        // graph and providers do not validate references: the syntax error only
        for (List<String> args : List.of(List.of("validate"), List.of("validate", "-no-color"))) {
            same(d, args, Map.of());
            n++;
        }
        for (List<String> args : List.of(List.of("validate"), List.of("graph"), List.of("providers"),
                List.of("validate", "-no-color"), List.of("graph", "-no-color"), List.of("providers", "-no-color"))) {
            same(s, args, Map.of());
            n++;
        }
        System.out.println("piped diagnostics of validate, graph, providers: " + n + " outputs equal to terraform's");
    }

    private static void same(Path[] d, List<String> args, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("TF_IN_AUTOMATION", "1");
        Differential.Run tf = DiagnosticValuesDifferentialTest.tfWith(d[0], env,
                concat(Differential.terraform().toString(), args));
        Map<String, String> capEnv = new HashMap<>(System.getenv());
        capEnv.putAll(env);
        capEnv.remove("TF_LOG");
        Differential.Run cap = DiagnosticValuesDifferentialTest.capWith(d[1], false, capEnv, args.toArray(String[]::new));
        String what = String.join(" ", args) + " " + extraEnv;
        assertThat(cap.exit()).as(what + "\n" + cap.out() + "\nterraform:\n" + tf.out()).isEqualTo(tf.exit());
        assertThat(masked(cap.out())).as(what).isEqualTo(masked(tf.out()));
        // what terraform colours in a pipe (show, output, state list, taint and untaint print plain text)
        if (extraEnv.isEmpty() && !args.contains("-no-color")
                && List.of("validate", "plan", "apply", "refresh", "destroy", "workspace").contains(args.get(0))) {
            assertThat(tf.out()).as(what).contains("\u001b[");
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String masked(String s) {
        return s.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("after \\d+s", "after Ns");
    }
}
