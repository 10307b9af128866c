package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a configuration as terraform 1.11.4 loads it, compared with the real {@code terraform}:
 * module calls before {@code init} (no {@code .terraform/modules/modules.json}: "Module not
 * installed", local modules too) and calls the manifest lacks, in {@code validate}, {@code plan},
 * {@code graph}, {@code providers} and {@code console}; syntax errors whose snippet spans lines
 * (the context range of a missing separator) and the parser's recovery from a missing separator
 * inside an object type (one error, as HCL's). Human output, {@code -json} and exit codes.
 * Skipped, with a printed reason, when terraform is absent.
 */
class ConfigLoadingDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static final String MODULE = "variable \"x\" {}\noutput \"o\" {\n  value = var.x\n}\n";
    private static final String ROOT = """
            module "a" {
              source = "./mod"
              x      = 1
            }
            output "o" {
              value = module.a.o
            }
            """;

    /** A local module before init, then a call init has not recorded, in every command that loads the configuration. */
    @Test
    void modulesAreReadAsInitRecordedThem() throws Exception {
        Path[] d = dirs(Map.of("main.tf", ROOT, "mod/main.tf", MODULE));
        int n = everyCommand(d, "Error: Module not installed");
        Differential.tfOk(d[0], "init", "-input=false", "-no-color");
        Differential.capOk(d[1], "init", "-input=false", "-no-color");
        for (String cmd : List.of("validate", "graph", "providers")) {
            Differential.Run tf = Differential.tf(d[0], cmd, "-no-color");
            Differential.Run cap = Differential.cap(d[1], cmd, "-no-color");
            assertThat(tf.exit()).as(tf.out()).isZero();
            assertThat(cap.exit()).as(cap.out()).isZero();
        }
        assertThat(Differential.cap(d[1], "providers", "-no-color").out())
                .isEqualTo(Differential.tf(d[0], "providers", "-no-color").out());
        for (Path p : d) {
            Files.writeString(p.resolve("more.tf"), "module \"b\" {\n  source = \"./mod\"\n  x      = 2\n}\n");
        }
        n += everyCommand(d, "Error: Module not installed");
        System.out.println("modules before init and missing from the manifest (validate, plan, graph, providers, "
                + "console): " + n + " outputs equal to terraform's");
    }

    /** A missing separator whose context spans lines shows each line, in text and in -json's snippet. */
    @Test
    void snippetsShowEveryLineOfTheContext() throws Exception {
        Path[] d = dirs(Map.of("main.tf", "variable \"a\" {\n  type = list(string\n}\n"));
        sameBoth(d, "validate", "   2:   type = list(string\n   3: }\n");
        sameBoth(d, "plan", "Error: Missing argument separator");
        for (Path p : d) {
            Files.writeString(p.resolve("main.tf"), "locals {\n  a = [1,\n    2\n    3]\n  b = {\n    c = 1,\n    d = 2 e = 3\n  }\n}\n");
        }
        sameBoth(d, "validate", "   2:   a = [1,\n   3:     2\n   4:     3]\n");
        for (Path p : d) {
            Files.writeString(p.resolve("main.tf"), "locals {\n  b = {\n    c = 1,\n    d = 2 e = 3\n  }\n}\n");
        }
        sameBoth(d, "validate", "   2:   b = {\n   3:     c = 1,\n   4:     d = 2 e = 3\n");
        System.out.println("multi-line snippets (validate, plan): human and -json equal to terraform's");
    }

    /** After a missing separator inside an object type HCL skips to the end of the argument: one error. */
    @Test
    void recoveryInsideAnObjectTypeStopsAtTheFirstError() throws Exception {
        Path[] d = dirs(Map.of("main.tf", "variable \"a\" {\n  type = object({a = string b = number})\n}\n"
                + "variable \"b\" {\n  type = string\n}\n"));
        sameBoth(d, "validate", "Error: Missing attribute separator");
        assertThat(Differential.cap(d[1], "validate", "-no-color").out()).containsOnlyOnce("Error:");
        sameBoth(d, "plan", "Error: Missing attribute separator");
        for (Path p : d) {
            Files.writeString(p.resolve("main.tf"), "variable \"a\" {\n  type = object({\n    a = string\n"
                    + "    b = list(string\n  })\n}\n");
        }
        sameBoth(d, "validate", "   4:     b = list(string\n   5:   })\n");
        assertThat(Differential.cap(d[1], "validate", "-no-color").out()).containsOnlyOnce("Error:");
        for (Path p : d) {
            Files.writeString(p.resolve("main.tf"), "variable \"a\" {\n  type = map(object({a = string b = number}))\n"
                    + "  default = {}\n}\noutput \"o\" {\n  value = [1 2]\n}\n");
        }
        sameBoth(d, "validate", "Error: Missing attribute separator");
        System.out.println("recovery inside object types (validate, plan): human and -json equal to terraform's");
    }

    /**
     * validate and plan ({@code -no-color} and {@code -json}), graph, providers and console
     * ({@code -no-color}): the same output and exit code (1) from both tools, terraform's saying
     * {@code expected}. Returns how many outputs were compared.
     */
    private static int everyCommand(Path[] d, String expected) throws Exception {
        sameBoth(d, "validate", expected);
        sameBoth(d, "plan", expected);
        for (String cmd : List.of("graph", "providers", "console")) {
            Differential.Run tf = Differential.tf(d[0], cmd, "-no-color");
            Differential.Run cap = Differential.cap(d[1], cmd, "-no-color");
            assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
            assertThat(tf.out()).contains(expected);
            assertThat(cap.exit()).as(cap.out()).isEqualTo(1);
            // graph names files by absolute path: each tool's own directory
            assertThat(cap.out().replace(d[1].toString(), "DIR")).isEqualTo(tf.out().replace(d[0].toString(), "DIR"));
        }
        return 7;
    }

    /** {@code CMD -no-color} and {@code CMD -json}: exit 1 from both, terraform's text containing {@code expected}. */
    private static void sameBoth(Path[] d, String cmd, String expected) throws Exception {
        Differential.Run tf = Differential.tf(d[0], cmd, "-no-color");
        Differential.Run cap = Differential.cap(d[1], cmd, "-no-color");
        assertThat(tf.exit()).as(tf.out()).isEqualTo(1);
        assertThat(tf.out()).contains(expected);
        assertThat(cap.exit()).as(cap.out()).isEqualTo(1);
        assertThat(cap.out()).isEqualTo(tf.out());
        Differential.Run tfj = Differential.tfStdout(d[0], cmd, "-json");
        Differential.Run capj = Differential.capStdout(d[1], cmd, "-json");
        assertThat(capj.exit()).isEqualTo(tfj.exit()).isEqualTo(1);
        List<String> tfd = Differential.jsonDiagnostics(tfj.out(), cmd);
        assertThat(tfd).isNotEmpty();
        assertThat(Differential.jsonDiagnostics(capj.out(), cmd)).isEqualTo(tfd);
    }

    /** The same files in {@code tmp/terraform} and {@code tmp/capstan}; aborts (SKIP) without terraform. */
    private Path[] dirs(Map<String, String> files) throws IOException {
        return Differential.sameFiles(tmp, files);
    }
}
