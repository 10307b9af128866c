package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two of terraform 1.11.4's command-specific wordings, byte for byte with and without colour
 * (standard output and error together), skipped with a printed reason when terraform is absent:
 * <ul>
 * <li>{@code refresh} of an empty state warns "Empty or non-existent state" only once its run
 * context is made: a configuration that fails to load or validate, or lacks a required variable,
 * gives its errors alone; an error while planning comes after the warning;</li>
 * <li>{@code import} into an address the configuration lacks: the command's own message with an
 * example block (not a diagnostic), naming the root module or the module; into a module the
 * configuration lacks, "Import to non-existent module".</li>
 * </ul>
 */
class RefreshImportWordingDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void refreshOfAnEmptyStateWarnsOnlyOnceTheConfigurationIsValid() throws Exception {
        Map<String, String> configs = Map.of(
                "undeclared", "resource \"terraform_data\" \"a\" {\n  input = var.nope\n}\n",
                "syntax", "resource \"terraform_data\" \"a\" {\n  input = \n}\n",
                "required", "variable \"x\" {\n  type = string\n}\nresource \"terraform_data\" \"a\" {\n  input = var.x\n}\n",
                "valid", "resource \"terraform_data\" \"a\" {\n  input = 1\n}\n");
        int n = 0;
        for (Map.Entry<String, String> c : configs.entrySet()) {
            Path[] d = Differential.sameFiles(tmp.resolve(c.getKey()), Map.of("main.tf", c.getValue()));
            for (List<String> args : List.of(List.of("refresh", "-input=false"),
                    List.of("refresh", "-input=false", "-no-color"))) {
                same(d, args, c.getKey());
                n++;
            }
        }
        // a bad value is found while planning: after the warning
        Path[] d = Differential.sameFiles(tmp.resolve("badvalue"), Map.of("main.tf",
                "variable \"x\" {\n  type = number\n}\nresource \"terraform_data\" \"a\" {\n  input = var.x\n}\n"));
        same(d, List.of("refresh", "-input=false", "-no-color", "-var", "x=abc"), "badvalue");
        System.out.println("refresh of an empty state: " + (n + 1) + " outputs equal to terraform's");
    }

    @Test
    void importIntoAnAddressTheConfigurationLacks() throws Exception {
        Path[] d = Differential.sameFiles(tmp, Map.of(
                "main.tf", "resource \"terraform_data\" \"a\" {\n  input = 1\n}\nmodule \"m\" {\n  source = \"./m\"\n}\n",
                "m/main.tf", "resource \"terraform_data\" \"in\" {\n}\n"));
        Differential.tfOk(d[0], "init", "-input=false", "-no-color");
        Differential.capOk(d[1], "init", "-input=false", "-no-color");
        List<String> addresses = List.of("terraform_data.b", "terraform_data.b[\"k\"]", "terraform_data.b[2]",
                "module.m.terraform_data.b", "module.m[1].terraform_data.c", "module.nope.terraform_data.a");
        int n = 0;
        for (String addr : addresses) {
            for (boolean color : new boolean[] {true, false}) {
                List<String> args = new ArrayList<>(List.of("import", "-input=false"));
                if (!color) {
                    args.add("-no-color");
                }
                args.add(addr);
                args.add("x");
                same(d, args, addr);
                n++;
            }
        }
        System.out.println("import into missing configuration: " + n + " outputs equal to terraform's");
    }

    private static void same(Path[] d, List<String> args, String what) throws Exception {
        Differential.Run tf = Differential.tf(d[0], args.toArray(String[]::new));
        Differential.Run cap = Differential.cap(d[1], args.toArray(String[]::new));
        assertThat(tf.exit()).as(what + ": " + tf.out()).isEqualTo(cap.exit());
        assertThat(cap.out()).as(what + " " + String.join(" ", args)).isEqualTo(tf.out());
    }
}
